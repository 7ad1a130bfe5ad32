package plain

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/document/examples"
)

var grepDir = flag.String("grep-dir", "", "write the 10,000-word plan text and the glossary's variants here, for .ci/grep-compare")

// tenThousandWords is the demo plan's texts repeated until they make 10,000 words, written
// the way plans are: long, passive, full of terms.
func tenThousandWords(t testing.TB) (*document.Document, string) {
	t.Helper()
	doc, err := examples.Document("amira.json")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, text := range doc.Texts() {
		texts = append(texts, text.Text)
	}
	// A plan of 10,000 words: the demo's worries, many times over.
	var words int
	var all []string
	for words < 10000 {
		for _, s := range texts {
			all = append(all, s)
			words += len(strings.Fields(s))
			if words >= 10000 {
				break
			}
		}
	}
	big := &document.Document{Schema: document.Schema, Child: doc.Child, Family: doc.Family, Team: doc.Team}
	big.Plan.Ref, big.Plan.Kind = doc.Plan.Ref, doc.Plan.Kind
	for _, s := range all {
		big.Plan.Worries = append(big.Plan.Worries, document.Text{Text: s})
	}
	return big, strings.Join(all, "\n")
}

// BenchmarkCheck is the whole check of a 10,000-word plan: every term, every acronym, the
// readability of every text, explanations looked up.
func BenchmarkCheck(b *testing.B) {
	g := loadGlossary(b)
	c, err := locales.Load()
	if err != nil {
		b.Fatal(err)
	}
	tr := c.Translator("en")
	doc, _ := tenThousandWords(b)
	b.ReportAllocs()
	for b.Loop() {
		g.Check(doc, tr, DefaultTargets)
	}
}

// BenchmarkFind is the scan alone, over the same 10,000 words as one text: the figure to
// compare with grep -F -f (see .ci/grep-compare).
func BenchmarkFind(b *testing.B) {
	g := loadGlossary(b)
	_, text := tenThousandWords(b)
	if *grepDir != "" {
		var variants []string
		for _, e := range g.Entries() {
			variants = append(variants, e.Variants...)
		}
		os.WriteFile(filepath.Join(*grepDir, "terms.txt"), []byte(strings.Join(variants, "\n")+"\n"), 0o644)
		os.WriteFile(filepath.Join(*grepDir, "plan.txt"), []byte(text+"\n"), 0o644)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		g.Find(text)
	}
}
