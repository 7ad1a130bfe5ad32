package portal

import (
	"github.com/labstack/echo/v4"
)

// routes lists every route in one place.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(s.logRequests, s.recoverPanics, s.securityHeaders)

	e.GET("/healthz", s.health)
	e.GET("/assets/:hash/*", s.asset)
	e.GET("/", s.home)

	// Family data. Until sign-in exists these routes are only mounted for the demo's
	// fictional family; a real council's plans are never served to anyone who asks.
	if s.cfg.Demo {
		e.GET("/children/:ref", s.childShow)
		e.GET("/children/:ref/parent/:member", s.parentShow)
		e.GET("/children/:ref/journey", s.childJourney)
	}
	return e
}
