package render

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/plain"
)

// familyPage is what every family view shares: the reader's words, and whether those words
// are a draft translation the family must be told about.
type familyPage struct {
	locales.Translator
	Title        string
	Draft        bool // the page's words are a draft translation
	Untranslated bool // some plan content is shown in English, marked
	Words        []wordView
}

// Titled returns the page's title and language, for callers that keep the rendered page.
func (p *familyPage) Titled() (title, lang string) { return p.Title, p.Lang.String() }

// wordList is what the "words" template shows: "Words we use" with its heading and intro.
type wordList struct {
	Heading, Intro string
	Words          []wordView
}

// WordList is the page's "Words we use", under the heading and intro messages given.
func (p *familyPage) WordList(heading, intro string) wordList {
	l := wordList{Heading: p.T(heading), Words: p.Words}
	if intro != "" {
		l.Intro = p.T(intro)
	}
	return l
}

// actionList is what the "family-actions" template shows.
type actionList struct {
	Page    *familyPage
	Actions []familyAction
}

// ActionList puts actions with the page's words, for the "family-actions" template.
func (p *familyPage) ActionList(actions []familyAction) actionList {
	return actionList{Page: p, Actions: actions}
}

// FamilyText is one text of the plan as a family member reads it: in their language, or in
// English marked as not yet translated, with glossary terms explained where they first appear.
type FamilyText struct {
	Parts        []textPart
	Lang         string // set when the words are not in the page's language ("en")
	Untranslated bool
	ReaderLang   string // the page's language and direction, for explanations inside English words
	ReaderDir    string
	Note         string // "This part is in English because ...", in the reader's language
}

// IsZero reports whether there is nothing to show.
func (t FamilyText) IsZero() bool { return len(t.Parts) == 0 }

// Plain is the text as one string for print: a term's plain words in brackets where it is
// first used, as on the page, and the note of a text left in English.
func (t FamilyText) Plain() string {
	var b strings.Builder
	for _, p := range t.Parts {
		b.WriteString(p.Text)
		if p.Term != nil {
			b.WriteString(" (" + p.Term.Short + ")")
		}
	}
	if t.Note != "" {
		b.WriteString("\n" + t.Note)
	}
	return b.String()
}

// textPart is plain words, or a glossary term with its short explanation.
type textPart struct {
	Text string
	Term *wordView // the first time the page uses a term
	Seen *wordView // a term already explained above
}

// wordView is a glossary term in "Words we use".
type wordView struct {
	ID          string
	Term        string // as the text wrote it
	Short       string // plain words, said inline where the term first appears
	Explanation string
}

// familyBuilder builds the texts of one family view. It never lets a withheld text through:
// every text a family view shows comes from text(), which returns nothing for one.
type familyBuilder struct {
	tr       locales.Translator
	glossary *plain.Glossary
	content  string // the language plan content is wanted in (a base tag: "ur")
	forChild bool   // explanations for a child rather than a parent
	words    map[string]*wordView
	page     *familyPage
	asOf     time.Time
}

func (r *Renderer) newFamilyBuilder(tr locales.Translator, contentLang string, forChild bool, asOf time.Time) *familyBuilder {
	base, _ := language.Make(contentLang).Base()
	page := &familyPage{Translator: tr, Draft: tr.T("translation.status") == "draft"}
	return &familyBuilder{
		tr: tr, glossary: r.glossary, content: base.String(), forChild: forChild,
		words: map[string]*wordView{}, page: page, asOf: asOf,
	}
}

// text is the words of t for this reader: withheld texts give nothing.
func (b *familyBuilder) text(t document.Text) FamilyText {
	if t.Withheld() || t.IsZero() {
		return FamilyText{}
	}
	return b.shown(t.Text, t.Translations)
}

// childText is the child's wording of t, or — for a young person of 13 or over — the plain
// parent wording when there is none. ok is false when a younger child may not see t.
func (b *familyBuilder) childText(t document.Text, teenager bool) (FamilyText, bool) {
	if t.Withheld() || t.IsZero() {
		return FamilyText{}, true
	}
	if t.ForChild != "" {
		return b.shown(t.ForChild, nil), true
	}
	if teenager {
		return b.shown(t.Text, t.Translations), true
	}
	return FamilyText{}, false
}

// contentText shows a plain string from the document (a place, a "visits" note): plan
// content that has no translations.
func (b *familyBuilder) contentText(s string) FamilyText {
	if s == "" {
		return FamilyText{}
	}
	return b.shown(s, nil)
}

// shown picks the translation into the reader's language, or the English marked, and
// explains the glossary terms in it.
func (b *familyBuilder) shown(english string, translations map[string]string) FamilyText {
	ft := FamilyText{}
	shown := english
	if b.content != "en" {
		if tr := translation(translations, b.content); tr != "" {
			shown = tr
		} else {
			ft.Lang, ft.Untranslated = "en", true
			ft.ReaderLang, ft.ReaderDir, ft.Note = b.tr.Lang.String(), b.tr.Dir(), b.tr.T("content.untranslated_note")
			b.page.Untranslated = true
		}
	}
	ft.Parts = b.explain(shown)
	return ft
}

// translation finds the translation for a base language, whatever region the document's
// key names ("ur", "ur-PK").
func translation(translations map[string]string, base string) string {
	if s := translations[base]; s != "" {
		return s
	}
	for tag, s := range translations {
		if b, _ := language.Make(tag).Base(); b.String() == base && s != "" {
			return s
		}
	}
	return ""
}

// explain splits text at its glossary terms; the first time the page uses a term it carries
// its short explanation, and the term goes into "Words we use".
func (b *familyBuilder) explain(text string) []textPart {
	var parts []textPart
	runes := []rune(text)
	at := 0
	for _, f := range b.glossary.Find(text) {
		if f.Entry == nil {
			continue
		}
		if f.Start > at {
			parts = append(parts, textPart{Text: string(runes[at:f.Start])})
		}
		if w, seen := b.words[f.Entry.ID]; seen {
			parts = append(parts, textPart{Text: f.Text, Seen: w})
		} else {
			w := b.word(f)
			b.words[f.Entry.ID] = w
			b.page.Words = append(b.page.Words, *w)
			parts = append(parts, textPart{Text: f.Text, Term: w})
		}
		at = f.End
	}
	if at < len(runes) {
		parts = append(parts, textPart{Text: string(runes[at:])})
	}
	return parts
}

func (b *familyBuilder) word(f plain.Finding) *wordView {
	e := f.Entry
	w := &wordView{ID: e.ID, Term: f.Text}
	if b.forChild {
		w.Explanation = e.ForChild(b.tr)
	} else {
		w.Explanation = e.ForParents(b.tr)
	}
	w.Short = e.Suggestion(b.tr)
	if w.Short == "" {
		w.Short = firstSentence(w.Explanation)
	}
	return w
}

// firstSentence is the explanation up to its first full stop, for saying inline.
func firstSentence(s string) string {
	for _, stop := range []string{". ", "۔ ", "。"} {
		if i := strings.Index(s, stop); i > 0 {
			return s[:i]
		}
	}
	return strings.TrimSuffix(strings.TrimSuffix(s, "."), "۔")
}

// date writes a date in the reader's language: "Tuesday 12 January 2027".
func (b *familyBuilder) date(d document.Date) string {
	if d.IsZero() {
		return ""
	}
	t := d.Time
	return b.tr.T("date.long",
		"Weekday", b.tr.T("date.weekday."+strconv.Itoa(int(t.Weekday()))),
		"Day", t.Day(), "Month", b.tr.T("date.month."+strconv.Itoa(int(t.Month()))), "Year", t.Year())
}

// dateAndWhen writes a date with how far it is from the page's date: "Tuesday 12 January
// 2027 (in 3 weeks)".
func (b *familyBuilder) dateAndWhen(d document.Date) string {
	if d.IsZero() {
		return ""
	}
	return b.tr.T("date.with_relative", "Date", b.date(d), "Relative", b.relative(d))
}

// relative says how far a date is from the page's date, in words a child can follow:
// today, tomorrow, next Tuesday, in 3 weeks, 2 months ago.
func (b *familyBuilder) relative(d document.Date) string {
	today := time.Date(b.asOf.Year(), b.asOf.Month(), b.asOf.Day(), 0, 0, 0, 0, time.UTC)
	days := int(d.Time.Sub(today).Hours() / 24)
	switch {
	case days == 0:
		return b.tr.T("date.today")
	case days == 1:
		return b.tr.T("date.tomorrow")
	case days == -1:
		return b.tr.T("date.yesterday")
	case days > 1 && days < 7:
		return b.tr.T("date.next_weekday", "Weekday", b.tr.T("date.weekday."+strconv.Itoa(int(d.Time.Weekday()))))
	case days >= 7 && days < 14:
		return b.tr.N("date.in_days", days)
	case days >= 14 && days < 61:
		return b.tr.N("date.in_weeks", (days+3)/7)
	case days >= 61:
		return b.tr.N("date.in_months", (days+15)/30)
	case days < -1 && days > -14:
		return b.tr.N("date.days_ago", -days)
	case days <= -14 && days > -61:
		return b.tr.N("date.weeks_ago", (-days+3)/7)
	}
	return b.tr.N("date.months_ago", (-days+15)/30)
}
