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
	"github.com/familyportal/portal/render/document/examples"
)

// TestParentPackOfTheDemoPlan writes Amira's parent version for her mother (Urdu), her
// father (Polish) and another member (English), reads each back, and finds the plan's
// words in their language and never the withheld police information.
func TestParentPackOfTheDemoPlan(t *testing.T) {
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
	asOf := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
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
			file := filepath.Join(t.TempDir(), member+".pdf")
			os.WriteFile(file, pdf, 0o600)
			text := norm.NFKC.String(pdfTool(t, "pdftotext", file, "-"))
			lang := v.Lang.String()
			for _, want := range []string{v.T("parent.section.worries"), v.T("parent.rights.advocate"), v.Worries[0].Plain()} {
				if !containsWords(text, want, lang) {
					t.Errorf("the %s pack lacks %q", lang, want)
				}
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, secret := range withheld {
				if strings.Contains(flat, strings.Join(strings.Fields(secret), " ")) {
					t.Errorf("withheld text in the family's pack: %q", secret)
				}
			}
			if info := pdfTool(t, "pdfinfo", file); !strings.Contains(info, "Title:") || strings.Contains(info, "Title:           \n") {
				t.Errorf("no title:\n%s", info)
			}
		})
	}
}
