package portal

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

// The codes that let someone in: family invite codes not used yet, and the API tokens of
// case management systems. Only their hashes are kept, so the lists never show a code, and
// a new token is shown once.

type invitesPage struct {
	adminPage
	Invites []store.OutstandingInvite
}

// invitesShow lists the invite codes that could still be used.
func (s *Server) invitesShow(c echo.Context) error {
	invites, err := s.store.OutstandingInvites(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin-invites", invitesPage{adminPage: s.adminPage(c, "admin.invites.title"), Invites: invites})
}

// revokeInvite takes an invite code back before it is used.
func (s *Server) revokeInvite(c echo.Context, id int64) error {
	return s.store.RevokeInvite(c.Request().Context(), actorOf(principal(c)), id)
}

type tokensPage struct {
	adminPage
	Tokens []store.APIToken
}

// tokensShow lists the API tokens, and the form to issue one.
func (s *Server) tokensShow(c echo.Context) error {
	return s.renderTokens(c, http.StatusOK, s.adminPage(c, "admin.tokens.title"))
}

func (s *Server) renderTokens(c echo.Context, status int, page adminPage) error {
	tokens, err := s.store.APITokens(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, status, "admin-tokens", tokensPage{adminPage: page, Tokens: tokens})
}

// issueToken issues a token for the system named and shows it, once.
func (s *Server) issueToken(c echo.Context) error {
	page := s.adminPage(c, "admin.tokens.title")
	name := field(c, "name")
	if name == "" {
		page.refuse(store.Problems{{Field: "name", Code: "token_name_missing"}})
		return s.renderTokens(c, http.StatusUnprocessableEntity, page)
	}
	token, err := s.IssueAPIToken(c.Request().Context(), actorOf(principal(c)), name, "")
	if err != nil {
		return err
	}
	page = s.adminPage(c, "admin.tokens.issued_title")
	page.Code, page.Extra = token, name
	return s.render(c, http.StatusOK, "admin-token", page)
}

// revokeToken stops a token working.
func (s *Server) revokeToken(c echo.Context, id int64) error {
	return s.store.RevokeAPIToken(c.Request().Context(), actorOf(principal(c)), id)
}
