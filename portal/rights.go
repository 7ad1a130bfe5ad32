package portal

import (
	"errors"
	"net/http"

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
}

// rights shows the rights page, in the reader's language; anyone may read it.
func (s *Server) rights(c echo.Context) error {
	page := rightsPage{layout: s.layoutFor(c, "")}
	page.Title = page.T("rights.title")
	council, err := s.store.Council(c.Request().Context())
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page.Advocacy, page.Complaints = council.Advocacy, council.Complaints
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
