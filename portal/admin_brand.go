package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

// The council's look: its colour behind the header's white text and its logo, on every
// page. The Content Security Policy allows no inline style, so the colour comes in a small
// style sheet of its own; both are served under their hash and kept by browsers.

// brand is what the header shows of the council's look.
type brand struct {
	Style                 string // the address of the council's style sheet; "" for the portal's own look
	Logo                  string // the address of the logo; "" for none
	LogoWidth, LogoHeight int    // as shown, for the page not to jump as it loads
}

// logoHeight is how high the header shows the logo, in CSS pixels.
const logoHeight = 48

func brandOf(c store.Council) brand {
	var b brand
	if c.Colour == "" && c.Logo.Hash == "" {
		return b
	}
	b.Style = "/council/style/" + hashOf(brandCSS(c))
	if c.Logo.Hash != "" {
		b.Logo = "/council/logo/" + c.Logo.Hash
		b.LogoHeight = min(logoHeight, c.Logo.Height)
		b.LogoWidth = max(1, c.Logo.Width*b.LogoHeight/c.Logo.Height)
	}
	return b
}

// brandCSS is the council's style sheet: its colour where the portal uses its own, and the
// logo's size in the header.
func brandCSS(c store.Council) string {
	var b strings.Builder
	if _, ok := store.ContrastWithWhite(c.Colour); ok {
		fmt.Fprintf(&b, ":root { --brand: %s; }\n", strings.ToLower(c.Colour))
	}
	fmt.Fprintf(&b, ".site-header__logo { display: block; width: auto; height: auto; max-width: 100%%; max-height: %dpx; margin-bottom: 0.5rem; }\n", logoHeight)
	return b.String()
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// immutable tells browsers to keep a response whose address changes with its content.
func immutable(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
}

// councilStyle serves the council's style sheet under its hash.
func (s *Server) councilStyle(c echo.Context) error {
	council, err := s.store.Council(c.Request().Context())
	if err != nil {
		return err
	}
	css := brandCSS(council)
	if hashOf(css) != c.Param("hash") {
		return echo.ErrNotFound
	}
	immutable(c)
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(css))
}

// councilLogo serves the council's logo under its hash, as the PNG or JPEG it was checked
// to be.
func (s *Server) councilLogo(c echo.Context) error {
	logo, body, err := s.store.CouncilLogo(c.Request().Context())
	if err != nil {
		return err
	}
	if logo.Hash != c.Param("hash") {
		return echo.ErrNotFound
	}
	immutable(c)
	return c.Blob(http.StatusOK, logo.ContentType, body)
}

// brandPage is the form for the council's colour and logo.
type brandPage struct {
	adminPage
	Logo      brand // as it is now
	MaxLogoKB int
}

// brandForm: the council's colour (which must keep the header's white text readable) and
// its logo (a PNG or JPEG), both checked before either is saved.
func (s *Server) brandForm() settingsForm {
	return settingsForm{
		template: "admin-brand", title: "admin.brand.title", back: "/admin?saved=changes",
		current: func(c echo.Context) (map[string]string, error) {
			council, err := s.currentCouncil(c)
			return map[string]string{"colour": council.Colour}, err
		},
		save: func(c echo.Context, v map[string]string) error {
			logo, err := uploadedLogo(c)
			if err != nil {
				return err
			}
			err = s.changeCouncil(c, func(council *store.Council) error {
				council.Colour = strings.ToLower(v["colour"])
				problems := council.Check()
				if logo != nil {
					_, more := store.CheckLogo(logo)
					problems = append(problems, more...)
				}
				if len(problems) > 0 {
					return problems
				}
				return nil
			})
			ctx, actor := c.Request().Context(), actorOf(principal(c))
			switch {
			case err != nil:
				return err
			case logo != nil:
				return s.store.SetCouncilLogo(ctx, actor, logo)
			case v["remove-logo"] == "yes":
				return s.store.RemoveCouncilLogo(ctx, actor)
			}
			return nil
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			council, err := s.currentCouncil(c)
			return brandPage{adminPage: page, Logo: brandOf(council), MaxLogoKB: store.MaxLogoBytes >> 10}, err
		},
	}
}

// uploadedLogo reads the logo sent with the form, up to one byte more than a logo may
// have; nil when none was sent.
func uploadedLogo(c echo.Context) ([]byte, error) {
	file, err := c.FormFile("logo")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the logo sent: %w", err)
	}
	f, err := file.Open()
	if err != nil {
		return nil, fmt.Errorf("read the logo sent: %w", err)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, store.MaxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read the logo sent: %w", err)
	}
	return body, nil
}
