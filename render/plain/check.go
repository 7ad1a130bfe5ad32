package plain

import (
	"strings"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
)

// Targets are the highest reading ages that family texts should need. GOV.UK writes for a
// reading age of 9; plans are harder, so parents' wording is held to 12 by default and the
// child's wording to 9.
type Targets struct {
	Parent, Child int
}

// DefaultTargets are the reading ages used unless a council sets others.
var DefaultTargets = Targets{Parent: 12, Child: 9}

// Report is the plain-language check of a whole plan document. Its JSON is the contract of
// `portal check --format json`.
type Report struct {
	Findings    []DocFinding      `json:"findings"`
	Readability []TextReadability `json:"readability"`
	Summary     Summary           `json:"summary"`
}

// DocFinding is a finding in one text of the document. Start and End are code point offsets
// into the text at Path, End exclusive.
type DocFinding struct {
	Path        string `json:"path"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	Kind        string `json:"kind"`
	Entry       string `json:"entry"`
	Explanation string `json:"explanation"`
	Suggestion  string `json:"suggestion"`
	// For people reading the text format: the words either side, and whether the text is
	// kept from the family.
	Before, After string `json:"-"`
	Withheld      bool   `json:"-"`
}

// TextReadability is the readability of one text of the document.
type TextReadability struct {
	Path               string  `json:"path"`
	Words              int     `json:"words"`
	Sentences          int     `json:"sentences"`
	FleschReadingEase  float64 `json:"flesch_reading_ease"`
	FleschKincaidGrade float64 `json:"flesch_kincaid_grade"`
	ReadingAge         int     `json:"reading_age"`
	// For the text format.
	WordsPerSentence float64 `json:"-"`
	Target           int     `json:"-"`
	Withheld         bool    `json:"-"`
}

// AboveTarget reports whether the text needs a higher reading age than its audience's target.
func (r TextReadability) AboveTarget() bool { return r.ReadingAge > r.Target }

// Summary counts what the check found.
type Summary struct {
	Texts               int `json:"texts"`
	Findings            int `json:"findings"`
	UnexplainedAcronyms int `json:"unexplained_acronyms"`
	AboveTarget         int `json:"-"`
	Withheld            int `json:"-"`
}

// Check checks every family-facing text of a document — the words and the child's wording,
// not translations — including withheld texts, which are marked. Explanations are in tr's
// language.
func (g *Glossary) Check(doc *document.Document, tr locales.Translator, targets Targets) Report {
	r := Report{Findings: []DocFinding{}, Readability: []TextReadability{}}
	for path, t := range doc.Texts() {
		words := path
		if t.IsObject() {
			words = path + ".text"
		}
		if t.Withheld() {
			r.Summary.Withheld++
		}
		g.checkText(&r, tr, words, t.Text, targets.Parent, t.Withheld())
		if t.ForChild != "" {
			g.checkText(&r, tr, path+".for_child", t.ForChild, targets.Child, t.Withheld())
		}
	}
	return r
}

func (g *Glossary) checkText(r *Report, tr locales.Translator, path, text string, target int, withheld bool) {
	if strings.TrimSpace(text) == "" {
		return
	}
	r.Summary.Texts++
	runes := []rune(text)
	for _, f := range g.Find(text) {
		df := DocFinding{
			Path: path, Start: f.Start, End: f.End, Text: f.Text, Kind: f.Kind,
			Before: context(runes[:f.Start], true), After: context(runes[f.End:], false),
			Withheld: withheld,
		}
		if f.Entry != nil {
			df.Entry = f.Entry.ID
			df.Explanation = f.Entry.ForParents(tr)
			df.Suggestion = f.Entry.Suggestion(tr)
		} else {
			df.Explanation = tr.T("check.unexplained", "Acronym", f.Text)
			r.Summary.UnexplainedAcronyms++
		}
		r.Findings = append(r.Findings, df)
	}
	m := Measure(text)
	tr2 := TextReadability{
		Path: path, Words: m.Words, Sentences: m.Sentences,
		FleschReadingEase: m.FleschReadingEase, FleschKincaidGrade: m.FleschKincaid, ReadingAge: m.ReadingAge,
		WordsPerSentence: m.WordsPerSentence, Target: target, Withheld: withheld,
	}
	if tr2.AboveTarget() {
		r.Summary.AboveTarget++
	}
	r.Readability = append(r.Readability, tr2)
	r.Summary.Findings = len(r.Findings)
}

// collapseSpace turns each run of spaces and line breaks into one space, keeping one at
// either end if there was one, so the words around a finding read as they were written.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// context returns up to six words of text next to a finding, on one line.
func context(runes []rune, before bool) string {
	const width = 40
	s := runes
	if before && len(s) > width {
		s = s[len(s)-width:]
	} else if !before && len(s) > width {
		s = s[:width]
	}
	out := collapseSpace(string(s))
	if before && len(runes) > width {
		if i := strings.IndexByte(out, ' '); i >= 0 {
			out = "…" + out[i:]
		}
	}
	if !before && len(runes) > width {
		if i := strings.LastIndexByte(out, ' '); i >= 0 {
			out = out[:i] + " …"
		}
	}
	return out
}
