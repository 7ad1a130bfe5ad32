package portal

import (
	"crypto/hmac"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/auth"

	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/store"
)

// Cookie names. The session cookie holds a random token; the database keeps its hash.
const (
	sessionCookie = "portal_session"
	anonCookie    = "portal_visitor" // binds the CSRF token of forms shown before sign-in
	principalKey  = "principal"
	sessionKey    = "session_hash"
)

// How long sessions last: a family's own device stays signed in; staff sign in each day.
const (
	familySessionTTL = 30 * 24 * time.Hour
	staffSessionTTL  = 12 * time.Hour
)

// principal returns who is asking (anonymous when nobody is signed in).
func principal(c echo.Context) access.Principal {
	p, _ := c.Get(principalKey).(access.Principal)
	return p
}

// loadPrincipal reads the session cookie and puts who is asking on the request.
func (s *Server) loadPrincipal(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if token, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer "); ok {
			system, err := s.store.APISystem(c.Request().Context(), s.hash.Hash("api", strings.TrimSpace(token)))
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if err == nil {
				c.Set(principalKey, access.Principal{Kind: access.System, Name: system.Name, Council: system.Council})
			}
			return next(c) // a bearer request is the system's, never a person's session
		}
		if cookie, err := c.Cookie(sessionCookie); err == nil && cookie.Value != "" {
			hash := s.hash.Hash("session", cookie.Value)
			p, err := s.principalOf(c, hash)
			switch {
			case err == nil:
				c.Set(principalKey, p)
				c.Set(sessionKey, hash)
			case errors.Is(err, store.ErrNotFound):
				s.clearCookie(c, sessionCookie) // ended or expired: ask them to sign in again
			default:
				return err
			}
		}
		return next(c)
	}
}

func (s *Server) principalOf(c echo.Context, sessionHash string) (access.Principal, error) {
	ctx := c.Request().Context()
	id, err := s.store.SessionPerson(ctx, sessionHash)
	if err != nil {
		return access.Principal{}, err
	}
	person, err := s.store.PersonByID(ctx, id)
	if err != nil {
		return access.Principal{}, err
	}
	links, err := s.store.LinksOf(ctx, person)
	if err != nil {
		return access.Principal{}, err
	}
	return access.Principal{
		PersonID: person.ID, Kind: person.Kind, Name: person.Name, Language: person.Language,
		Family: links.Family, Own: links.Own, Caseload: links.Caseload, Team: links.Team, TeamID: person.TeamID,
	}, nil
}

// startSession signs a person in: a new session (any old one on this device ends, so the
// token changes at every sign-in) and a new cookie.
func (s *Server) startSession(c echo.Context, person store.Person, how string) error {
	if hash, ok := c.Get(sessionKey).(string); ok {
		s.store.EndSession(c.Request().Context(), hash)
	}
	ttl := familySessionTTL
	if person.Kind == store.KindWorker || person.Kind == store.KindManager || person.Kind == store.KindAdmin {
		ttl = staffSessionTTL
	}
	token := auth.NewToken()
	if err := s.store.CreateSession(c.Request().Context(), person.ID, s.hash.Hash("session", token), ttl, how); err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, token, ttl)
	return nil
}

func (s *Server) setCookie(c echo.Context, name, value string, ttl time.Duration) {
	c.SetCookie(&http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(c),
	})
}

func (s *Server) clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(c)})
}

// secureRequest reports whether the request came over TLS, directly or through a proxy the
// council said to trust.
func (s *Server) secureRequest(c echo.Context) bool {
	r := c.Request()
	return r.TLS != nil || (s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

// csrfToken is the token every form carries: an HMAC of the session (or, before sign-in, of
// the visitor cookie), so a page on another site cannot post a form as the person.
func (s *Server) csrfToken(c echo.Context) string {
	if hash, ok := c.Get(sessionKey).(string); ok {
		return s.hash.Hash("csrf", hash)
	}
	visitor := ""
	if cookie, err := c.Cookie(anonCookie); err == nil {
		visitor = cookie.Value
	}
	if visitor == "" {
		if v, ok := c.Get(anonCookie).(string); ok {
			visitor = v
		} else {
			visitor = auth.NewToken()
			c.Set(anonCookie, visitor)
			s.setCookie(c, anonCookie, visitor, 24*time.Hour)
		}
	}
	return s.hash.Hash("csrf", "visitor:"+visitor)
}

// checkCSRF refuses a form posted without the right token.
func (s *Server) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodPost || strings.HasPrefix(c.Path(), "/api/") {
			return next(c) // the API takes a token, never a cookie: there is no CSRF to forge
		}
		want := s.csrfToken(c)
		if got := c.FormValue("csrf"); !hmac.Equal([]byte(got), []byte(want)) {
			s.log.Warn("form refused: missing or wrong CSRF token", "route", c.Path())
			return echo.NewHTTPError(http.StatusForbidden, "csrf")
		}
		return next(c)
	}
}
