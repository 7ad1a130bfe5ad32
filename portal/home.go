package portal

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

type homePage struct {
	layout
	Children []store.ChildSummary
}

// home is the start page. In the demo it lists the fictional children; otherwise it says
// the portal is running and lists nothing, since nobody has signed in.
func (s *Server) home(c echo.Context) error {
	page := homePage{layout: s.layoutFor(c, "")}
	page.Title = page.T("home.title")
	if s.cfg.Demo {
		children, err := s.store.Children(c.Request().Context())
		if err != nil {
			return err
		}
		page.Children = children
	}
	return s.render(c, http.StatusOK, "home", page)
}
