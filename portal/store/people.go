package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kinds of person.
const (
	KindFamily      = "family"
	KindYoungPerson = "young_person"
	KindWorker      = "worker"
	KindManager     = "manager"
	KindAdmin       = "admin"
)

// Errors of sign-in, for the HTTP layer to turn into plain sentences.
var (
	ErrCodeUsed    = errors.New("invite code already used")
	ErrCodeExpired = errors.New("invite code expired")
)

// Person is someone who can sign in.
type Person struct {
	ID           int64
	Kind         string
	Name         string
	Email        string
	Phone        string
	Language     string
	TeamID       int64
	PasswordHash string
	TOTPSecret   string
	SignInMethod string // for a family member: "", "email_link" or "passphrase"
}

// Links are the children a person may see, and how.
type Links struct {
	Family   map[string]string // child ref -> their ref in the child's plan (F-1)
	Own      string            // a young person's own child ref
	Caseload map[string]bool   // a worker's children
	Team     map[string]bool   // a manager's team's children
}

// CreateTeam adds a team and returns its id.
func (s *Store) CreateTeam(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO teams (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("create team %s: %w", name, err)
	}
	return id, nil
}

// CreatePerson adds a person and returns their id.
func (s *Store) CreatePerson(ctx context.Context, actor string, p Person) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var team any
		if p.TeamID != 0 {
			team = p.TeamID
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO people (kind, name, email, phone, language, team_id, password_hash, totp_secret, sign_in_method, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Kind, p.Name, p.Email, p.Phone, firstNonEmpty(p.Language, "en"), team, p.PasswordHash, p.TOTPSecret, p.SignInMethod, s.timestamp()).Scan(&id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "person.create", fmt.Sprintf("person:%d", id), p.Kind)
	})
	if err != nil {
		return 0, fmt.Errorf("create person: %w", err)
	}
	return id, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

const personColumns = `id, kind, name, email, phone, language, coalesce(team_id, 0), password_hash, totp_secret, sign_in_method`

func scanPerson(row interface{ Scan(...any) error }) (Person, error) {
	var p Person
	err := row.Scan(&p.ID, &p.Kind, &p.Name, &p.Email, &p.Phone, &p.Language, &p.TeamID, &p.PasswordHash, &p.TOTPSecret, &p.SignInMethod)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// PersonByID returns a person.
func (s *Store) PersonByID(ctx context.Context, id int64) (Person, error) {
	p, err := scanPerson(s.db.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = ?`, id))
	if err != nil {
		return p, fmt.Errorf("person %d: %w", id, err)
	}
	return p, nil
}

// StaffByEmail returns the worker, manager or admin who signs in with email; ErrNotFound
// for one who has been deactivated.
func (s *Store) StaffByEmail(ctx context.Context, email string) (Person, error) {
	p, err := scanPerson(s.db.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people
		WHERE lower(email) = lower(?) AND kind IN ('worker', 'manager', 'admin') AND deactivated_at IS NULL`, strings.TrimSpace(email)))
	if err != nil {
		return p, fmt.Errorf("staff sign-in: %w", err)
	}
	return p, nil
}

// FamilyByContact returns the family member or young person with this email or phone.
func (s *Store) FamilyByContact(ctx context.Context, contact string) (Person, error) {
	contact = strings.TrimSpace(contact)
	p, err := scanPerson(s.db.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people
		WHERE kind IN ('family', 'young_person') AND ? != '' AND (lower(email) = lower(?) OR replace(phone, ' ', '') = replace(?, ' ', ''))
		ORDER BY id LIMIT 1`, contact, contact, contact))
	if err != nil {
		return p, fmt.Errorf("family sign-in: %w", err)
	}
	return p, nil
}

// SetSignIn records how a family member will sign in next time.
func (s *Store) SetSignIn(ctx context.Context, personID int64, method, passphraseHash, email string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE people SET sign_in_method = ?, password_hash = ?, email = CASE WHEN ? != '' THEN ? ELSE email END WHERE id = ?`,
			method, passphraseHash, email, email, personID)
		if err != nil {
			return fmt.Errorf("set sign-in: %w", err)
		}
		return s.audit(ctx, tx, fmt.Sprintf("person:%d", personID), "signin.method", fmt.Sprintf("person:%d", personID), method)
	})
}

// childID finds a child's row by ref, inside a transaction.
func childID(ctx context.Context, tx *sql.Tx, ref string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM children WHERE ref = ?`, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("child %s: %w", ref, ErrNotFound)
	}
	return id, err
}

// Link connects a person to a child: as family member memberRef, as the young person
// themselves (kind young_person), or as their worker (kind worker).
func (s *Store) Link(ctx context.Context, actor string, personID int64, childRef, memberRef string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		var kind string
		if err := tx.QueryRowContext(ctx, `SELECT kind FROM people WHERE id = ?`, personID).Scan(&kind); err != nil {
			return fmt.Errorf("link person %d: %w", personID, err)
		}
		switch kind {
		case KindFamily:
			_, err = tx.ExecContext(ctx, `INSERT INTO family_links (person_id, child_id, member_ref) VALUES (?, ?, ?)
				ON CONFLICT (person_id, child_id) DO UPDATE SET member_ref = excluded.member_ref`, personID, child, memberRef)
		case KindYoungPerson:
			_, err = tx.ExecContext(ctx, `INSERT INTO young_people (person_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, personID, child)
		case KindWorker, KindManager:
			_, err = tx.ExecContext(ctx, `INSERT INTO caseload (worker_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, personID, child)
		default:
			err = fmt.Errorf("a %s is not linked to children", kind)
		}
		if err != nil {
			return fmt.Errorf("link person %d to %s: %w", personID, childRef, err)
		}
		return s.audit(ctx, tx, actor, "person.link", "child:"+childRef, fmt.Sprintf("person:%d %s %s", personID, kind, memberRef))
	})
}

// LinksOf returns the children a person may see, and how.
func (s *Store) LinksOf(ctx context.Context, p Person) (Links, error) {
	l := Links{Family: map[string]string{}, Caseload: map[string]bool{}, Team: map[string]bool{}}
	q := func(query string, each func(ref, extra string), args ...any) error {
		rows, err := s.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ref, extra string
			if err := rows.Scan(&ref, &extra); err != nil {
				return err
			}
			each(ref, extra)
		}
		return rows.Err()
	}
	var err error
	switch p.Kind {
	case KindFamily:
		err = q(`SELECT c.ref, f.member_ref FROM family_links f JOIN children c ON c.id = f.child_id WHERE f.person_id = ?`,
			func(ref, member string) { l.Family[ref] = member }, p.ID)
	case KindYoungPerson:
		err = q(`SELECT c.ref, '' FROM young_people y JOIN children c ON c.id = y.child_id WHERE y.person_id = ?`,
			func(ref, _ string) { l.Own = ref }, p.ID)
	case KindWorker, KindManager:
		err = q(`SELECT c.ref, '' FROM caseload w JOIN children c ON c.id = w.child_id WHERE w.worker_id = ?`,
			func(ref, _ string) { l.Caseload[ref] = true }, p.ID)
		if err == nil && p.Kind == KindManager && p.TeamID != 0 {
			err = q(`SELECT c.ref, '' FROM caseload w JOIN people p ON p.id = w.worker_id JOIN children c ON c.id = w.child_id WHERE p.team_id = ?`,
				func(ref, _ string) { l.Team[ref] = true }, p.TeamID)
		}
	}
	if err != nil {
		return l, fmt.Errorf("links of person %d: %w", p.ID, err)
	}
	return l, nil
}

// CreateInvite stores a one-time invite code's hash for a person.
func (s *Store) CreateInvite(ctx context.Context, actor string, personID int64, codeHash string, ttl time.Duration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now().UTC()
		_, err := tx.ExecContext(ctx, `INSERT INTO invite_codes (code_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			codeHash, personID, now.Format(time.RFC3339Nano), now.Add(ttl).Format(time.RFC3339Nano))
		if err != nil {
			return fmt.Errorf("create invite: %w", err)
		}
		return s.audit(ctx, tx, actor, "invite.issue", fmt.Sprintf("person:%d", personID), "expires in "+ttl.String())
	})
}

// UseInvite marks an invite code used, once, and returns whose it is.
func (s *Store) UseInvite(ctx context.Context, codeHash string) (int64, error) {
	return s.useOnce(ctx, "invite_codes", "code_hash", codeHash, "invite.use")
}

// useOnce marks a single-use secret (an invite code, a sign-in link) used and returns its
// person: ErrNotFound, ErrCodeUsed or ErrCodeExpired when it cannot be used. table and
// column are this file's constants, never input.
func (s *Store) useOnce(ctx context.Context, table, column, hash, action string) (int64, error) {
	var person int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var expires string
		var used sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT person_id, expires_at, used_at FROM `+table+` WHERE `+column+` = ?`, hash).Scan(&person, &expires, &used)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrNotFound
		case err != nil:
			return err
		case used.Valid:
			return ErrCodeUsed
		case !s.now().Before(parseTimestamp(expires)):
			return ErrCodeExpired
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET used_at = ? WHERE `+column+` = ?`, s.timestamp(), hash); err != nil {
			return err
		}
		who := fmt.Sprintf("person:%d", person)
		return s.audit(ctx, tx, who, action, who, "")
	})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", action, err)
	}
	return person, nil
}

// CreateSignInLink stores a sign-in link token's hash.
func (s *Store) CreateSignInLink(ctx context.Context, personID int64, tokenHash string, ttl time.Duration) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sign_in_links (token_hash, person_id, expires_at) VALUES (?, ?, ?)`,
			tokenHash, personID, s.now().UTC().Add(ttl).Format(time.RFC3339Nano))
		return err
	})
	if err != nil {
		return fmt.Errorf("create sign-in link: %w", err)
	}
	return nil
}

// UseSignInLink marks a sign-in link used, once, and returns whose it is.
func (s *Store) UseSignInLink(ctx context.Context, tokenHash string) (int64, error) {
	return s.useOnce(ctx, "sign_in_links", "token_hash", tokenHash, "signin.link.use")
}

// CreateSession starts a session and writes the sign-in to the audit trail.
func (s *Store) CreateSession(ctx context.Context, personID int64, tokenHash string, ttl time.Duration, how string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now().UTC()
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, person_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
			tokenHash, personID, now.Format(time.RFC3339Nano), now.Add(ttl).Format(time.RFC3339Nano), now.Format(time.RFC3339Nano))
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		who := fmt.Sprintf("person:%d", personID)
		return s.audit(ctx, tx, who, "signin", who, how)
	})
}

// SessionPerson returns who a live session belongs to.
func (s *Store) SessionPerson(ctx context.Context, tokenHash string) (int64, error) {
	var person int64
	var expires string
	err := s.db.QueryRowContext(ctx, `SELECT person_id, expires_at FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&person, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !s.now().Before(parseTimestamp(expires))) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("session: %w", err)
	}
	return person, nil
}

// EndSession ends one session.
func (s *Store) EndSession(ctx context.Context, tokenHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// EndAllSessions ends every session of a person, on every device.
func (s *Store) EndAllSessions(ctx context.Context, personID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = ?`, personID); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		who := fmt.Sprintf("person:%d", personID)
		return s.audit(ctx, tx, who, "signout.everywhere", who, "")
	})
}

// Attempt counts one attempt under key in a fixed window and reports whether it is within
// limit. A window that has passed starts again, so nobody is locked out for ever.
func (s *Store) Attempt(ctx context.Context, key string, window time.Duration, limit int) (bool, error) {
	var count int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now().UTC()
		var start string
		err := tx.QueryRowContext(ctx, `SELECT window_start, count FROM attempts WHERE key = ?`, key).Scan(&start, &count)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && now.Sub(parseTimestamp(start)) >= window) {
			count = 1
			_, err = tx.ExecContext(ctx, `INSERT INTO attempts (key, window_start, count) VALUES (?, ?, 1)
				ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = 1`, key, now.Format(time.RFC3339Nano))
			return err
		}
		if err != nil {
			return err
		}
		count++
		_, err = tx.ExecContext(ctx, `UPDATE attempts SET count = ? WHERE key = ?`, count, key)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("count attempt: %w", err)
	}
	return count <= limit, nil
}

// OutboxMessage is a message the local notifier kept instead of sending.
type OutboxMessage struct {
	Recipient, Subject, Body string
	At                       time.Time
}

// AddToOutbox keeps a message in the local outbox.
func (s *Store) AddToOutbox(ctx context.Context, m OutboxMessage) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)`, m.Recipient, m.Subject, m.Body, s.timestamp())
		return err
	})
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// Outbox returns the newest messages in the local outbox.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxMessage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		var at string
		if err := rows.Scan(&m.Recipient, &m.Subject, &m.Body, &at); err != nil {
			return nil, err
		}
		m.At = parseTimestamp(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// ServerSecret returns the named secret, making a random one the first time.
func (s *Store) ServerSecret(ctx context.Context, name string) ([]byte, error) {
	var secret []byte
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT value FROM server_secrets WHERE name = ?`, name).Scan(&secret)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		secret = make([]byte, 32)
		rand.Read(secret)
		_, err = tx.ExecContext(ctx, `INSERT INTO server_secrets (name, value) VALUES (?, ?)`, name, secret)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("server secret %s: %w", name, err)
	}
	return secret, nil
}

// ChildSignsIn reports whether a child has their own sign-in as a young person.
func (s *Store) ChildSignsIn(ctx context.Context, childRef string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM young_people y JOIN children c ON c.id = y.child_id WHERE c.ref = ?`, childRef).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("child %s signs in: %w", childRef, err)
	}
	return n > 0, nil
}

// FamilyMemberPerson returns the person who is family member memberRef of a child, or — for
// memberRef "" — the child's own young-person sign-in; ErrNotFound when there is none yet.
func (s *Store) FamilyMemberPerson(ctx context.Context, childRef, memberRef string) (Person, error) {
	query := `SELECT ` + personColumns + ` FROM people WHERE id = (SELECT f.person_id FROM family_links f JOIN children c ON c.id = f.child_id WHERE c.ref = ? AND f.member_ref = ?)`
	args := []any{childRef, memberRef}
	if memberRef == "" {
		query = `SELECT ` + personColumns + ` FROM people WHERE id = (SELECT y.person_id FROM young_people y JOIN children c ON c.id = y.child_id WHERE c.ref = ?)`
		args = args[:1]
	}
	p, err := scanPerson(s.db.QueryRowContext(ctx, query, args...))
	if err != nil {
		return p, fmt.Errorf("family member %s of %s: %w", memberRef, childRef, err)
	}
	return p, nil
}

// ChildNames returns the names of children by ref.
func (s *Store) ChildNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ref, name FROM children`)
	if err != nil {
		return nil, fmt.Errorf("child names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ref, name string
		if err := rows.Scan(&ref, &name); err != nil {
			return nil, err
		}
		out[ref] = name
	}
	return out, rows.Err()
}

// SetTOTP records the secret of a staff member's authenticator app.
func (s *Store) SetTOTP(ctx context.Context, personID int64, secret string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE people SET totp_secret = ? WHERE id = ?`, secret, personID); err != nil {
			return fmt.Errorf("set totp: %w", err)
		}
		who := fmt.Sprintf("person:%d", personID)
		return s.audit(ctx, tx, who, "signin.totp", who, "authenticator app set up")
	})
}

// APIToken is a case management system allowed to call the JSON API, and the council whose
// children it may see and change (” for the council running the portal).
type APIToken struct {
	ID        int64
	Name      string
	Council   string
	CreatedAt time.Time
	RevokedAt time.Time // zero while the token works
}

// CreateAPIToken records the hash of a new API token for a system of a council.
func (s *Store) CreateAPIToken(ctx context.Context, actor, name, council, tokenHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (name, council, token_hash, created_at) VALUES (?, ?, ?, ?)`, name, council, tokenHash, s.timestamp()); err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return s.audit(ctx, tx, actor, "settings.api_token", "system:"+name, "issued"+forCouncil(council))
	})
}

func forCouncil(council string) string {
	if council == "" {
		return ""
	}
	return " for council " + council
}

// APISystem returns the live API token a hash belongs to.
func (s *Store) APISystem(ctx context.Context, tokenHash string) (APIToken, error) {
	var t APIToken
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT id, name, council, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`, tokenHash).Scan(&t.ID, &t.Name, &t.Council, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	t.CreatedAt = parseTimestamp(at)
	return t, err
}
