package portal

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/assets"
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/access"
)

//go:embed templates/*.html
var pageFiles embed.FS

// pages are the server's page templates, parsed once, and the hashed URLs of the assets
// they link to.
type pages struct {
	tmpl   *template.Template
	hashes map[string]string // asset path -> content hash
}

// pageNames are the pages every build must have; start-up fails without one.
var pageNames = []string{"home", "child", "error", "family", "signin", "signin-choose", "signin-again", "signin-sent", "staff-signin", "my", "privacy", "invite", "audit", "outbox", "staff-totp", "team-promises", "journey-start", "journey-question", "journey-check", "journey-done", "journey-safe-now", "rights", "packs", "pack-job", "upload", "review", "translate", "publish", "admin", "admin-council", "admin-brand", "admin-advocacy", "admin-languages", "admin-rule", "admin-staff", "admin-staff-person", "admin-staff-password", "admin-invites", "admin-tokens", "admin-token", "admin-audit"}

func newPages() (*pages, error) {
	p := &pages{hashes: map[string]string{}}
	err := fs.WalkDir(assets.Files(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(assets.Files(), path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		p.hashes[path] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("hash assets: %w", err)
	}
	p.tmpl, err = template.New("").Funcs(template.FuncMap{"asset": p.assetURL, "sub": func(a, b int) int { return a - b }, "contactOf": contactOf, "icon": func(name string) template.HTML { return template.HTML(strings.TrimSpace(assets.Icon(name))) }}).ParseFS(pageFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse page templates: %w", err)
	}
	for _, name := range append(pageNames, "header", "footer") {
		if p.tmpl.Lookup(name) == nil {
			return nil, fmt.Errorf("parse page templates: %q is missing", name)
		}
	}
	return p, nil
}

// assetURL is the URL of an embedded asset with its content hash in it, so that browsers may
// keep it for a year and still get a new one the moment it changes.
func (p *pages) assetURL(path string) (string, error) {
	hash, ok := p.hashes[path]
	if !ok {
		return "", fmt.Errorf("no asset %s", path)
	}
	return "/assets/" + hash + "/" + path, nil
}

// layout is what every page shares.
type layout struct {
	locales.Translator
	Title    string
	Council  string
	Demo     bool
	SignedIn string // the name of who is signed in, for the header
	Token    string // the CSRF token of the header's sign-out form
	Refresh  int    // seconds after which the page reloads itself; 0 for never
	Brand    brand  // the council's colour and logo
	Admin    bool   // the council admin, who has a link to the settings
}

// render writes page name inside the layout with the given status.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	var body bytes.Buffer
	if err := s.pages.tmpl.ExecuteTemplate(&body, name, data); err != nil {
		return fmt.Errorf("render page %s: %w", name, err)
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, body.Bytes())
}

// asset serves an embedded static file under its hashed URL.
func (s *Server) asset(c echo.Context) error {
	path := c.Param("*")
	if hash, ok := s.pages.hashes[path]; !ok || hash != c.Param("hash") {
		return echo.ErrNotFound
	}
	body, err := fs.ReadFile(assets.Files(), path)
	if err != nil {
		return fmt.Errorf("read asset %s: %w", path, err)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, contentType(path), body)
}

func contentType(path string) string {
	switch {
	case strings.HasSuffix(path, ".css"):
		return "text/css; charset=utf-8"
	case strings.HasSuffix(path, ".svg"):
		return "image/svg+xml"
	case strings.HasSuffix(path, ".ttf"):
		return "font/ttf"
	}
	return "application/octet-stream"
}

// translator picks the reader's language from their browser's Accept-Language header.
func (s *Server) translator(c echo.Context) locales.Translator {
	var wanted []string
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		if tag, _, _ := strings.Cut(strings.TrimSpace(part), ";"); tag != "" {
			wanted = append(wanted, tag)
		}
	}
	return s.renderer.Translator(wanted...)
}

// layoutFor fills in what every page shows: the council's name, the words, the demo banner.
func (s *Server) layoutFor(c echo.Context, title string) layout {
	l := layout{Translator: s.translator(c), Title: title, Demo: s.cfg.Demo}
	if p := principal(c); p.SignedIn() {
		l.SignedIn, l.Token, l.Admin = p.Name, s.csrfToken(c), p.Kind == access.Admin
		if p.Language != "" && !p.Staff() {
			l.Translator = s.renderer.Translator(p.Language)
		}
	}
	if council, err := s.store.Council(c.Request().Context()); err == nil {
		l.Council, l.Brand = council.Name, brandOf(council)
	}
	return l
}
