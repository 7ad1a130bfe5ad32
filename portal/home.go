package portal

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// home is the start page: what the portal is and how to sign in. Signed-in people go
// straight to their own page.
func (s *Server) home(c echo.Context) error {
	if principal(c).SignedIn() {
		return c.Redirect(http.StatusSeeOther, "/my")
	}
	page := s.layoutFor(c, "")
	page.Title = page.T("home.title")
	return s.render(c, http.StatusOK, "home", page)
}
