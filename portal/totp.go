package portal

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/pquerna/otp/totp"
)

type totpPage struct {
	formPage
	Enabled bool
	Secret  string // the new key, for the form and to type into the app
	Grouped string // the key in groups of four, easier to type
	URL     string // the otpauth:// address apps read
}

// totpForm shows a staff member a new key for an authenticator app, or that they have one.
func (s *Server) totpForm(c echo.Context) error {
	page, err := s.totpPage(c, "")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "staff-totp", page)
}

func (s *Server) totpPage(c echo.Context, secret string) (totpPage, error) {
	person, err := s.store.PersonByID(c.Request().Context(), principal(c).PersonID)
	if err != nil {
		return totpPage{}, err
	}
	page := totpPage{formPage: s.form(c, "staff.totp.title"), Enabled: person.TOTPSecret != ""}
	issuer := "Family portal"
	if council, err := s.store.Council(c.Request().Context()); err == nil {
		issuer = council.Name
	}
	if secret == "" {
		key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: person.Email})
		if err != nil {
			return page, err
		}
		secret = key.Secret()
	}
	page.Secret = secret
	page.URL = "otpauth://totp/" + strings.ReplaceAll(issuer, " ", "%20") + ":" + person.Email + "?secret=" + secret + "&issuer=" + strings.ReplaceAll(issuer, " ", "%20")
	for i := 0; i < len(secret); i += 4 {
		page.Grouped += secret[i:min(i+4, len(secret))] + " "
	}
	return page, nil
}

// totpSave turns the app on once it gives a right code for the key.
func (s *Server) totpSave(c echo.Context) error {
	secret := field(c, "secret")
	page, err := s.totpPage(c, secret)
	if err != nil {
		return err
	}
	if secret == "" || !totp.Validate(field(c, "code"), secret) {
		page.fail("code", "staff.totp.wrong")
		return s.render(c, http.StatusUnprocessableEntity, "staff-totp", page)
	}
	if err := s.store.SetTOTP(c.Request().Context(), principal(c).PersonID, secret); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/my")
}
