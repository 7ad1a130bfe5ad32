package portal

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
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

// parentShow shows the parent version of a child's latest plan for one family member, in
// their language or ?lang=. Until sign-in exists it is a preview in the demo only.
func (s *Server) parentShow(c echo.Context) error {
	ctx := c.Request().Context()
	ref, member := c.Param("ref"), c.Param("member")
	doc, v, err := s.store.PlanDocument(ctx, ref, "", 0)
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
	if err := s.store.Record(ctx, demoActor, store.ActionView, "child:"+ref, "parent version for "+member+" in "+view.Lang.String()+" of plan "+v.PlanRef); err != nil {
		return err
	}
	return s.renderFamily(c, view.Translator, view.Title, html)
}

// childJourney shows My Journey for a child's latest plan, in their language or ?lang=.
func (s *Server) childJourney(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	doc, v, err := s.store.PlanDocument(ctx, ref, "", 0)
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
	if err := s.store.Record(ctx, demoActor, store.ActionView, "child:"+ref, "My Journey in "+view.Lang.String()+" of plan "+v.PlanRef); err != nil {
		return err
	}
	return s.renderFamily(c, view.Translator, view.Title, html)
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
