package render

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/familyportal/portal/render/document"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Dates on which Amira (born 2 April 2015) is in each age band of My Journey.
var bandDates = map[string]time.Time{
	BandUnder8: day("2021-06-01"),
	Band8to12:  day("2026-11-22"),
	Band13Plus: day("2028-06-01"),
}

func checkGolden(t *testing.T, name string, html template.HTML) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update)", err)
	}
	if string(want) != string(html) {
		t.Errorf("%s differs; run go test ./render -update and review the diff", golden)
	}
}

// TestFamilyViewsGolden: each view in each age band, in a left-to-right and a right-to-left
// language.
func TestFamilyViewsGolden(t *testing.T) {
	r := newRenderer(t)
	amira := demoDocument(t, "amira.json")
	for _, lang := range []string{"en", "ar"} {
		for band, asOf := range bandDates {
			html, v, err := r.Child(amira, ChildOptions{Lang: lang, AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			if v.Band != band {
				t.Fatalf("on %s Amira is in band %s, want %s", asOf.Format(time.DateOnly), v.Band, band)
			}
			checkGolden(t, "amira.child."+band+"."+lang+".html", html)
		}
	}
	for _, c := range []struct{ member, lang string }{{"F-3", "en"}, {"F-1", "ar"}} {
		html, _, err := r.Parent(amira, ParentOptions{Member: c.member, Lang: c.lang, AsOf: bandDates[Band8to12]})
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "amira.parent."+c.member+"."+c.lang+".html", html)
	}
}

// everyFamilyPage renders every family view of every demo document, for every family member
// and in every offered language, and calls check with each page.
func everyFamilyPage(t *testing.T, check func(name string, doc *document.Document, lang string, html string)) {
	r := newRenderer(t)
	for _, file := range []string{"amira.json", "bilal.json"} {
		doc := demoDocument(t, file)
		for _, lang := range r.Languages() {
			for _, asOf := range bandDates {
				html, _, err := r.Child(doc, ChildOptions{Lang: lang, AsOf: asOf})
				if err != nil {
					t.Fatal(err)
				}
				check(file+" child "+lang+" "+asOf.Format(time.DateOnly), doc, lang, string(html))
			}
			for _, m := range doc.Family {
				html, _, err := r.Parent(doc, ParentOptions{Member: m.Ref, Lang: lang, AsOf: bandDates[Band8to12]})
				if err != nil {
					t.Fatal(err)
				}
				check(file+" parent "+m.Ref+" "+lang, doc, lang, string(html))
			}
		}
	}
}

// TestWithheldNeverReachesAFamily: no withheld text, translation of one, or reason, in any
// family page: not as text, attribute or comment, not in "Words we use".
func TestWithheldNeverReachesAFamily(t *testing.T) {
	checked := 0
	everyFamilyPage(t, func(name string, doc *document.Document, lang string, html string) {
		checked++
		for path, text := range doc.Texts() {
			if !text.Withheld() {
				continue
			}
			secrets := []string{text.Text, text.ForChild, text.Reason}
			for _, tr := range text.Translations {
				secrets = append(secrets, tr)
			}
			for _, s := range secrets {
				if s == "" {
					continue
				}
				// Any 40 characters of it would do; check its start, middle and end.
				for _, piece := range pieces(s, 40) {
					if strings.Contains(html, template.HTMLEscapeString(piece)) || strings.Contains(html, piece) {
						t.Errorf("%s: withheld %s shows: %q", name, path, piece)
					}
				}
			}
		}
	})
	if checked < 20 {
		t.Errorf("only %d pages checked", checked)
	}
}

func pieces(s string, n int) []string {
	r := []rune(s)
	if len(r) <= n {
		return []string{s}
	}
	mid := len(r)/2 - n/2
	return []string{string(r[:n]), string(r[mid : mid+n]), string(r[len(r)-n:])}
}

// TestYoungPersonsPrivateSections: Bilal (16) keeps his views from his parents; the parent
// version says only that some parts are private.
func TestYoungPersonsPrivateSections(t *testing.T) {
	r := newRenderer(t)
	bilal := demoDocument(t, "bilal.json")
	if !bilal.Plan.IsPrivate("child_views") {
		t.Fatal("the demo should keep Bilal's views private")
	}
	html, v, err := r.Parent(bilal, ParentOptions{Member: "F-1", Lang: "en", AsOf: day("2026-11-22")})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Private || !strings.Contains(string(html), "has chosen to keep them private") {
		t.Error("the parent version does not say that some parts are private")
	}
	for _, piece := range pieces(bilal.Plan.ChildViews.Text.Text, 30) {
		if strings.Contains(string(html), template.HTMLEscapeString(piece)) {
			t.Errorf("Bilal's private views reach his parents: %q", piece)
		}
	}
	// Before 16, a choice of privacy is not his to make yet: the section is shown.
	_, younger, _ := r.Parent(bilal, ParentOptions{Member: "F-1", Lang: "en", AsOf: day("2025-06-01")})
	if younger.Private || younger.ChildViews.IsZero() {
		t.Error("at 15 the private sections were honoured")
	}
}

// TestChildUnder13SeesOnlyChildWording: an item with no for_child wording is replaced by
// "Your social worker will talk to you about this"; at 13 the plain parent wording shows.
func TestChildUnder13SeesOnlyChildWording(t *testing.T) {
	r := newRenderer(t)
	doc := demoDocument(t, "amira.json")
	var noChildWording string
	for _, w := range doc.Plan.Worries {
		if w.ForChild == "" && !w.Withheld() {
			noChildWording = w.Text
			break
		}
	}
	if noChildWording == "" {
		doc.Plan.Worries = append(doc.Plan.Worries, document.Text{Text: "A worry with no words for a child yet."})
		noChildWording = "A worry with no words for a child yet."
	}
	young, _, _ := r.Child(doc, ChildOptions{Lang: "en", AsOf: bandDates[Band8to12]})
	if strings.Contains(string(young), template.HTMLEscapeString(noChildWording)) {
		t.Error("a child under 13 sees a worry with no child wording")
	}
	if !strings.Contains(string(young), "Your social worker will talk to you about") {
		t.Error("no 'your social worker will talk to you' in its place")
	}
	teen, _, _ := r.Child(doc, ChildOptions{Lang: "en", AsOf: bandDates[Band13Plus]})
	if !strings.Contains(string(teen), template.HTMLEscapeString(firstWords(noChildWording, 6))) {
		t.Error("a 13-year-old does not see the plain wording")
	}
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// TestParentSeesTheirOwnPart: the member's actions are under "Your part" as "You:".
func TestParentSeesTheirOwnPart(t *testing.T) {
	r := newRenderer(t)
	doc := demoDocument(t, "amira.json")
	_, v, err := r.Parent(doc, ParentOptions{Member: "F-2", Lang: "en", AsOf: bandDates[Band8to12]})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range doc.Plan.Actions {
		if a.Who == "F-2" && !a.What.Withheld() {
			want++
		}
	}
	if want == 0 || len(v.YourActions) != want {
		t.Errorf("%d actions under 'Your part', want %d", len(v.YourActions), want)
	}
	for _, a := range v.OtherActions {
		if strings.Contains(a.Who, "Tomasz") {
			t.Errorf("the reader's own action is listed as someone else's: %+v", a)
		}
	}
	if _, _, err := r.Parent(doc, ParentOptions{Member: "F-9"}); err == nil {
		t.Error("an unknown member was rendered")
	}
}

// TestTermsExplainedOnce: a glossary term is explained inline where it first appears and
// again in "Words we use", and only linked after that.
func TestTermsExplainedOnce(t *testing.T) {
	r := newRenderer(t)
	html, v, _ := r.Parent(demoDocument(t, "amira.json"), ParentOptions{Member: "F-3", Lang: "en", AsOf: bandDates[Band8to12]})
	if len(v.Words) < 10 {
		t.Fatalf("only %d words explained", len(v.Words))
	}
	page, _ := goquery.NewDocumentFromReader(strings.NewReader(string(html)))
	for _, w := range v.Words {
		if n := page.Find(`a.term[href="#word-` + w.ID + `"] + .term-explain`).Length(); n != 1 {
			t.Errorf("%s is explained inline %d times, want once", w.ID, n)
		}
		if page.Find("#word-"+w.ID).Length() != 1 {
			t.Errorf("%s is not in Words we use", w.ID)
		}
	}
}

// englishWords are words that give away an English sentence.
var englishWords = map[string]bool{
	"the": true, "and": true, "you": true, "your": true, "is": true, "are": true, "to": true,
	"of": true, "will": true, "with": true, "for": true, "this": true, "that": true, "what": true,
	"we": true, "our": true, "can": true, "not": true, "has": true, "have": true, "they": true,
	"who": true, "when": true, "about": true, "there": true, "if": true,
}

// TestNoEnglishInsideOtherLanguages: in a page in another language, every English sentence
// is plan content marked lang="en" as not yet translated.
func TestNoEnglishInsideOtherLanguages(t *testing.T) {
	everyFamilyPage(t, func(name string, doc *document.Document, lang string, html string) {
		if lang == "en" {
			return
		}
		page, err := goquery.NewDocumentFromReader(strings.NewReader(html))
		if err != nil {
			t.Fatal(err)
		}
		page.Find("*").Each(func(_ int, el *goquery.Selection) {
			if el.Closest(`[lang="en"]`).Length() > 0 {
				return
			}
			for _, n := range el.Nodes {
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type != 1 { // text nodes only
						continue
					}
					if looksEnglish(c.Data) {
						t.Errorf("%s: English outside marked content: %q", name, strings.TrimSpace(c.Data))
					}
				}
			}
		})
	})
}

func looksEnglish(s string) bool {
	seen := map[string]bool{}
	words := strings.Fields(strings.ToLower(s))
	for _, w := range words {
		w = strings.Trim(w, ".,;:!?()\"'")
		if englishWords[w] {
			seen[w] = true
		}
	}
	return len(words) >= 4 && len(seen) >= 2
}

func BenchmarkViews(b *testing.B) {
	r := newRenderer(b)
	doc := demoDocument(b, "amira.json")
	asOf := bandDates[Band8to12]
	b.Run("parent", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := r.Parent(doc, ParentOptions{Member: "F-1", AsOf: asOf}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("child", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := r.Child(doc, ChildOptions{AsOf: asOf}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("worker", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Worker(doc, 1, "en", asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
}
