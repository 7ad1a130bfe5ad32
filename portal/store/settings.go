package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The council admin's settings, and the checks every way of changing them shares: the
// admin's pages and the portal command.

// Audit actions of settings; every one starts "settings.", which the admin's list of
// recent changes looks for.
const (
	ActionCouncil         = "settings.council"
	ActionLogo            = "settings.logo"
	ActionUser            = "settings.user"
	ActionInviteRevoked   = "settings.invite_revoked"
	ActionAPITokenRevoked = "settings.api_token_revoked"
)

// Problem is one thing wrong with a setting: the field (as a path: "advocacy.0.name") and
// a code saying what, which the HTTP layer turns into words.
type Problem struct {
	Field string
	Code  string
}

// Problems is every problem found with a setting. As an error it reads plainly enough for
// the portal command.
type Problems []Problem

func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s: %s", p.Field, strings.ReplaceAll(p.Code, "_", " "))
	}
	return strings.Join(parts, "; ")
}

// Nations are the nations a council can be in, as the council's settings name them.
var Nations = []string{"england", "wales", "scotland", "northern_ireland"}

// Check returns what is wrong with the council's settings.
func (c Council) Check() Problems {
	var ps Problems
	if strings.TrimSpace(c.Name) == "" {
		ps = append(ps, Problem{"name", "council_name_missing"})
	}
	if !slices.Contains(Nations, c.Nation) {
		ps = append(ps, Problem{"nation", "nation_unknown"})
	}
	ps = append(ps, c.Complaints.check("complaints")...)
	for i, a := range c.Advocacy {
		ps = append(ps, a.check(fmt.Sprintf("advocacy.%d", i))...)
	}
	if c.Colour != "" {
		ratio, ok := ContrastWithWhite(c.Colour)
		switch {
		case !ok:
			ps = append(ps, Problem{"colour", "colour_format"})
		case ratio < MinContrast:
			ps = append(ps, Problem{"colour", "colour_contrast"})
		}
	}
	return ps
}

// check returns what is wrong with a contact: a phone or website needs a name, and a
// website is an http or https address.
func (c Contact) check(field string) Problems {
	var ps Problems
	if c.Name == "" && (c.Phone != "" || c.Web != "") {
		ps = append(ps, Problem{field + ".name", "contact_needs_name"})
	}
	if c.Web != "" && !strings.HasPrefix(c.Web, "https://") && !strings.HasPrefix(c.Web, "http://") {
		ps = append(ps, Problem{field + ".web", "contact_web_format"})
	}
	return ps
}

// MaxRuleDays is the longest a promise can be: a year.
const MaxRuleDays = 366

// Check returns what is wrong with a promise rule's length.
func (r PromiseRule) Check() Problems {
	switch {
	case r.Days < 0:
		return Problems{{"days", "days_negative"}}
	case r.Days == 0 && r.Enabled:
		return Problems{{"days", "days_missing"}}
	case r.Days > MaxRuleDays:
		return Problems{{"days", "days_too_many"}}
	}
	return nil
}

// MinContrast is WCAG 2.2's least contrast for normal text (success criterion 1.4.3): the
// header's white text on the council's colour must keep it.
const MinContrast = 4.5

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ContrastWithWhite returns the contrast ratio of white on a colour written #rrggbb, by
// WCAG's relative luminance; ok is false when the colour is not written so.
func ContrastWithWhite(colour string) (ratio float64, ok bool) {
	if !hexColour.MatchString(colour) {
		return 0, false
	}
	rgb, _ := hex.DecodeString(colour[1:])
	linear := func(b byte) float64 {
		c := float64(b) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*linear(rgb[0]) + 0.7152*linear(rgb[1]) + 0.0722*linear(rgb[2])
	return 1.05 / (l + 0.05), true
}

// changedSettings says which settings differ, with the old and new values of the short
// ones, for the audit trail; "" when none do.
func changedSettings(before, after Council) string {
	var changed []string
	value := func(name, old, new string) {
		if old != new {
			changed = append(changed, fmt.Sprintf("%s %q → %q", name, old, new))
		}
	}
	list := func(name string, differs bool) {
		if differs {
			changed = append(changed, name)
		}
	}
	value("name", before.Name, after.Name)
	value("nation", before.Nation, after.Nation)
	value("out-of-hours phone", before.OutOfHoursPhone, after.OutOfHoursPhone)
	value("colour", before.Colour, after.Colour)
	list("advocacy services", !slices.Equal(before.Advocacy, after.Advocacy))
	list("complaints service", before.Complaints != after.Complaints)
	value("languages besides English", languageList(before.Languages), languageList(after.Languages))
	return strings.Join(changed, "; ")
}

func languageList(langs []string) string {
	if langs == nil {
		return "all"
	}
	return strings.Join(langs, ", ")
}

// MaxLogoBytes is the largest logo accepted.
const MaxLogoBytes = 200 << 10

// Logo describes the council's logo.
type Logo struct {
	ContentType   string // image/png or image/jpeg
	Hash          string // of the image, for its address
	Width, Height int
}

// CheckLogo returns a logo's description when it is a PNG or JPEG image of at most
// MaxLogoBytes, judged by its bytes, never by its name.
func CheckLogo(body []byte) (Logo, Problems) {
	if len(body) > MaxLogoBytes {
		return Logo{}, Problems{{"logo", "logo_too_big"}}
	}
	kind := http.DetectContentType(body)
	if kind != "image/png" && kind != "image/jpeg" {
		return Logo{}, Problems{{"logo", "logo_type"}}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil || "image/"+format != kind || cfg.Width == 0 || cfg.Height == 0 {
		return Logo{}, Problems{{"logo", "logo_type"}}
	}
	sum := sha256.Sum256(body)
	return Logo{ContentType: kind, Hash: hex.EncodeToString(sum[:8]), Width: cfg.Width, Height: cfg.Height}, nil
}

// SetCouncilLogo checks and keeps the council's logo: Problems when it is not one.
func (s *Store) SetCouncilLogo(ctx context.Context, actor string, body []byte) error {
	logo, problems := CheckLogo(body)
	if len(problems) > 0 {
		return problems
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO council_logo (id, content_type, sha256, width, height, body, set_at) VALUES (1, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, sha256 = excluded.sha256, width = excluded.width,
			height = excluded.height, body = excluded.body, set_at = excluded.set_at`,
			logo.ContentType, logo.Hash, logo.Width, logo.Height, body, s.timestamp())
		if err != nil {
			return fmt.Errorf("set council logo: %w", err)
		}
		return s.audit(ctx, tx, actor, ActionLogo, "council", fmt.Sprintf("new logo %s, %d bytes, %d×%d", logo.ContentType, len(body), logo.Width, logo.Height))
	})
}

// RemoveCouncilLogo takes the logo away.
func (s *Store) RemoveCouncilLogo(ctx context.Context, actor string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM council_logo`); err != nil {
			return fmt.Errorf("remove council logo: %w", err)
		}
		return s.audit(ctx, tx, actor, ActionLogo, "council", "logo removed")
	})
}

// CouncilLogo returns the logo and its image; ErrNotFound when there is none.
func (s *Store) CouncilLogo(ctx context.Context) (Logo, []byte, error) {
	var l Logo
	var body []byte
	err := s.db.QueryRowContext(ctx, `SELECT content_type, sha256, width, height, body FROM council_logo WHERE id = 1`).Scan(&l.ContentType, &l.Hash, &l.Width, &l.Height, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil, ErrNotFound
	}
	if err != nil {
		return l, nil, fmt.Errorf("council logo: %w", err)
	}
	return l, body, nil
}

// StaffKinds are the kinds of person who work for the council.
var StaffKinds = []string{KindWorker, KindManager, KindAdmin}

const staffKinds = `('worker', 'manager', 'admin')`

// StaffMember is a worker, manager or admin as the admin sees them.
type StaffMember struct {
	ID          int64
	Kind        string
	Name        string
	Email       string
	TeamID      int64
	Team        string
	Deactivated time.Time // zero while they may sign in
}

// Active reports whether they may sign in.
func (m StaffMember) Active() bool { return m.Deactivated.IsZero() }

// Check returns what is wrong with a member of staff's details.
func (m StaffMember) Check() Problems {
	var ps Problems
	if strings.TrimSpace(m.Name) == "" {
		ps = append(ps, Problem{"name", "staff_name_missing"})
	}
	if at := strings.Index(m.Email, "@"); at < 1 || at == len(m.Email)-1 || strings.ContainsAny(m.Email, " <>,;\"") || len(m.Email) > 254 {
		ps = append(ps, Problem{"email", "email_format"})
	}
	return append(ps, m.checkRole()...)
}

// checkRole: a known role; workers and managers belong to a team.
func (m StaffMember) checkRole() Problems {
	if !slices.Contains(StaffKinds, m.Kind) {
		return Problems{{"role", "role_unknown"}}
	}
	if m.TeamID == 0 && m.Kind != KindAdmin {
		return Problems{{"team", "team_missing"}}
	}
	return nil
}

// Team is a team of workers and their manager.
type Team struct {
	ID   int64
	Name string
}

// Teams returns the teams by name.
func (s *Store) Teams(ctx context.Context) ([]Team, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM teams ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	defer rows.Close()
	var out []Team
	for rows.Next() {
		var t Team
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return nil, fmt.Errorf("teams: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

const staffQuery = `SELECT p.id, p.kind, p.name, p.email, coalesce(p.team_id, 0), coalesce(t.name, ''), coalesce(p.deactivated_at, '')
	FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.kind IN ` + staffKinds

func scanStaff(row interface{ Scan(...any) error }) (StaffMember, error) {
	var m StaffMember
	var deactivated string
	err := row.Scan(&m.ID, &m.Kind, &m.Name, &m.Email, &m.TeamID, &m.Team, &deactivated)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if deactivated != "" {
		m.Deactivated = parseTimestamp(deactivated)
	}
	return m, err
}

// Staff returns every member of staff, those who may sign in first, by name.
func (s *Store) Staff(ctx context.Context) ([]StaffMember, error) {
	rows, err := s.db.QueryContext(ctx, staffQuery+` ORDER BY p.deactivated_at IS NOT NULL, lower(p.name), p.id`)
	if err != nil {
		return nil, fmt.Errorf("staff: %w", err)
	}
	defer rows.Close()
	var out []StaffMember
	for rows.Next() {
		m, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("staff: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// StaffMemberByID returns a member of staff; ErrNotFound for anyone else.
func (s *Store) StaffMemberByID(ctx context.Context, id int64) (StaffMember, error) {
	return staffMember(ctx, s.db, id)
}

func staffMember(ctx context.Context, q queryer, id int64) (StaffMember, error) {
	m, err := scanStaff(q.QueryRowContext(ctx, staffQuery+` AND p.id = ?`, id))
	if err != nil {
		return m, fmt.Errorf("staff member %d: %w", id, err)
	}
	return m, nil
}

// checkTeam returns a problem when a team is given that does not exist.
func checkTeam(ctx context.Context, tx *sql.Tx, team int64) (Problems, error) {
	if team == 0 {
		return nil, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE id = ?`, team).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return Problems{{"team", "team_unknown"}}, nil
	}
	return nil, nil
}

// AddStaff adds a member of staff, with no password yet, and a single-use link (kept as
// its hash) with which they choose one. Problems when the details are refused or the
// email address is already someone's.
func (s *Store) AddStaff(ctx context.Context, actor string, m StaffMember, linkHash string, linkTTL time.Duration) (int64, error) {
	m.Name, m.Email = strings.TrimSpace(m.Name), strings.TrimSpace(m.Email)
	if problems := m.Check(); len(problems) > 0 {
		return 0, problems
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		problems, err := checkTeam(ctx, tx, m.TeamID)
		if err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE lower(email) = lower(?) AND kind IN `+staffKinds, m.Email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			problems = append(problems, Problem{"email", "email_taken"})
		}
		if len(problems) > 0 {
			return problems
		}
		var team any
		if m.TeamID != 0 {
			team = m.TeamID
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO people (kind, name, email, team_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			m.Kind, m.Name, m.Email, team, s.timestamp()).Scan(&id)
		if err != nil {
			return err
		}
		if err := s.passwordLink(ctx, tx, id, linkHash, linkTTL); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionUser, fmt.Sprintf("person:%d", id), fmt.Sprintf("added %s as %s; password link sent", m.Name, m.Kind))
	})
	if err != nil {
		return 0, fmt.Errorf("add staff: %w", err)
	}
	return id, nil
}

// ChangeStaff changes a member of staff's role and team.
func (s *Store) ChangeStaff(ctx context.Context, actor string, id int64, kind string, team int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := staffMember(ctx, tx, id)
		if err != nil {
			return err
		}
		after := before
		after.Kind, after.TeamID = kind, team
		problems := after.checkRole()
		more, err := checkTeam(ctx, tx, team)
		if err != nil {
			return err
		}
		if problems = append(problems, more...); len(problems) > 0 {
			return problems
		}
		var teamID any
		if team != 0 {
			teamID = team
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET kind = ?, team_id = ? WHERE id = ?`, kind, teamID, id); err != nil {
			return err
		}
		after, err = staffMember(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionUser, fmt.Sprintf("person:%d", id),
			fmt.Sprintf("%s: role %s → %s; team %q → %q", before.Name, before.Kind, after.Kind, before.Team, after.Team))
	})
	if err != nil {
		return fmt.Errorf("change staff %d: %w", id, err)
	}
	return nil
}

// DeactivateStaff stops a member of staff from signing in and ends their sessions; their
// row stays, for the audit trail names them.
func (s *Store) DeactivateStaff(ctx context.Context, actor string, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		m, err := staffMember(ctx, tx, id)
		if err != nil {
			return err
		}
		if !m.Active() {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET deactivated_at = ? WHERE id = ?`, s.timestamp(), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = ?`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionUser, fmt.Sprintf("person:%d", id), m.Name+": deactivated")
	})
	if err != nil {
		return fmt.Errorf("deactivate staff %d: %w", id, err)
	}
	return nil
}

// SendPasswordLink records a new single-use link (kept as its hash) with which an active
// member of staff chooses a new password.
func (s *Store) SendPasswordLink(ctx context.Context, actor string, id int64, linkHash string, ttl time.Duration) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		m, err := staffMember(ctx, tx, id)
		if err != nil {
			return err
		}
		if !m.Active() {
			return ErrNotFound
		}
		if err := s.passwordLink(ctx, tx, id, linkHash, ttl); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionUser, fmt.Sprintf("person:%d", id), m.Name+": password link sent")
	})
	if err != nil {
		return fmt.Errorf("password link for %d: %w", id, err)
	}
	return nil
}

// Password links share the sign-in links' table: the HTTP layer hashes their tokens under
// another name, so one can never be used as the other.
func (s *Store) passwordLink(ctx context.Context, tx *sql.Tx, id int64, hash string, ttl time.Duration) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sign_in_links (token_hash, person_id, expires_at) VALUES (?, ?, ?)`,
		hash, id, s.now().UTC().Add(ttl).Format(time.RFC3339Nano))
	return err
}

// PasswordLinkFor returns the active member of staff a live password link is for:
// ErrNotFound, ErrCodeUsed or ErrCodeExpired when it cannot be used.
func (s *Store) PasswordLinkFor(ctx context.Context, linkHash string) (StaffMember, error) {
	id, err := s.livePasswordLink(ctx, s.db, linkHash)
	if err != nil {
		return StaffMember{}, fmt.Errorf("password link: %w", err)
	}
	return s.StaffMemberByID(ctx, id)
}

// SetStaffPassword uses a password link, once, to set its member of staff's password.
func (s *Store) SetStaffPassword(ctx context.Context, linkHash, passwordHash string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.livePasswordLink(ctx, tx, linkHash)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sign_in_links SET used_at = ? WHERE token_hash = ?`, s.timestamp(), linkHash); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET password_hash = ? WHERE id = ?`, passwordHash, id); err != nil {
			return err
		}
		who := fmt.Sprintf("person:%d", id)
		return s.audit(ctx, tx, who, "signin.password", who, "password chosen with a link")
	})
	if err != nil {
		return fmt.Errorf("set staff password: %w", err)
	}
	return nil
}

func (s *Store) livePasswordLink(ctx context.Context, q queryer, hash string) (int64, error) {
	var id int64
	var expires string
	var used sql.NullString
	err := q.QueryRowContext(ctx, `SELECT l.person_id, l.expires_at, l.used_at FROM sign_in_links l JOIN people p ON p.id = l.person_id
		WHERE l.token_hash = ? AND p.kind IN `+staffKinds+` AND p.deactivated_at IS NULL`, hash).Scan(&id, &expires, &used)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, ErrNotFound
	case err != nil:
		return 0, err
	case used.Valid:
		return 0, ErrCodeUsed
	case !s.now().Before(parseTimestamp(expires)):
		return 0, ErrCodeExpired
	}
	return id, nil
}

// OutstandingInvite is a family invite code not yet used, revoked or expired. The code
// itself is never kept, only its hash.
type OutstandingInvite struct {
	ID       int64
	PersonID int64
	Name     string
	Kind     string // family or young_person
	Children []ChildName
	Issued   time.Time
	Expires  time.Time
}

// ChildName is a child's reference and name.
type ChildName struct {
	Ref, Name string
}

// OutstandingInvites returns the invite codes that could still be used, soonest to expire
// first.
func (s *Store) OutstandingInvites(ctx context.Context) ([]OutstandingInvite, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, p.id, p.name, p.kind, i.created_at, i.expires_at, coalesce(c.ref, ''), coalesce(c.name, '')
		FROM invite_codes i JOIN people p ON p.id = i.person_id
		LEFT JOIN (SELECT person_id, child_id FROM family_links UNION SELECT person_id, child_id FROM young_people) l ON l.person_id = p.id
		LEFT JOIN children c ON c.id = l.child_id
		WHERE i.used_at IS NULL AND i.revoked_at IS NULL
		ORDER BY i.expires_at, i.id, c.ref`)
	if err != nil {
		return nil, fmt.Errorf("outstanding invites: %w", err)
	}
	defer rows.Close()
	var out []OutstandingInvite
	now := s.now()
	for rows.Next() {
		var in OutstandingInvite
		var issued, expires string
		var child ChildName
		if err := rows.Scan(&in.ID, &in.PersonID, &in.Name, &in.Kind, &issued, &expires, &child.Ref, &child.Name); err != nil {
			return nil, fmt.Errorf("outstanding invites: %w", err)
		}
		in.Issued, in.Expires = parseTimestamp(issued), parseTimestamp(expires)
		if !now.Before(in.Expires) {
			continue // compared as times: the stored text does not sort to the second
		}
		if n := len(out); n > 0 && out[n-1].ID == in.ID {
			out[n-1].Children = append(out[n-1].Children, child)
			continue
		}
		if child.Ref != "" {
			in.Children = []ChildName{child}
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// RevokeInvite takes back an outstanding invite code: it expires now, so a family who
// types it is told to ask for a new one. ErrNotFound when it is not outstanding.
func (s *Store) RevokeInvite(ctx context.Context, actor string, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var person int64
		var name string
		now := s.timestamp()
		err := tx.QueryRowContext(ctx, `UPDATE invite_codes SET revoked_at = ?, expires_at = ?
			WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL RETURNING person_id`, now, now, id).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM people WHERE id = ?`, person).Scan(&name); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionInviteRevoked, fmt.Sprintf("person:%d", person), "invite code for "+name+" revoked")
	})
	if err != nil {
		return fmt.Errorf("revoke invite %d: %w", id, err)
	}
	return nil
}

// APITokens returns every API token ever issued, newest first; never the token itself.
func (s *Store) APITokens(ctx context.Context) ([]APIToken, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, council, created_at, coalesce(revoked_at, '') FROM api_tokens ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("API tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var created, revoked string
		if err := rows.Scan(&t.ID, &t.Name, &t.Council, &created, &revoked); err != nil {
			return nil, fmt.Errorf("API tokens: %w", err)
		}
		t.CreatedAt = parseTimestamp(created)
		if revoked != "" {
			t.RevokedAt = parseTimestamp(revoked)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken stops a token working; ErrNotFound when it is unknown or already revoked.
func (s *Store) RevokeAPIToken(ctx context.Context, actor string, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var name, council string
		err := tx.QueryRowContext(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING name, council`,
			s.timestamp(), id).Scan(&name, &council)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActionAPITokenRevoked, "system:"+name, "revoked"+forCouncil(council))
	})
	if err != nil {
		return fmt.Errorf("revoke API token %d: %w", id, err)
	}
	return nil
}

// SettingsChange is an entry of the audit trail about the settings, with the name of who
// made it when they are a person.
type SettingsChange struct {
	AuditEntry
	ActorName string
}

// SettingsTrail returns the newest changes to the settings, newest first.
func (s *Store) SettingsTrail(ctx context.Context, limit int) ([]SettingsChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.at, a.actor, a.action, a.subject, a.detail, coalesce(p.name, '')
		FROM audit a LEFT JOIN people p ON a.actor = 'person:' || p.id
		WHERE a.action >= 'settings.' AND a.action < 'settings/' ORDER BY a.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("settings trail: %w", err)
	}
	defer rows.Close()
	var out []SettingsChange
	for rows.Next() {
		var e SettingsChange
		var at string
		if err := rows.Scan(&at, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.ActorName); err != nil {
			return nil, fmt.Errorf("settings trail: %w", err)
		}
		e.At = parseTimestamp(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
