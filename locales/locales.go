// Package locales holds the portal's go-i18n message files, one per language and purpose
// (active.en.toml for pages, glossary.en.toml for the plain-language glossary), embedded so
// that the binary carries them.
package locales

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Source is the language every message is written in first; translations follow it.
var Source = language.English

// NewBundle loads every embedded message file.
func NewBundle() (*i18n.Bundle, error) {
	bundle := i18n.NewBundle(Source)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := bundle.LoadMessageFileFS(files, name); err != nil {
			return nil, fmt.Errorf("load messages %s: %w", name, err)
		}
	}
	return bundle, nil
}

// Files returns the embedded message files, for tests that compare languages.
func Files() fs.FS { return files }

// Translator gives the portal's words in one language, falling back to English for a
// message not yet translated (the catalogue test keeps that from happening in a release).
type Translator struct {
	localizer *i18n.Localizer
	Lang      language.Tag
}

// NewTranslator matches the wanted languages (BCP 47 tags, best first) against the bundle.
func NewTranslator(bundle *i18n.Bundle, wanted ...string) Translator {
	tags := bundle.LanguageTags()
	lang, _, _ := language.NewMatcher(tags).Match(parseTags(wanted)...)
	base, _ := lang.Base()
	for _, t := range tags {
		if b, _ := t.Base(); b == base {
			lang = t
			break
		}
	}
	return Translator{localizer: i18n.NewLocalizer(bundle, lang.String(), Source.String()), Lang: lang}
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
	var data map[string]any
	if len(pairs) > 0 {
		data = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			data[fmt.Sprint(pairs[i])] = pairs[i+1]
		}
	}
	s, err := t.localizer.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		// A missing message is a programming error the catalogue test catches; show the ID
		// rather than an empty space.
		return id
	}
	return s
}

// Has reports whether message id exists in the source language.
func (t Translator) Has(id string) bool {
	_, err := t.localizer.Localize(&i18n.LocalizeConfig{MessageID: id})
	return err == nil
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
