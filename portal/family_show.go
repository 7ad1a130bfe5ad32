package portal

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// familyPage is a family view inside the site's layout, with links to its other languages.
type familyPage struct {
	layout
	View      template.HTML
	Languages []languageLink
	Thoughts  string // the child's address, under which the family sends what they think
}

type languageLink struct {
	Lang, Name, URL string
	Current         bool
}

// parentShow shows the parent version of a child's plan for one family member, in their
// language or ?lang=.
func (s *Server) parentShow(c echo.Context) error {
	ctx := c.Request().Context()
	ref, member := c.Param("ref"), c.Param("member")
	doc, v, err := s.documentFor(c, ref)
	if err != nil {
		return err
	}
	lang, err := s.wantedLanguage(c)
	if err != nil {
		return err
	}
	lines, err := s.promiseLines(ctx, ref, member)
	if err != nil {
		return err
	}
	view, err := rendered(s, "parent", doc, v, member+"|"+fmt.Sprint(lines), lang, func() (template.HTML, *render.ParentView, error) {
		return s.renderer.Parent(doc, render.ParentOptions{Member: member, Lang: lang, AsOf: s.now(), Promises: lines})
	})
	if errors.Is(err, render.ErrNoSuchMember) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "parent version for "+member+" in "+view.lang+" of plan "+v.PlanRef+" version "+itoa64(int64(v.Version))); err != nil {
		return err
	}
	return s.renderFamily(c, s.renderer.Translator(view.lang), view.title, view.html)
}

// childJourney shows My Journey for a child's latest plan, in their language or ?lang=.
func (s *Server) childJourney(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	doc, v, err := s.documentFor(c, ref)
	if err != nil {
		return err
	}
	lang, err := s.wantedLanguage(c)
	if err != nil {
		return err
	}
	view, err := rendered(s, "child", doc, v, "", lang, func() (template.HTML, *render.ChildView, error) {
		return s.renderer.Child(doc, render.ChildOptions{Lang: lang, AsOf: s.now()})
	})
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "My Journey in "+view.lang+" of plan "+v.PlanRef+" version "+itoa64(int64(v.Version))); err != nil {
		return err
	}
	return s.renderFamily(c, s.renderer.Translator(view.lang), view.title, view.html)
}

// documentFor is the plan a person reads: the family and the young person the version
// published to them; staff the latest, to see what the family will see before publishing.
func (s *Server) documentFor(c echo.Context, ref string) (*document.Document, store.PlanVersion, error) {
	if principal(c).Staff() {
		return s.store.PlanDocument(c.Request().Context(), ref, "", 0)
	}
	return s.store.PublishedDocument(c.Request().Context(), ref)
}

// promiseLines are the promises to one family member of a child: theirs and the child's.
func (s *Server) promiseLines(ctx context.Context, ref, member string) ([]render.PromiseLine, error) {
	all, err := s.store.ChildPromises(ctx, ref)
	if err != nil {
		return nil, err
	}
	return promiseLinesOf(all, member, s.now()), nil
}

// promiseLinesOf picks the promises to one family member out of a child's promises.
func promiseLinesOf(all []store.Promise, member string, now time.Time) []render.PromiseLine {
	lines := []render.PromiseLine{}
	for _, p := range all {
		if p.MemberRef == "" || p.MemberRef == member {
			lines = append(lines, render.PromiseLine{Rule: p.Rule, Status: p.Status(now), Started: p.Started, Due: p.Due, Kept: p.Kept})
		}
	}
	return lines
}

// renderedView is a family view rendered once for everything it depends on.
type renderedView struct {
	html        template.HTML
	title, lang string
}

// titled is what rendered needs of a view.
type titled interface{ Titled() (title, lang string) }

// rendered renders a family view, or returns it from the cache: a view depends only on the
// plan version, the reader, the language, the day and the young person's private sections.
func rendered[V titled](s *Server, kind string, doc *document.Document, v store.PlanVersion, member, lang string, make func() (template.HTML, V, error)) (renderedView, error) {
	key := strings.Join([]string{kind, v.SHA256, member, lang, s.now().Format(time.DateOnly), strings.Join(doc.Plan.PrivateSections, ",")}, "|")
	return s.views.Get(key, func() (renderedView, error) {
		html, view, err := make()
		if err != nil {
			return renderedView{}, err
		}
		title, lang := view.Titled()
		return renderedView{html: html, title: title, lang: lang}, nil
	})
}

// wantedLanguage is ?lang= when the portal is offered in it; an unknown one is a bad request.
func (s *Server) wantedLanguage(c echo.Context) (string, error) {
	lang := c.QueryParam("lang")
	if lang != "" && !s.renderer.Offers(lang) {
		return "", echo.NewHTTPError(http.StatusBadRequest, "language")
	}
	return lang, nil
}

func (s *Server) renderFamily(c echo.Context, tr locales.Translator, title string, view template.HTML) error {
	if principal(c).Staff() {
		allowFramingBySelf(c) // the review page shows the family's versions side by side
	}
	page := familyPage{layout: s.layoutFor(c, title), View: view}
	page.Translator = tr
	if ref := c.Param("ref"); principal(c).Kind == access.Family {
		if _, ok := principal(c).MemberOf(ref); ok {
			page.Thoughts = "/children/" + ref
		}
	}
	offered, err := s.languagesOffered(c.Request().Context())
	if err != nil {
		return err
	}
	for _, lang := range offered {
		page.Languages = append(page.Languages, languageLink{
			Lang: lang, Name: s.renderer.Translator(lang).T("language.name"),
			URL: c.Request().URL.Path + "?lang=" + lang, Current: lang == tr.Lang.String(),
		})
	}
	return s.render(c, http.StatusOK, "family", page)
}
