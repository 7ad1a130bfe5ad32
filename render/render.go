// Package render turns a plan document into what each audience reads. It is pure: no HTTP,
// no database; a document, a language and a date in, HTML out.
package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/familyportal/portal/assets"
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/plain"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Renderer holds the views' templates, parsed once, and the messages they are written in.
type Renderer struct {
	tmpl     *template.Template
	catalog  *locales.Catalog
	glossary *plain.Glossary
}

// icon is an embedded SVG picture, to put straight into a page.
func (r *Renderer) icon(name string) template.HTML { return template.HTML(assets.Icon(name)) }

// New parses the templates. It fails if any is missing or broken, so a bad build never starts.
func New(catalog *locales.Catalog) (*Renderer, error) {
	tmpl, err := template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse view templates: %w", err)
	}
	for _, name := range []string{"worker", "text", "standalone", "parent", "child", "ftext", "words"} {
		if tmpl.Lookup(name) == nil {
			return nil, fmt.Errorf("parse view templates: %q is missing", name)
		}
	}
	glossary, err := plain.LoadGlossary()
	if err != nil {
		return nil, err
	}
	return &Renderer{tmpl: tmpl, catalog: catalog, glossary: glossary}, nil
}

// Translator returns the words of the best of the wanted languages.
func (r *Renderer) Translator(wanted ...string) locales.Translator {
	return r.catalog.Translator(wanted...)
}

// Offers reports whether the portal's words are offered in a language (by its base: "ur"
// for "ur-PK").
func (r *Renderer) Offers(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	want, _ := tag.Base()
	for _, t := range r.catalog.Languages() {
		if b, _ := t.Base(); b == want {
			return true
		}
	}
	return false
}

// Languages lists the languages the portal's words are offered in.
func (r *Renderer) Languages() []string {
	var out []string
	for _, t := range r.catalog.Languages() {
		out = append(out, t.String())
	}
	slices.Sort(out)
	return out
}

// Standalone wraps a rendered view in a whole HTML page with its style sheet inline, for a
// file a worker opens or sends (the server uses its own layout and linked styles instead).
func (r *Renderer) Standalone(w io.Writer, tr locales.Translator, title string, body template.HTML, css string) error {
	data := struct {
		locales.Translator
		Title string
		Body  template.HTML
		CSS   template.CSS
	}{tr, title, body, template.CSS(css)}
	return r.tmpl.ExecuteTemplate(w, "standalone", data)
}

// funcs are the template functions that do not depend on the reader's language.
var funcs = template.FuncMap{
	"date": func(d document.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.Time.Format("2 January 2006")
	},
	"join":   strings.Join,
	"anchor": anchorOf.Replace,
	"icon":   func(name string) template.HTML { return template.HTML(assets.Icon(name)) },
	"actionList": func(v WorkerView, actions []ActionView) workerActions {
		return workerActions{View: v, Actions: actions}
	},
	"youSaid": func(v WorkerView, part string) youSaidView {
		return youSaidView{Translator: v.Translator, Said: v.YouSaid[part]}
	},
}

// youSaidView is what the "you-said" template shows under a part of the plan.
type youSaidView struct {
	locales.Translator
	Said []FamilySaid
}

// workerActions is what the worker's "actions" template needs: the actions and the words.
type workerActions struct {
	View    WorkerView
	Actions []ActionView
}

func (r *Renderer) execute(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}

// Check is the plain-language check of a document, explained in lang, against the default
// reading ages: what a worker sees before publishing.
func (r *Renderer) Check(doc *document.Document, lang string) plain.Report {
	return r.glossary.Check(doc, r.Translator(lang), plain.DefaultTargets)
}
