package portal

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// familyPage is a family view inside the site's layout, with links to its other languages.
type familyPage struct {
	layout
	View      template.HTML
	Languages []languageLink
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
	html, view, err := s.renderer.Parent(doc, render.ParentOptions{Member: member, Lang: lang, AsOf: s.now()})
	if errors.Is(err, render.ErrNoSuchMember) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "parent version for "+member+" in "+view.Lang.String()+" of plan "+v.PlanRef); err != nil {
		return err
	}
	return s.renderFamily(c, view.Translator, view.Title, html)
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
	html, view, err := s.renderer.Child(doc, render.ChildOptions{Lang: lang, AsOf: s.now()})
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "My Journey in "+view.Lang.String()+" of plan "+v.PlanRef); err != nil {
		return err
	}
	return s.renderFamily(c, view.Translator, view.Title, html)
}

// documentFor is the plan a person reads: the family and the young person the version
// published to them; staff the latest, to see what the family will see before publishing.
func (s *Server) documentFor(c echo.Context, ref string) (*document.Document, store.PlanVersion, error) {
	if principal(c).Staff() {
		return s.store.PlanDocument(c.Request().Context(), ref, "", 0)
	}
	return s.store.PublishedDocument(c.Request().Context(), ref)
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
	page := familyPage{layout: s.layoutFor(c, title), View: view}
	page.Translator = tr
	for _, lang := range s.renderer.Languages() {
		page.Languages = append(page.Languages, languageLink{
			Lang: lang, Name: s.renderer.Translator(lang).T("language.name"),
			URL: c.Request().URL.Path + "?lang=" + lang, Current: lang == tr.Lang.String(),
		})
	}
	return s.render(c, http.StatusOK, "family", page)
}
