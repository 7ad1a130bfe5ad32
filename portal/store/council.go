package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// Council is the council running the portal.
type Council struct {
	Name   string `json:"name"`
	Nation string `json:"nation"` // england, wales, scotland or northern_ireland: whose bank holidays count
	// OutOfHoursPhone is the emergency duty team's number, told at once to a child who says
	// they do not feel safe.
	OutOfHoursPhone string `json:"out_of_hours_phone"`
	// Advocacy are the services that help families find an advocate: the council's own
	// first, then national ones.
	Advocacy []Contact `json:"advocacy"`
	// Complaints is where families complain to the council.
	Complaints Contact `json:"complaints"`
	// Colour is the header's background as #rrggbb, dark enough for white text on it; ""
	// for the portal's own.
	Colour string `json:"colour,omitempty"`
	// Languages are those offered to families besides English; nil until the admin
	// chooses, and then every language the portal has words in is offered.
	Languages []string `json:"languages"`
	// Logo describes the council's logo, set apart (SetCouncilLogo); zero for none.
	Logo Logo `json:"-"`
}

// Contact is a service families can reach: a name and a phone number or website.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Web   string `json:"web,omitempty"`
}

// SetCouncil records the council's settings (all but the logo), refusing them with
// Problems when Check finds any, and writes what changed to the audit trail; the same
// settings again change nothing.
func (s *Store) SetCouncil(ctx context.Context, actor string, c Council) error {
	if problems := c.Check(); len(problems) > 0 {
		return problems
	}
	advocacy, _ := json.Marshal(c.Advocacy)
	complaints, _ := json.Marshal(c.Complaints)
	if c.Advocacy == nil {
		advocacy = []byte("[]")
	}
	var languages any // NULL: every language offered
	if c.Languages != nil {
		l, _ := json.Marshal(c.Languages)
		languages = string(l)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := council(ctx, tx)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		changed := changedSettings(before, c)
		if err == nil && changed == "" {
			return nil // the same again: nothing to write or audit
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO council (id, name, nation, out_of_hours_phone, advocacy, complaints, colour, languages, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, nation = excluded.nation, out_of_hours_phone = excluded.out_of_hours_phone,
			advocacy = excluded.advocacy, complaints = excluded.complaints, colour = excluded.colour, languages = excluded.languages`,
			c.Name, c.Nation, c.OutOfHoursPhone, string(advocacy), string(complaints), c.Colour, languages, s.timestamp())
		if err != nil {
			return fmt.Errorf("set council: %w", err)
		}
		return s.audit(ctx, tx, actor, ActionCouncil, "council", changed)
	})
}

// Council returns the council, or ErrNotFound before one is set.
func (s *Store) Council(ctx context.Context) (Council, error) {
	return council(ctx, s.db)
}

// queryer is a database or a transaction, for reads that serve both.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func council(ctx context.Context, q queryer) (Council, error) {
	var c Council
	var advocacy, complaints string
	var languages sql.NullString
	err := q.QueryRowContext(ctx, `SELECT c.name, c.nation, c.out_of_hours_phone, c.advocacy, c.complaints, c.colour, c.languages,
		coalesce(l.content_type, ''), coalesce(l.sha256, ''), coalesce(l.width, 0), coalesce(l.height, 0)
		FROM council c LEFT JOIN council_logo l ON l.id = 1 WHERE c.id = 1`).Scan(&c.Name, &c.Nation, &c.OutOfHoursPhone, &advocacy, &complaints, &c.Colour, &languages,
		&c.Logo.ContentType, &c.Logo.Hash, &c.Logo.Width, &c.Logo.Height)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("council: %w", err)
	}
	if err := json.Unmarshal([]byte(advocacy), &c.Advocacy); err != nil {
		return c, fmt.Errorf("council advocacy services: %w", err)
	}
	if err := json.Unmarshal([]byte(complaints), &c.Complaints); err != nil {
		return c, fmt.Errorf("council complaints route: %w", err)
	}
	if languages.Valid {
		if err := json.Unmarshal([]byte(languages.String), &c.Languages); err != nil {
			return c, fmt.Errorf("council languages: %w", err)
		}
	}
	return c, nil
}
