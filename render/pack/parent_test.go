package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/document/examples"
)

// asOf is the day the demo plan is read: eight days after its last meeting.
var asOf = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// demoPlan is Amira's plan, a renderer, and the start of each text kept from the family.
func demoPlan(t testing.TB) (*document.Document, *render.Renderer, []string) {
	t.Helper()
	doc, err := examples.Document("amira.json")
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(catalog)
	if err != nil {
		t.Fatal(err)
	}
	var withheld []string
	for _, text := range doc.Texts() {
		if text.Withheld() {
			withheld = append(withheld, text.Text[:min(40, len(text.Text))])
		}
	}
	if len(withheld) == 0 {
		t.Fatal("the demo plan keeps nothing from the family: the privacy checks would prove nothing")
	}
	return doc, r, withheld
}

// readBack writes a pack to a file and reads it with poppler: its text (NFKC), its number
// of pages, its metadata and its outline of bookmarks (pdfinfo -dests lists none, so the
// outline is read from the text of the file itself).
type readBack struct {
	file, text, info string
	pages            int
}

func read(t *testing.T, name string, pdf []byte) readBack {
	t.Helper()
	file := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	text := norm.NFKC.String(pdfTool(t, "pdftotext", file, "-"))
	return readBack{file: file, text: text, info: pdfTool(t, "pdfinfo", file), pages: strings.Count(text, "\f")}
}

// lacksWithheld fails when any withheld text is in a family's pack: its pages, or its
// metadata.
func (b readBack) lacksWithheld(t *testing.T, withheld []string) {
	t.Helper()
	flat := strings.Join(strings.Fields(b.text+b.info), " ")
	for _, secret := range withheld {
		if strings.Contains(flat, strings.Join(strings.Fields(secret), " ")) {
			t.Errorf("withheld text in the family's pack: %q", secret)
		}
	}
}

// fontsEmbedded fails when pdffonts lists a font not embedded in the file.
func (b readBack) fontsEmbedded(t *testing.T) {
	t.Helper()
	for _, line := range strings.Split(pdfTool(t, "pdffonts", b.file), "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 && !strings.Contains(line, " yes ") {
			t.Errorf("a font is not embedded: %s", line)
		}
	}
}

// TestParentPackOfTheDemoPlan writes Amira's parent version for her mother (Urdu), her
// father (Polish) and her brother (English), reads each back, and finds the plan's words
// in their language and never the withheld police information.
func TestParentPackOfTheDemoPlan(t *testing.T) {
	doc, r, withheld := demoPlan(t)
	for _, member := range []string{"F-1", "F-2", "F-3"} {
		t.Run(member, func(t *testing.T) {
			v, err := r.ParentView(doc, render.ParentOptions{Member: member, AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := Parent(v, Options{Author: "Northbridge City Council (demo)"})
			if err != nil {
				t.Fatal(err)
			}
			b := read(t, member, pdf)
			lang := v.Lang.String()
			for _, want := range []string{v.T("parent.section.worries"), v.T("parent.rights.advocate"), v.Worries[0].Plain()} {
				if !containsWords(b.text, want, lang) {
					t.Errorf("the %s pack lacks %q", lang, want)
				}
			}
			b.lacksWithheld(t, withheld)
			if !strings.Contains(b.info, "Title:") || strings.Contains(b.info, "Title:           \n") {
				t.Errorf("no title:\n%s", b.info)
			}
		})
	}
}
