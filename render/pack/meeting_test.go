package pack

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/familyportal/portal/render"
)

// TestMeetingPacks writes the pack for the meeting of 14 November for each of Amira's family
// members, in Urdu, Polish and English, and reads each back: the letter, the plan, the
// meeting's notes, the form, the rights and the words are there in the reader's language;
// the withheld texts are nowhere, not in the pages, the metadata or the bookmarks; each page
// is numbered "page N of M" in the language; the fonts are inside.
func TestMeetingPacks(t *testing.T) {
	doc, r, withheld := demoPlan(t)
	for _, c := range []struct{ member, lang string }{{"F-1", "ur"}, {"F-2", "pl"}, {"F-3", "en"}} {
		t.Run(c.member, func(t *testing.T) {
			v, err := r.ParentView(doc, render.ParentOptions{Member: c.member, AsOf: asOf, Meeting: "M-3", Promises: []render.PromiseLine{}})
			if err != nil {
				t.Fatal(err)
			}
			if v.Lang.String() != c.lang {
				t.Fatalf("the pack is in %s, want %s", v.Lang, c.lang)
			}
			o := Options{Author: "Northbridge City Council (demo)", Online: Online{Link: "https://portal.example.org/signin", Code: "ABCD 2345", CodeUntil: "6 December 2026"}}
			pdf, err := Meeting(v, o)
			if err != nil {
				t.Fatal(err)
			}
			b := read(t, c.member, pdf)
			for _, want := range []string{
				v.T("pack.letter.dear", "Name", v.Member.Name),
				v.T("pack.letter.held", "Child", v.ChildName, "Date", v.Meeting.When),
				v.Meeting.Where.Plain(),
				v.T("parent.next.advocate"),
				v.Minutes[0].Summary.Plain(),
				v.T("forms.q.worries"),
				v.T("pack.form.return.give"),
				v.T("pack.form.code", "Code", "ABCD\u00a02345", "Date", "6 December 2026"),
				v.T("rights.complain.safe"),
				v.Words[0].Explanation,
			} {
				if !containsWords(b.text, want, c.lang) {
					t.Errorf("the %s meeting pack lacks %q", c.lang, want)
				}
			}
			if b.pages < 6 || b.pages > 40 {
				t.Errorf("%d pages", b.pages)
			}
			for _, page := range []int{1, b.pages} {
				if want := v.T("pack.page", "Page", page, "Pages", b.pages); !containsWords(b.text, want, c.lang) {
					t.Errorf("no page number %q", want)
				}
			}
			b.lacksWithheld(t, withheld)
			lacksRaw(t, pdf, withheld)
			for _, mark := range []string{v.T("pack.letter.title"), v.T("forms.thoughts.title"), v.T("rights.title")} {
				if !bytes.Contains(pdf, pdfString(mark)) {
					t.Errorf("no bookmark %q", mark)
				}
			}
			b.fontsEmbedded(t)
		})
	}
}

// TestMeetingPackForAMeetingToCome invites rather than reports, and says when to send the
// form back by.
func TestMeetingPackForAMeetingToCome(t *testing.T) {
	doc, r, _ := demoPlan(t)
	v, err := r.ParentView(doc, render.ParentOptions{Member: "F-3", AsOf: asOf.AddDate(0, -2, 0), Meeting: "M-3"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Meeting.Held {
		t.Fatal("two months before, the meeting is to come")
	}
	pdf, err := Meeting(v, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := read(t, "invite", pdf)
	for _, want := range []string{v.T("pack.letter.invite", "Child", v.ChildName), v.T("pack.form.return.before", "Date", v.Meeting.When), v.T("parent.next.who")} {
		if !containsWords(b.text, want, "en") {
			t.Errorf("the pack lacks %q", want)
		}
	}
	if _, err := r.ParentView(doc, render.ParentOptions{Member: "F-3", AsOf: asOf, Meeting: "M-9"}); err == nil {
		t.Error("a pack for a meeting the plan does not have")
	}
}

// TestWorkerPackMarksWithheld shows the worker everything, the withheld texts marked.
func TestWorkerPackMarksWithheld(t *testing.T) {
	doc, r, withheld := demoPlan(t)
	v := r.WorkerView(doc, 1, "en", asOf)
	pdf, err := Worker(v, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := read(t, "worker", pdf)
	flat := strings.Join(strings.Fields(b.text), " ")
	for _, secret := range withheld {
		if !strings.Contains(flat, strings.Join(strings.Fields(secret), " ")) {
			t.Errorf("the worker pack lacks the withheld %q", secret)
		}
	}
	if got := strings.Count(flat, v.T("worker.withheld.tag")); got != len(withheld) {
		t.Errorf("%d texts marked %q, want %d", got, v.T("worker.withheld.tag"), len(withheld))
	}
	b.fontsEmbedded(t)
}

// TestJourneyPack writes My Journey for Amira, 11: her words, with pictures, larger type,
// and "My views" in the simpler words; nothing withheld.
func TestJourneyPack(t *testing.T) {
	doc, r, withheld := demoPlan(t)
	v := r.ChildView(doc, render.ChildOptions{AsOf: asOf})
	pdf, err := Child(v, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := read(t, "journey", pdf)
	for _, want := range []string{v.T("child.hello", "Name", v.Name), v.T("child.section.helpers"), v.Helpers[0].Does, v.T("forms.views.title"), v.T("forms.q.hard_young"), v.T("child.rights.childline")} {
		if !containsWords(b.text, want, "en") {
			t.Errorf("My Journey lacks %q", want)
		}
	}
	b.lacksWithheld(t, withheld)
	lacksRaw(t, pdf, withheld)
	pv, err := r.ParentView(doc, render.ParentOptions{Member: "F-3", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	parent, err := Parent(pv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ratio := wordHeight(t, b.file) / wordHeight(t, read(t, "parent", parent).file); ratio < 14.0/11*0.9 {
		t.Errorf("My Journey for an 11-year-old is set %.2f times as large as a parent's pack, want about 14/11", ratio)
	}
}

// TestLargePrint sets a grandmother's pack at 16 pt: its words stand at least 16/11 as tall
// as the ordinary pack's.
func TestLargePrint(t *testing.T) {
	doc, r, _ := demoPlan(t)
	v, err := r.ParentView(doc, render.ParentOptions{Member: "F-3", AsOf: asOf, Meeting: "M-3"})
	if err != nil {
		t.Fatal(err)
	}
	var heights []float64
	for _, large := range []bool{false, true} {
		pdf, err := Meeting(v, Options{LargePrint: large})
		if err != nil {
			t.Fatal(err)
		}
		heights = append(heights, wordHeight(t, read(t, "large", pdf).file))
	}
	if ratio := heights[1] / heights[0]; ratio < 16.0/11*0.95 {
		t.Errorf("large print words are %.2f times as tall as ordinary ones, want 16/11", ratio)
	}
}

var wordBox = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">`)

// wordHeight is the median height of the words on a pack's pages, in points.
func wordHeight(t *testing.T, file string) float64 {
	t.Helper()
	var hs []float64
	for _, m := range wordBox.FindAllStringSubmatch(pdfTool(t, "pdftotext", "-bbox", file, "-"), -1) {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		hs = append(hs, y1-y0)
	}
	if len(hs) == 0 {
		t.Fatal("pdftotext -bbox found no words")
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}

// pdfString is text as fpdf writes it into bookmarks and metadata: UTF-16, big-endian,
// with a byte order mark, and \ ( ) and carriage returns escaped byte by byte.
func pdfString(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	out = bytes.ReplaceAll(out, []byte(`\`), []byte(`\\`))
	out = bytes.ReplaceAll(out, []byte("("), []byte(`\(`))
	out = bytes.ReplaceAll(out, []byte(")"), []byte(`\)`))
	return bytes.ReplaceAll(out, []byte("\r"), []byte(`\r`))
}

// lacksRaw fails when the file holds a withheld text outside its page streams, where
// bookmarks and metadata are, in UTF-8 or UTF-16.
func lacksRaw(t *testing.T, pdf []byte, withheld []string) {
	t.Helper()
	for _, secret := range withheld {
		first := strings.Fields(secret)
		probe := strings.Join(first[:min(4, len(first))], " ")
		if bytes.Contains(pdf, []byte(probe)) || bytes.Contains(pdf, pdfString(probe)[2:]) {
			t.Errorf("withheld text in the file's bookmarks or metadata: %q", probe)
		}
	}
}
