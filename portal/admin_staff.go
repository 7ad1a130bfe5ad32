package portal

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/store"
)

// Staff and their roles. A new member of staff gets an email with a link to choose their
// password; a member who leaves is deactivated, never deleted, for the audit trail names
// them.

const (
	passwordLinkTTL  = 7 * 24 * time.Hour
	passwordLinkKind = "staff-password" // what password links are hashed as: never a sign-in link
)

type staffListPage struct {
	adminPage
	Staff []store.StaffMember
}

// staffList lists the staff, those who may sign in first.
func (s *Server) staffList(c echo.Context) error {
	staff, err := s.store.Staff(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin-staff", staffListPage{adminPage: s.adminPage(c, "admin.staff.title"), Staff: staff})
}

// staffPage is the form to add a member of staff, or to change one's role.
type staffPage struct {
	adminPage
	Person store.StaffMember // zero when adding
	Self   bool              // the admin looking at their own role
	Roles  choices
	Teams  choices
}

func (s *Server) staffPage(c echo.Context, page adminPage, person store.StaffMember) (staffPage, error) {
	teams, err := s.store.Teams(c.Request().Context())
	if err != nil {
		return staffPage{}, err
	}
	options := []choice{}
	for _, t := range teams {
		options = append(options, choice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	options = append(options, choice{Value: "none", Label: page.T("admin.staff.no_team")})
	return staffPage{
		adminPage: page, Person: person, Self: person.ID != 0 && person.ID == principal(c).PersonID,
		Roles: page.Radios("role", "admin.staff.role", store.KindWorker, "admin.role.worker", store.KindManager, "admin.role.manager", store.KindAdmin, "admin.role.admin"),
		Teams: page.radios("team", "admin.staff.team", options),
	}, nil
}

// teamOf reads the team radios: a team's id, or 0 for "none" (or nothing chosen).
func teamOf(v string) int64 {
	id, _ := strconv.ParseInt(v, 10, 64)
	return id
}

func teamValue(id int64) string {
	if id == 0 {
		return "none"
	}
	return strconv.FormatInt(id, 10)
}

// staffNewForm adds a member of staff and emails them a link to choose their password.
func (s *Server) staffNewForm() settingsForm {
	return settingsForm{
		template: "admin-staff-person", title: "admin.staff.add_title", back: "/admin/staff?saved=staff_added",
		current: func(echo.Context) (map[string]string, error) { return map[string]string{}, nil },
		save: func(c echo.Context, v map[string]string) error {
			m := store.StaffMember{Name: v["name"], Email: v["email"], Kind: v["role"], TeamID: teamOf(v["team"])}
			token := auth.NewToken()
			id, err := s.store.AddStaff(c.Request().Context(), actorOf(principal(c)), m, s.hash.Hash(passwordLinkKind, token), passwordLinkTTL)
			if err != nil {
				return err
			}
			m.ID = id
			s.emailPasswordLink(c, m, token)
			return nil
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			return s.staffPage(c, page, store.StaffMember{})
		},
	}
}

// staffPersonForm changes a member of staff's role and team. An admin cannot change their
// own role, so that the council always keeps one.
func (s *Server) staffPersonForm() settingsForm {
	return settingsForm{
		template: "admin-staff-person", title: "admin.staff.person_title", back: "/admin/staff?saved=changes",
		current: func(c echo.Context) (map[string]string, error) {
			m, err := s.staffOf(c)
			return map[string]string{"role": m.Kind, "team": teamValue(m.TeamID)}, err
		},
		save: func(c echo.Context, v map[string]string) error {
			m, err := s.staffOf(c)
			if err != nil {
				return err
			}
			if m.ID == principal(c).PersonID && v["role"] != m.Kind {
				return store.Problems{{Field: "role", Code: "staff_self"}}
			}
			return s.store.ChangeStaff(c.Request().Context(), actorOf(principal(c)), m.ID, v["role"], teamOf(v["team"]))
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			m, err := s.staffOf(c)
			if err != nil {
				return nil, err
			}
			return s.staffPage(c, page, m)
		},
	}
}

// staffOf is the member of staff in the address.
func (s *Server) staffOf(c echo.Context) (store.StaffMember, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return store.StaffMember{}, echo.ErrNotFound
	}
	return s.store.StaffMemberByID(c.Request().Context(), id)
}

// deactivateStaff stops a member of staff signing in; an admin cannot deactivate
// themselves (the page offers no button for it).
func (s *Server) deactivateStaff(c echo.Context, id int64) error {
	if id == principal(c).PersonID {
		return echo.NewHTTPError(http.StatusBadRequest, "deactivate yourself")
	}
	return s.store.DeactivateStaff(c.Request().Context(), actorOf(principal(c)), id)
}

// sendPasswordLink emails a member of staff a new link to choose their password, for one
// who lost theirs or whose first link expired.
func (s *Server) sendPasswordLink(c echo.Context, id int64) error {
	m, err := s.store.StaffMemberByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	token := auth.NewToken()
	if err := s.store.SendPasswordLink(c.Request().Context(), actorOf(principal(c)), id, s.hash.Hash(passwordLinkKind, token), passwordLinkTTL); err != nil {
		return err
	}
	s.emailPasswordLink(c, m, token)
	return nil
}

// emailPasswordLink sends the link; a failure is logged, and the admin can send another.
func (s *Server) emailPasswordLink(c echo.Context, m store.StaffMember, token string) {
	tr := s.renderer.Translator("en")
	err := s.notifier.Send(c.Request().Context(), notify.Message{
		To:      m.Email,
		Subject: tr.T("admin.password.email_subject"),
		Body:    tr.T("admin.password.email_body", "Name", m.Name, "Link", s.baseURL(c)+"/staff/password/"+token, "Days", int(passwordLinkTTL.Hours()/24)),
	})
	if err != nil {
		s.log.Error("send password link", "err", err)
	}
}

// passwordPage is where a member of staff chooses their password with the link emailed to
// them.
type passwordPage struct {
	adminPage
	Name string
	Done bool // the password is set
	Bad  bool // the link is unknown, used or expired
}

// staffPasswordForm asks for a new password, when the link is still good.
func (s *Server) staffPasswordForm(c echo.Context) error {
	page, err := s.passwordPage(c)
	if err != nil {
		return s.badPasswordLink(c, err)
	}
	return s.render(c, http.StatusOK, "admin-staff-password", page)
}

// staffPasswordSave sets the password, and uses the link up.
func (s *Server) staffPasswordSave(c echo.Context) error {
	page, err := s.passwordPage(c)
	if err != nil {
		return s.badPasswordLink(c, err)
	}
	password := c.FormValue("password")
	if problem := auth.PassphraseProblem(password, page.Name); problem != "" {
		page.fail("password", problem)
	} else if password != c.FormValue("password-again") {
		page.fail("password-again", "signin.passphrase.different")
	}
	if len(page.Errors) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, "admin-staff-password", page)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	if err := s.store.SetStaffPassword(c.Request().Context(), s.hash.Hash(passwordLinkKind, c.Param("token")), hash); err != nil {
		return s.badPasswordLink(c, err)
	}
	page.Done = true
	return s.render(c, http.StatusOK, "admin-staff-password", page)
}

func (s *Server) passwordPage(c echo.Context) (passwordPage, error) {
	m, err := s.store.PasswordLinkFor(c.Request().Context(), s.hash.Hash(passwordLinkKind, c.Param("token")))
	if err != nil {
		return passwordPage{}, err
	}
	return passwordPage{adminPage: s.adminPage(c, "admin.password.title"), Name: m.Name}, nil
}

// badPasswordLink says plainly that a link is unknown, used up or expired (404), for the
// admin to send another; other errors go on.
func (s *Server) badPasswordLink(c echo.Context, err error) error {
	if !errors.Is(err, store.ErrNotFound) && !errors.Is(err, store.ErrCodeUsed) && !errors.Is(err, store.ErrCodeExpired) {
		return err
	}
	return s.render(c, http.StatusNotFound, "admin-staff-password", passwordPage{adminPage: s.adminPage(c, "admin.password.bad_title"), Bad: true})
}
