// Package render turns a plan document into what each audience reads. It is pure: no HTTP,
// no database; a document, a language and a date in, HTML out.
package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Renderer holds the views' templates, parsed once, and the messages they are written in.
type Renderer struct {
	tmpl    *template.Template
	catalog *locales.Catalog
}

// New parses the templates. It fails if any is missing or broken, so a bad build never starts.
func New(catalog *locales.Catalog) (*Renderer, error) {
	tmpl, err := template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse view templates: %w", err)
	}
	for _, name := range []string{"worker", "text", "standalone"} {
		if tmpl.Lookup(name) == nil {
			return nil, fmt.Errorf("parse view templates: %q is missing", name)
		}
	}
	return &Renderer{tmpl: tmpl, catalog: catalog}, nil
}

// Translator returns the words of the best of the wanted languages.
func (r *Renderer) Translator(wanted ...string) locales.Translator {
	return r.catalog.Translator(wanted...)
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
	"join": strings.Join,
	"actionList": func(v WorkerView, actions []actionView) actionList {
		return actionList{View: v, Actions: actions}
	},
}

// actionList is what the "actions" template needs: the actions and the view's words.
type actionList struct {
	View    WorkerView
	Actions []actionView
}

func (r *Renderer) execute(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}
