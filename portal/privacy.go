package portal

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// privacyPage lets a young person of 16 or over choose which sections their parents see.
type privacyPage struct {
	formPage
	ChildRef string
	TooYoung bool
	Sections []privacyChoice
	Saved    bool
}

type privacyChoice struct {
	Name, Label string
	Private     bool
}

func (s *Server) privacyPage(c echo.Context) (privacyPage, error) {
	p := principal(c)
	ref := c.Param("ref")
	page := privacyPage{formPage: s.form(c, "privacy.title"), ChildRef: ref}
	page.Translator = s.renderer.Translator(p.Language)
	page.Title = page.T("privacy.title")
	doc, _, err := s.store.PublishedDocument(c.Request().Context(), ref)
	if err != nil {
		return page, err
	}
	page.TooYoung = render.AgeOn(doc.Child.DateOfBirth, s.now()) < 16
	for _, name := range document.PrivateSectionNames {
		page.Sections = append(page.Sections, privacyChoice{Name: name, Label: page.T("section." + name), Private: doc.Plan.IsPrivate(name)})
	}
	return page, nil
}

func (s *Server) privacyForm(c echo.Context) error {
	page, err := s.privacyPage(c)
	if err != nil {
		return err
	}
	page.Saved = c.QueryParam("saved") == "1"
	return s.render(c, http.StatusOK, "privacy", page)
}

// privacySave records the young person's choice; only from 16 is it theirs to make.
func (s *Server) privacySave(c echo.Context) error {
	page, err := s.privacyPage(c)
	if err != nil {
		return err
	}
	if page.TooYoung {
		return s.render(c, http.StatusUnprocessableEntity, "privacy", page)
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "form")
	}
	var chosen []string
	for _, name := range form["private"] {
		if slices.Contains(document.PrivateSectionNames, name) && !slices.Contains(chosen, name) {
			chosen = append(chosen, name)
		}
	}
	if err := s.store.SetPrivateSections(c.Request().Context(), actorOf(principal(c)), page.ChildRef, chosen); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+page.ChildRef+"/privacy?saved=1")
}
