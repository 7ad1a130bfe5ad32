// Package locales holds the portal's go-i18n message files, one per language and purpose
// (active.en.toml for pages, glossary.en.toml for the plain-language glossary), embedded so
// that the binary carries them.
package locales

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Source is the language every message is written in first; translations follow it.
var Source = language.English

// Catalog is every message of every language, loaded once. Messages without placeholders
// are resolved ahead for each language, so a page's hundreds of lookups are map reads.
type Catalog struct {
	bundle      *i18n.Bundle
	ids         map[string]bool
	plain       map[language.Tag]map[string]string
	translators sync.Map     // wanted languages, joined -> Translator: matching is not free
	kept        atomic.Int64 // how many translators are kept: wanted lists come from browsers
}

// maxKept bounds the translators kept, since each browser may ask for its own list.
const maxKept = 2000

// Load reads every embedded message file.
func Load() (*Catalog, error) {
	bundle := i18n.NewBundle(Source)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, name := range names {
		mf, err := bundle.LoadMessageFileFS(files, name)
		if err != nil {
			return nil, fmt.Errorf("load messages %s: %w", name, err)
		}
		for _, m := range mf.Messages {
			ids[m.ID] = true
		}
	}
	c := &Catalog{bundle: bundle, ids: ids, plain: map[language.Tag]map[string]string{}}
	for _, tag := range bundle.LanguageTags() {
		loc := i18n.NewLocalizer(bundle, tag.String(), Source.String())
		resolved := make(map[string]string, len(ids))
		for id := range ids {
			if s, err := localize(loc, &i18n.LocalizeConfig{MessageID: id}); err == nil && !strings.Contains(s, "<no value>") {
				resolved[id] = s
			}
		}
		c.plain[tag] = resolved
	}
	return c, nil
}

// Knows reports whether id is a message of the catalogue.
func (c *Catalog) Knows(id string) bool { return c.ids[id] }

// Languages returns the languages the catalogue has messages in.
func (c *Catalog) Languages() []language.Tag { return c.bundle.LanguageTags() }

// Translator gives the portal's words in one language, falling back to English for a
// message not yet translated (the catalogue test keeps that from happening in a release).
type Translator struct {
	localizer *i18n.Localizer
	plain     map[string]string // messages without placeholders, resolved at load
	Lang      language.Tag
}

// Translator matches the wanted languages (BCP 47 tags, best first) against the catalogue.
func (c *Catalog) Translator(wanted ...string) Translator {
	key := strings.Join(wanted, ",")
	if t, ok := c.translators.Load(key); ok {
		return t.(Translator)
	}
	t := c.match(wanted)
	if c.kept.Add(1) <= maxKept {
		c.translators.Store(key, t)
	}
	return t
}

func (c *Catalog) match(wanted []string) Translator {
	tags := c.bundle.LanguageTags()
	lang, _, _ := language.NewMatcher(tags).Match(parseTags(wanted)...)
	base, _ := lang.Base()
	for _, t := range tags {
		if b, _ := t.Base(); b == base {
			lang = t
			break
		}
	}
	return Translator{localizer: i18n.NewLocalizer(c.bundle, lang.String(), Source.String()), plain: c.plain[lang], Lang: lang}
}

func parseTags(wanted []string) []language.Tag {
	var tags []language.Tag
	for _, w := range wanted {
		if t, err := language.Parse(w); err == nil {
			tags = append(tags, t)
		}
	}
	return tags
}

// T returns message id, filling {{.Name}} placeholders from name, value pairs.
func (t Translator) T(id string, pairs ...any) string {
	if len(pairs) == 0 {
		if s, ok := t.plain[id]; ok {
			return s
		}
	}
	var data map[string]any
	if len(pairs) > 0 {
		data = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			data[fmt.Sprint(pairs[i])] = pairs[i+1]
		}
	}
	s, err := localize(t.localizer, &i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		// A missing message is a programming error the catalogue test catches; show the ID
		// rather than an empty space.
		return id
	}
	return s
}

// localize is Localize, taking go-i18n's fallback to English (which it returns together with
// a MessageNotFoundErr) as an answer: a message not yet translated is shown in English rather
// than as its ID. TestEveryLanguageHasEveryMessage keeps that from happening in a release.
func localize(l *i18n.Localizer, lc *i18n.LocalizeConfig) (string, error) {
	s, err := l.Localize(lc)
	var notFound *i18n.MessageNotFoundErr
	if errors.As(err, &notFound) && s != "" {
		return s, nil
	}
	return s, err
}

// Has reports whether message id exists (as a message without placeholders).
func (t Translator) Has(id string) bool {
	_, ok := t.plain[id]
	return ok
}

// Dir is the direction the language is written in: "rtl" or "ltr".
func (t Translator) Dir() string {
	base, _ := t.Lang.Base()
	switch base.String() {
	case "ar", "ur", "fa", "he", "ps", "ckb", "yi", "dv", "sd":
		return "rtl"
	}
	return "ltr"
}

// N returns plural message id for count, in the plural form the language's CLDR rules pick;
// {{.Count}} in the message is count.
func (t Translator) N(id string, count int) string {
	s, err := localize(t.localizer, &i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: map[string]any{"Count": count}})
	if err != nil {
		return id
	}
	return s
}
