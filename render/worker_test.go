package render

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/document/examples"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(catalog)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func demoDocument(t testing.TB, name string) *document.Document {
	t.Helper()
	d, err := examples.Document(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func parseHTML(t *testing.T, html string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestWorkerViewShowsEverything: every text of the document is on the page, and each
// withheld one is marked with its reason.
func TestWorkerViewShowsEverything(t *testing.T) {
	r := newRenderer(t)
	for _, name := range []string{"amira.json", "bilal.json"} {
		t.Run(name, func(t *testing.T) {
			doc := demoDocument(t, name)
			html, err := r.Worker(doc, 1, "en", today)
			if err != nil {
				t.Fatal(err)
			}
			page := parseHTML(t, string(html))
			withheld := 0
			for path, text := range doc.Texts() {
				id := TextView{Path: path}.Anchor()
				el := page.Find("#" + id)
				if el.Length() != 1 {
					t.Errorf("%s: %d elements with id %s", path, el.Length(), id)
					continue
				}
				if got := el.Find(".text__words").Text(); got != text.Text {
					t.Errorf("%s: words = %q, want %q", path, got, text.Text)
				}
				if text.Withheld() {
					withheld++
					tag := el.Find(".tag--withheld").Text()
					if !strings.Contains(tag, "Not for the family") || !strings.Contains(tag, text.Reason) {
						t.Errorf("%s: withheld tag = %q", path, tag)
					}
				} else if el.HasClass("text--withheld") {
					t.Errorf("%s: marked withheld but is for the family", path)
				}
			}
			if withheld == 0 {
				t.Error("the demo document has no withheld text to check")
			}
			if got := page.Find(".notice--withheld").Text(); !strings.Contains(got, "texts are not for the family") {
				t.Errorf("withheld notice = %q", got)
			}
			if n := page.Find(".action").Length(); n < len(doc.Plan.Actions) {
				t.Errorf("%d actions shown, want at least %d", n, len(doc.Plan.Actions))
			}
			if strings.Contains(string(html), "worker.") || strings.Contains(string(html), "meeting.kind.") {
				t.Error("a message ID was shown instead of its words")
			}
		})
	}
}

func TestWorkerViewGolden(t *testing.T) {
	html, err := newRenderer(t).Worker(demoDocument(t, "amira.json"), 1, "en", today)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "amira.worker.html")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(html) {
		t.Errorf("worker view differs from %s; run go test ./render -update and review the diff", golden)
	}
}

func TestAgeOn(t *testing.T) {
	dob := func(s string) document.Date {
		d, _ := document.Parse([]byte(`{"schema":"plan-document/v1","child":{"ref":"C","name":"N","date_of_birth":"` + s + `"},"plan":{"ref":"P","kind":"early_help"}}`))
		return d.Child.DateOfBirth
	}
	tests := []struct {
		dob  string
		on   time.Time
		want int
	}{
		{"2015-04-02", today, 11},
		{"2010-11-22", today, 16},
		{"2010-11-23", today, 15},
		{"2012-02-29", time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), 13},
		{"2012-02-29", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 14},
	}
	for _, tt := range tests {
		if got := AgeOn(dob(tt.dob), tt.on); got != tt.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.dob, tt.on.Format("2006-01-02"), got, tt.want)
		}
	}
}

func BenchmarkWorkerView(b *testing.B) {
	r := newRenderer(b)
	doc := demoDocument(b, "amira.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Worker(doc, 1, "en", today); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEveryListValueHasWords: each closed list of the plan document has a label.
func TestEveryListValueHasWords(t *testing.T) {
	tr := newRenderer(t).Translator("en")
	for prefix, list := range map[string][]string{
		"plan.kind.":     document.PlanKinds,
		"meeting.kind.":  document.MeetingKinds,
		"team.role.":     document.TeamRoles,
		"action.status.": document.ActionStatuses,
	} {
		for _, v := range list {
			if !tr.Has(prefix + v) {
				t.Errorf("no message %s%s", prefix, v)
			}
		}
	}
}
