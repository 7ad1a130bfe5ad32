package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/auth"
	"github.com/pquerna/otp/totp"

	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/store"
)

// Limits on guessing. Windows pass, so a family who mistyped is never locked out for ever.
const (
	attemptWindow  = 15 * time.Minute
	perAddress     = 10  // code, passphrase or password tries from one address
	perCode        = 5   // tries of one code value
	perAccount     = 5   // password tries for one staff email
	acrossAll      = 300 // code tries from everywhere together
	signInLinkTTL  = time.Hour
	maxFormRuneLen = 200
)

// formPage is a page with a form: its values, its errors (message IDs), and its CSRF token.
type formPage struct {
	layout
	CSRF   string
	Next   string
	Values map[string]string
	Errors []formError
	Code   string // an invite code just issued, shown once
	Extra  any
}

type formError struct {
	Field   string
	Message string
	Prefix  string // "Error:" in the reader's language, for screen readers
}

// Error returns the error of a field, for the template to show next to it; nil when none.
func (f formPage) Error(field string) *formError {
	for i := range f.Errors {
		if f.Errors[i].Field == field {
			return &f.Errors[i]
		}
	}
	return nil
}

func (s *Server) form(c echo.Context, titleID string) formPage {
	f := formPage{layout: s.layoutFor(c, ""), CSRF: s.csrfToken(c), Next: safeNext(c.FormValue("next")), Values: map[string]string{}}
	f.Title = f.T(titleID)
	return f
}

func (f *formPage) fail(field, messageID string, args ...any) {
	f.Errors = append(f.Errors, formError{Field: field, Message: f.T(messageID, args...), Prefix: f.T("form.error_prefix")})
}

// safeNext keeps a "next" address only when it is a path on this site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return ""
}

func field(c echo.Context, name string) string {
	v := strings.TrimSpace(c.FormValue(name))
	if r := []rune(v); len(r) > maxFormRuneLen {
		v = string(r[:maxFormRuneLen])
	}
	return v
}

// allowed counts an attempt under each key and reports whether all are within their limits.
func (s *Server) allowed(c echo.Context, limits map[string]int) (bool, error) {
	ok := true
	for key, limit := range limits {
		within, err := s.store.Attempt(c.Request().Context(), key, attemptWindow, limit)
		if err != nil {
			return false, err
		}
		ok = ok && within
	}
	return ok, nil
}

func (s *Server) signInForm(c echo.Context) error {
	if principal(c).SignedIn() {
		return c.Redirect(http.StatusSeeOther, "/my")
	}
	return s.render(c, http.StatusOK, "signin", s.form(c, "signin.title"))
}

// signInWithCode takes a one-time invite code. On first use the person chooses how they
// will sign in next time.
func (s *Server) signInWithCode(c echo.Context) error {
	f := s.form(c, "signin.title")
	code := auth.NormalizeCode(field(c, "code"))
	f.Values["code"] = field(c, "code")
	if code == "" {
		f.fail("code", "signin.error.code_missing")
		return s.render(c, http.StatusUnprocessableEntity, "signin", f)
	}
	hash := s.hash.Hash("invite", code)
	ok, err := s.allowed(c, map[string]int{"code-ip:" + c.RealIP(): perAddress, "code:" + hash: perCode, "code-all": acrossAll})
	if err != nil {
		return err
	}
	if !ok {
		f.fail("code", "signin.error.too_many")
		return s.render(c, http.StatusTooManyRequests, "signin", f)
	}
	personID, err := s.store.UseInvite(c.Request().Context(), hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		f.fail("code", "signin.error.code_wrong")
	case errors.Is(err, store.ErrCodeUsed):
		f.fail("code", "signin.error.code_used")
	case errors.Is(err, store.ErrCodeExpired):
		f.fail("code", "signin.error.code_expired")
	case err != nil:
		return err
	}
	if len(f.Errors) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, "signin", f)
	}
	person, err := s.store.PersonByID(c.Request().Context(), personID)
	if err != nil {
		return err
	}
	if err := s.startSession(c, person, "invite code"); err != nil {
		return err
	}
	if person.SignInMethod == "" {
		return c.Redirect(http.StatusSeeOther, "/sign-in/choose?next="+f.Next)
	}
	return c.Redirect(http.StatusSeeOther, firstOf(f.Next, "/my"))
}

func (s *Server) chooseSignInForm(c echo.Context) error {
	f := s.form(c, "signin.choose.title")
	person, err := s.store.PersonByID(c.Request().Context(), principal(c).PersonID)
	if err != nil {
		return err
	}
	f.Values["email"] = person.Email
	f.Values["method"] = person.SignInMethod
	return s.render(c, http.StatusOK, "signin-choose", f)
}

// chooseSignIn records a sign-in link by email, or a passphrase the person chose.
func (s *Server) chooseSignIn(c echo.Context) error {
	f := s.form(c, "signin.choose.title")
	p := principal(c)
	method, email, passphrase := field(c, "method"), field(c, "email"), c.FormValue("passphrase")
	f.Values["method"], f.Values["email"] = method, email
	var hash string
	switch method {
	case "email_link":
		if !strings.Contains(email, "@") || strings.ContainsAny(email, " <>") {
			f.fail("email", "signin.error.email")
		}
	case "passphrase":
		if problem := auth.PassphraseProblem(passphrase, p.Name); problem != "" {
			f.fail("passphrase", problem)
		} else if strings.Contains(strings.ToLower(f.T("signin.passphrase.hint")), strings.ToLower(strings.TrimSpace(passphrase))) {
			f.fail("passphrase", "signin.passphrase.common") // the example in the hint
		} else if passphrase != c.FormValue("passphrase_again") {
			f.fail("passphrase_again", "signin.passphrase.different")
		} else {
			h, err := auth.HashPassword(passphrase)
			if err != nil {
				return err
			}
			hash = h
		}
	default:
		f.fail("method", "signin.error.method")
	}
	if len(f.Errors) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, "signin-choose", f)
	}
	if err := s.store.SetSignIn(c.Request().Context(), p.PersonID, method, hash, email); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, firstOf(f.Next, "/my"))
}

func (s *Server) signInAgainForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "signin-again", s.form(c, "signin.again.title"))
}

// sendSignInLink emails a sign-in link. The page says the same whether or not the address
// is known, so it cannot be used to find out who has an account.
func (s *Server) sendSignInLink(c echo.Context) error {
	f := s.form(c, "signin.again.title")
	email := field(c, "email")
	f.Values["email"] = email
	ok, err := s.allowed(c, map[string]int{"link-ip:" + c.RealIP(): perAddress, "link:" + strings.ToLower(email): perAccount})
	if err != nil {
		return err
	}
	if !ok {
		f.fail("email", "signin.error.too_many")
		return s.render(c, http.StatusTooManyRequests, "signin-again", f)
	}
	if person, err := s.store.FamilyByContact(c.Request().Context(), email); err == nil && person.SignInMethod == "email_link" {
		token := auth.NewToken()
		if err := s.store.CreateSignInLink(c.Request().Context(), person.ID, s.hash.Hash("link", token), signInLinkTTL); err != nil {
			return err
		}
		tr := s.renderer.Translator(person.Language)
		link := s.baseURL(c) + "/sign-in/link/" + token
		if err := s.notifier.Send(c.Request().Context(), notify.Message{
			To: person.Email, Subject: tr.T("signin.link.subject"), Body: tr.T("signin.link.body", "Link", link),
		}); err != nil {
			s.log.Error("send sign-in link", "err", err)
		}
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page := s.form(c, "signin.link.sent.title")
	page.Extra = page.T("signin.link.sent.body")
	return s.render(c, http.StatusOK, "signin-sent", page)
}

// baseURL is the site's address as the person reached it, for links in messages.
func (s *Server) baseURL(c echo.Context) string {
	scheme := "http"
	if s.secureRequest(c) {
		scheme = "https"
	}
	return scheme + "://" + c.Request().Host
}

func (s *Server) signInWithLink(c echo.Context) error {
	personID, err := s.store.UseSignInLink(c.Request().Context(), s.hash.Hash("link", c.Param("token")))
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCodeUsed) || errors.Is(err, store.ErrCodeExpired) {
		f := s.form(c, "signin.link.bad.title")
		f.Extra = f.T("signin.link.bad.body")
		return s.render(c, http.StatusNotFound, "signin-sent", f)
	}
	if err != nil {
		return err
	}
	person, err := s.store.PersonByID(c.Request().Context(), personID)
	if err != nil {
		return err
	}
	if err := s.startSession(c, person, "email link"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/my")
}

func (s *Server) signInWithPassphrase(c echo.Context) error {
	f := s.form(c, "signin.again.title")
	contact := field(c, "contact")
	f.Values["contact"] = contact
	ok, err := s.allowed(c, map[string]int{"pass-ip:" + c.RealIP(): perAddress, "pass:" + strings.ToLower(contact): perAccount})
	if err != nil {
		return err
	}
	if !ok {
		f.fail("passphrase", "signin.error.too_many")
		return s.render(c, http.StatusTooManyRequests, "signin-again", f)
	}
	person, err := s.store.FamilyByContact(c.Request().Context(), contact)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err != nil || person.SignInMethod != "passphrase" || !auth.PasswordMatches(person.PasswordHash, c.FormValue("passphrase")) {
		f.fail("passphrase", "signin.error.passphrase")
		return s.render(c, http.StatusUnprocessableEntity, "signin-again", f)
	}
	if err := s.startSession(c, person, "passphrase"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, firstOf(f.Next, "/my"))
}

func (s *Server) staffSignInForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "staff-signin", s.form(c, "staff.signin.title"))
}

// staffSignIn checks an email, a password and, when the person has set one up, a code
// from their authenticator app.
func (s *Server) staffSignIn(c echo.Context) error {
	f := s.form(c, "staff.signin.title")
	email := field(c, "email")
	f.Values["email"] = email
	ok, err := s.allowed(c, map[string]int{"staff-ip:" + c.RealIP(): perAddress, "staff:" + strings.ToLower(email): perAccount})
	if err != nil {
		return err
	}
	if !ok {
		f.fail("password", "signin.error.too_many")
		return s.render(c, http.StatusTooManyRequests, "staff-signin", f)
	}
	person, err := s.store.StaffByEmail(c.Request().Context(), email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err != nil || !auth.PasswordMatches(person.PasswordHash, c.FormValue("password")) ||
		(person.TOTPSecret != "" && !totp.Validate(field(c, "totp"), person.TOTPSecret)) {
		f.fail("password", "staff.signin.error")
		return s.render(c, http.StatusUnprocessableEntity, "staff-signin", f)
	}
	if err := s.startSession(c, person, "staff password"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, firstOf(f.Next, "/my"))
}

func (s *Server) signOut(c echo.Context) error {
	if hash, ok := c.Get(sessionKey).(string); ok {
		if err := s.store.EndSession(c.Request().Context(), hash); err != nil {
			return err
		}
	}
	s.clearCookie(c, sessionCookie)
	return c.Redirect(http.StatusSeeOther, "/")
}

// signOutEverywhere ends every session of the person, on every device.
func (s *Server) signOutEverywhere(c echo.Context) error {
	if err := s.store.EndAllSessions(c.Request().Context(), principal(c).PersonID); err != nil {
		return err
	}
	s.clearCookie(c, sessionCookie)
	return c.Redirect(http.StatusSeeOther, "/")
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
