package portal

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
)

// rightsPage is "Your rights": advocates, what can change, disagreeing and complaining,
// with the council's own services from its settings.
type rightsPage struct {
	layout
	Advocacy   []store.Contact
	Complaints store.Contact
	Plans      []planLink // a family member's children's plans, at what must happen
}

type planLink struct{ Name, URL string }

// rights shows the rights page, in the reader's language; anyone may read it.
func (s *Server) rights(c echo.Context) error {
	page := rightsPage{layout: s.layoutFor(c, "")}
	page.Title = page.T("rights.title")
	council, err := s.store.Council(c.Request().Context())
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page.Advocacy, page.Complaints = council.Advocacy, council.Complaints
	if p := principal(c); len(p.Family) > 0 {
		names, err := s.store.ChildNames(c.Request().Context())
		if err != nil {
			return err
		}
		for ref, member := range p.Family {
			page.Plans = append(page.Plans, planLink{Name: names[ref], URL: "/children/" + ref + "/parent/" + member + "#change"})
		}
		slices.SortFunc(page.Plans, func(a, b planLink) int { return strings.Compare(a.Name, b.Name) })
	}
	return s.render(c, http.StatusOK, "rights", page)
}

// contactView is a contact with the page's words, for the "contact" template.
type contactView struct {
	locales.Translator
	C store.Contact
}

func contactOf(page rightsPage, c store.Contact) contactView {
	return contactView{Translator: page.Translator, C: c}
}
