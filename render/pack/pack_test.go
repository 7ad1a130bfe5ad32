package pack

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/familyportal/portal/locales"
)

// pdfTool runs one of poppler's tools on a PDF; it skips on a machine without poppler,
// except in CI, which installs it.
func pdfTool(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run should have installed poppler-utils", tool)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

// TestPackReadsBackInEveryScript writes a two-page pack in English, Polish and Urdu and
// reads it back with pdftotext: every sentence is there (after NFKC, which undoes the
// Arabic presentation forms), the page numbers are in the language, the fonts embedded.
func TestPackReadsBackInEveryScript(t *testing.T) {
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, heading, sentence string
		large                   bool
	}{
		{"en", "Why we are working with you", "Amira has missed 40 school days this year.", false},
		{"pl", "Dlaczego współpracujemy z Tobą", "Amira opuściła w tym roku 40 dni szkoły; zażółć gęślą jaźń.", true},
		{"ur", "ہم آپ کے ساتھ کیوں کام کر رہے ہیں", "آمنہ اس سال اسکول کے 40 دن نہیں گئی۔ فون 024 7683 1042", false},
	} {
		t.Run(c.lang, func(t *testing.T) {
			tr := catalog.Translator(c.lang)
			w, err := New(tr, Options{Title: c.heading, Author: "Northbridge City Council (demo)", LargePrint: c.large, Created: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			w.Heading(c.heading, 0)
			for range 40 {
				w.Paragraph(c.sentence)
			}
			pdf, err := w.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), c.lang+".pdf")
			if err := os.WriteFile(file, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			text := norm.NFKC.String(pdfTool(t, "pdftotext", "-layout", file, "-"))
			for _, want := range []string{c.heading, c.sentence} {
				if !containsWords(text, want, c.lang) {
					t.Errorf("pdftotext lacks %q", want)
				}
			}
			pages := strings.Count(text, "\f")
			if pages < 2 || pages > 12 {
				t.Errorf("%d pages for 40 short paragraphs", pages)
			}
			if last := tr.T("pack.page", "Page", pages, "Pages", pages); !containsWords(text, last, c.lang) {
				t.Errorf("no page number %q", last)
			}
			info := pdfTool(t, "pdfinfo", file)
			if !strings.Contains(info, "Northbridge City Council (demo)") {
				t.Errorf("the author is not the council:\n%s", info)
			}
			fonts := pdfTool(t, "pdffonts", file)
			for _, line := range strings.Split(fonts, "\n")[2:] {
				if f := strings.Fields(line); len(f) >= 5 && !strings.Contains(line, " yes ") {
					t.Errorf("a font is not embedded: %s", line)
				}
			}
		})
	}
}

// bidiControls are the invisible marks that set the direction of a phone number or a code
// inside right-to-left text; they are not drawn.
var bidiControls = strings.NewReplacer("\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "", "\u200e", "", "\u200f", "")

// containsWords reports whether text has want's words in order. Right-to-left lines come
// back from pdftotext in visual order, so for Urdu each word is looked for on its own.
func containsWords(text, want, lang string) bool {
	text = strings.Join(strings.Fields(text), " ")
	want = strings.Join(strings.Fields(bidiControls.Replace(norm.NFKC.String(want))), " ")
	if lang != "ur" && lang != "ar" {
		return strings.Contains(text, want)
	}
	for _, word := range strings.Fields(want) {
		// Brackets come back mirrored from a right-to-left line: look for the letters.
		word = strings.Trim(word, "()[]«»\"'.,:;!?،؛؟۔")
		if word != "" && !strings.Contains(text, word) {
			return false
		}
	}
	return true
}
