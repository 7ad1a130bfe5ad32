package portal

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// logRequests writes one log line per request. It logs the route pattern, never the path,
// so that no child's reference or name reaches the logs.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "(no route)"
		}
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request().Method),
			slog.String("route", route),
			slog.Int("status", c.Response().Status),
			slog.Duration("took", time.Since(start)),
		)
		return nil
	}
}

// contentPolicy is the Content Security Policy of every page, before saying who may frame it.
const contentPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'"

// allowFrames lets a worker's page show the family's pages of this site in frames, side by
// side, as the family will see them.
func allowFrames(c echo.Context) {
	c.Response().Header().Set("Content-Security-Policy", contentPolicy+"; frame-src 'self'; frame-ancestors 'none'")
}

// allowFramingBySelf lets this site's own pages frame a page (a worker's preview of a family
// page); anyone else's still may not.
func allowFramingBySelf(c echo.Context) {
	h := c.Response().Header()
	h.Set("Content-Security-Policy", contentPolicy+"; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
}

// securityHeaders sets a strict Content Security Policy (no inline script or style, nothing
// from elsewhere) and the usual hardening headers on every response.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentPolicy+"; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		return next(c)
	}
}

// recoverPanics turns a panic in a handler into a logged internal error and a plain page.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic in %s: %v", c.Path(), r)
			}
		}()
		return next(c)
	}
}

// maxBody is the most a request may send: far more than a form's longest answers, so a
// long answer gets a plain "too long" message rather than a refused request.
const maxBody = 1 << 20

// limitBodies stops a request from sending more than maxBody.
func (s *Server) limitBodies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxBody)
		return next(c)
	}
}
