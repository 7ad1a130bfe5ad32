// Package exchange moves a plan's texts to a qualified translator and back: it exports the
// texts a family reads as a CSV file (for a spreadsheet) or an XLIFF 1.2 file (for a
// translator's CAT tool), reads the file the translator returns, and applies its
// translations to the plan document. It never translates anything itself, and texts kept
// from the family never leave the portal.
package exchange

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/familyportal/portal/render/document"
)

// ErrInvalid is wrapped by every error that says what is wrong with a translation file or
// with the language asked for, so that callers can show the sentence to the worker.
var ErrInvalid = errors.New("invalid translation file")

// Unit is one text to translate.
type Unit struct {
	ID     string // the text's JSON path in the plan document, e.g. "$.plan.worries[1]"
	Source string // the English words the family reads
	Target string // the translation; "" when there is none
	Note   string // where the text is, for the translator, e.g. "plan, worries 2"
}

// Units lists the texts of doc the family reads, in document order, each with its
// translation into lang when it has one. Withheld texts are left out, and so is the
// child-friendly wording: the document holds translations of the main words only.
func Units(doc *document.Document, lang string) []Unit {
	base := baseOf(lang)
	var units []Unit
	for path, t := range doc.Texts() {
		if t.Withheld() || strings.TrimSpace(t.Text) == "" {
			continue
		}
		_, existing := translationFor(t, base)
		units = append(units, Unit{ID: path, Source: t.Text, Target: existing, Note: where(path)})
	}
	return units
}

// Result says what Apply did with each unit, so that nothing a translator sent is dropped
// without the worker seeing it.
type Result struct {
	Changed   []string // paths whose translation was added or replaced
	Unchanged int      // units whose translation was already in the document
	Empty     int      // units with no translation (or only spaces): the document's own is kept
	Stale     []string // paths whose English changed since the export: not applied, send again
	Withheld  []string // paths of texts kept from the family: refused
	Unknown   []string // ids that name no text in the document
}

// Apply writes each unit's translation into doc as the text's translation into lang. A unit
// is applied only when its English is still the document's English, so an old translation
// never lands on new words. Line ends are normalised to LF; nothing else is changed.
func Apply(doc *document.Document, lang string, units []Unit) (Result, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %q is not a language code", ErrInvalid, lang)
	}
	base := baseOf(lang)
	if base == "en" {
		return Result{}, fmt.Errorf("%w: the texts are written in English; choose the language they were translated into", ErrInvalid)
	}
	seen := make(map[string]bool, len(units))
	for _, u := range units {
		if seen[u.ID] {
			return Result{}, fmt.Errorf("%w: the text %s is translated twice", ErrInvalid, u.ID)
		}
		seen[u.ID] = true
	}
	texts := make(map[string]*document.Text)
	for path, t := range doc.Texts() {
		texts[path] = t
	}

	var res Result
	for _, u := range units {
		t, ok := texts[u.ID]
		target := normalise(u.Target)
		key, existing := translationFor(t, base)
		switch {
		case !ok:
			res.Unknown = append(res.Unknown, u.ID)
		case t.Withheld():
			res.Withheld = append(res.Withheld, u.ID)
		case strings.TrimSpace(target) == "":
			res.Empty++
		case normalise(u.Source) != normalise(t.Text):
			res.Stale = append(res.Stale, u.ID)
		case target == existing:
			res.Unchanged++
		default:
			if key == "" {
				key = tag.String()
			}
			if t.Translations == nil {
				t.Translations = make(map[string]string)
			}
			t.Translations[key] = target
			res.Changed = append(res.Changed, u.ID)
		}
	}
	return res, nil
}

// CheckLanguage returns an error unless a file's language is the one the worker asked for.
// Regions are ignored: a file in "ur-PK" is Urdu.
func CheckLanguage(asked, file string) error {
	for _, code := range []string{asked, file} {
		if _, err := language.Parse(code); err != nil {
			return fmt.Errorf("%w: %q is not a language code", ErrInvalid, code)
		}
	}
	if baseOf(asked) != baseOf(file) {
		return fmt.Errorf("%w: the file is a translation into %s, but %s was asked for", ErrInvalid, languageName(file), languageName(asked))
	}
	return nil
}

// baseOf returns the base language of a code: "ur" for "ur-PK".
func baseOf(lang string) string {
	base, _ := language.Make(lang).Base()
	return base.String()
}

// languageName names a language for a worker: "Urdu (ur)".
func languageName(lang string) string {
	if name := display.English.Tags().Name(language.Make(lang)); name != "" {
		return fmt.Sprintf("%s (%s)", name, lang)
	}
	return lang
}

// translationFor finds the key and words of t's translation into a base language, whatever
// region the document's key names, so that a text never gets two keys for one language.
// The bare language key ("ur") wins; otherwise keys are tried in sorted order, so the choice
// is stable.
func translationFor(t *document.Text, base string) (key, words string) {
	if t == nil {
		return "", ""
	}
	if words, ok := t.Translations[base]; ok {
		return base, words
	}
	keys := make([]string, 0, len(t.Translations))
	for k := range t.Translations {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if baseOf(k) == base {
			return k, t.Translations[k]
		}
	}
	return "", ""
}

// normalise turns Windows line ends into LF, as the document stores them.
func normalise(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// where describes a path for a translator: "$.meetings[2].decisions[0]" is
// "meetings 3, decisions 1".
func where(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "$."), ".")
	for i, part := range parts {
		name, index, found := strings.Cut(part, "[")
		if n, err := strconv.Atoi(strings.TrimSuffix(index, "]")); found && err == nil {
			name = fmt.Sprintf("%s %d", name, n+1)
		}
		parts[i] = strings.ReplaceAll(name, "_", " ")
	}
	return strings.Join(parts, ", ")
}
