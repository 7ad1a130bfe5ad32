package portal

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

type errorPage struct {
	layout
	Status  int
	Message string
}

// handleError turns any error into a status and a plain page in the reader's language.
// Internal errors are logged here, once; the reader never sees their text.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	var httpErr *echo.HTTPError
	switch {
	case errors.As(err, &httpErr):
		status = httpErr.Code
	case errors.Is(err, store.ErrNotFound):
		status = http.StatusNotFound
	}
	if status >= 500 {
		s.log.Error("request failed", "route", c.Path(), "err", err)
	}
	page := errorPage{layout: s.layoutFor(c, ""), Status: status}
	switch status {
	case http.StatusNotFound:
		page.Title, page.Message = page.T("error.not_found.title"), page.T("error.not_found.message")
	case http.StatusBadRequest:
		page.Title, page.Message = page.T("error.bad_request.title"), page.T("error.bad_request.message")
	case http.StatusMethodNotAllowed:
		page.Title, page.Message = page.T("error.not_found.title"), page.T("error.not_found.message")
	case http.StatusForbidden:
		page.Title, page.Message = page.T("error.forbidden.title"), page.T("error.forbidden.message")
	default:
		page.Title, page.Message = page.T("error.internal.title"), page.T("error.internal.message")
	}
	if c.Request().Method == http.MethodHead {
		c.NoContent(status)
		return
	}
	if err := s.render(c, status, "error", page); err != nil {
		s.log.Error("render error page", "err", err)
		c.String(status, http.StatusText(status))
	}
}
