package portal

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

// The council admin's settings: plain pages under /admin, each change saved with its line
// in the audit trail. This file holds what the settings pages share, the overview and the
// list of recent changes; the settings themselves are in admin_*.go.

// adminPage is a settings page: a form, and a banner when a change was just saved.
type adminPage struct {
	formPage
	Saved string // what was just saved, one of savedBanners; "" for nothing
}

// savedBanners are what the banner after a change can say (?saved=...).
var savedBanners = []string{"changes", "staff_added", "link_sent", "deactivated", "revoked"}

func (s *Server) adminPage(c echo.Context, titleID string) adminPage {
	p := adminPage{formPage: s.form(c, titleID)}
	if saved := c.QueryParam("saved"); slices.Contains(savedBanners, saved) {
		p.Saved = saved
	}
	return p
}

// refuse shows the store's problems with what was sent: in the error summary and by their
// fields, whose ids are the problems' paths with dashes ("advocacy-0-name").
func (p *adminPage) refuse(problems store.Problems) {
	for _, pr := range problems {
		p.fail(fieldID(pr.Field), "admin.error."+pr.Code)
	}
}

func fieldID(path string) string { return strings.ReplaceAll(path, ".", "-") }

// input is a text field, for the "admin-input" template.
type input struct {
	ID, Type, Label, Hint, Value string
	Error                        *formError
}

// Input describes a text field of the page's form: its id (also its name), its input type,
// and the message IDs of its label and hint ("" for none).
func (p adminPage) Input(id, kind, labelID, hintID string) input {
	in := input{ID: id, Type: kind, Label: p.T(labelID), Value: p.Values[id], Error: p.Error(id)}
	if hintID != "" {
		in.Hint = p.T(hintID)
	}
	return in
}

// choices is a group of radios, for the "admin-radios" template.
type choices struct {
	ID, Legend string
	Error      *formError
	Options    []choice
}

type choice struct {
	Value, Label string
	Checked      bool
}

// Radios describes radios of the page's form: pairs of a value and the message ID of its
// label.
func (p adminPage) Radios(id, legendID string, pairs ...string) choices {
	var options []choice
	for i := 0; i+1 < len(pairs); i += 2 {
		options = append(options, choice{Value: pairs[i], Label: p.T(pairs[i+1])})
	}
	return p.radios(id, legendID, options)
}

// radios describes radios whose labels are not messages (team names).
func (p adminPage) radios(id, legendID string, options []choice) choices {
	for i := range options {
		options[i].Checked = p.Values[id] == options[i].Value
	}
	return choices{ID: id, Legend: p.T(legendID), Error: p.Error(id), Options: options}
}

// settingsForm is one settings form: its page, the values it starts from, and how what
// was sent is saved. GET shows it; POST saves and goes back with a banner, or shows the
// form again with the problems (422) and saves nothing.
type settingsForm struct {
	template string
	title    string                                               // message ID
	current  func(c echo.Context) (map[string]string, error)      // the values saved now
	save     func(c echo.Context, values map[string]string) error // store.Problems when refused
	page     func(c echo.Context, page adminPage) (any, error)    // the page around the form; nil for the form alone
	back     string                                               // where to go once saved, with ?saved=
}

func (s *Server) showSettings(f settingsForm) echo.HandlerFunc {
	return func(c echo.Context) error {
		values, err := f.current(c)
		if err != nil {
			return err
		}
		page := s.adminPage(c, f.title)
		page.Values = values
		return s.renderSettings(c, http.StatusOK, f, page)
	}
}

func (s *Server) saveSettings(f settingsForm) echo.HandlerFunc {
	return func(c echo.Context) error {
		values := formValues(c)
		err := f.save(c, values)
		var problems store.Problems
		if errors.As(err, &problems) {
			page := s.adminPage(c, f.title)
			page.Values = values
			page.refuse(problems)
			return s.renderSettings(c, http.StatusUnprocessableEntity, f, page)
		}
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, f.back)
	}
}

func (s *Server) renderSettings(c echo.Context, status int, f settingsForm, page adminPage) error {
	if f.page == nil {
		return s.render(c, status, f.template, page)
	}
	data, err := f.page(c, page)
	if err != nil {
		return err
	}
	return s.render(c, status, f.template, data)
}

// formValues are the fields of a posted form, trimmed, but for its CSRF token.
func formValues(c echo.Context) map[string]string {
	values := map[string]string{}
	params, err := c.FormParams()
	if err != nil {
		return values
	}
	for name := range params {
		if name != "csrf" {
			values[name] = field(c, name)
		}
	}
	return values
}

// settingsAction is a button on a settings page that acts on one thing by its :id (revoke
// a code, deactivate a person), then goes back with a banner.
func (s *Server) settingsAction(do func(c echo.Context, id int64) error, back string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return echo.ErrNotFound
		}
		if err := do(c, id); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
}

// adminOverview is /admin: every setting, with a link to change it.
type adminOverview struct {
	adminPage
	Settings  store.Council // not Council, which is the layout's name of the council
	Rules     []store.PromiseRule
	Languages []languageChoice
}

// adminShow shows the settings.
func (s *Server) adminShow(c echo.Context) error {
	ctx := c.Request().Context()
	page := adminOverview{adminPage: s.adminPage(c, "admin.title")}
	council, err := s.store.Council(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page.Settings = council
	if page.Rules, err = s.store.PromiseRules(ctx); err != nil {
		return err
	}
	all, err := s.languageChoices(c)
	if err != nil {
		return err
	}
	for _, l := range all {
		if l.Offered {
			page.Languages = append(page.Languages, l)
		}
	}
	return s.render(c, http.StatusOK, "admin", page)
}

// adminAuditPage is the list of recent changes to the settings.
type adminAuditPage struct {
	adminPage
	Changes []settingsChange
}

type settingsChange struct {
	store.SettingsChange
	What string
}

// settingsActions name the settings actions of the audit trail for people.
var settingsActions = map[string]string{
	store.ActionCouncil:         "admin.audit.council",
	store.ActionLogo:            "admin.audit.logo",
	store.ActionUser:            "admin.audit.user",
	store.ActionInviteRevoked:   "admin.audit.invite_revoked",
	store.ActionAPITokenRevoked: "admin.audit.api_token_revoked",
	"settings.api_token":        "admin.audit.api_token",
	"settings.promise_rule":     "admin.audit.promise_rule",
	"settings.closure_day":      "admin.audit.closure_day",
}

// adminAudit lists the latest changes to the settings, who made them and when.
func (s *Server) adminAudit(c echo.Context) error {
	trail, err := s.store.SettingsTrail(c.Request().Context(), 200)
	if err != nil {
		return err
	}
	page := adminAuditPage{adminPage: s.adminPage(c, "admin.audit.title")}
	for _, e := range trail {
		what := e.Action
		if id, ok := settingsActions[e.Action]; ok {
			what = page.T(id)
		}
		if e.ActorName == "" {
			e.ActorName = e.Actor
		}
		page.Changes = append(page.Changes, settingsChange{SettingsChange: e, What: what})
	}
	return s.render(c, http.StatusOK, "admin-audit", page)
}
