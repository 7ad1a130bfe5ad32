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
}

// Contact is a service families can reach: a name and a phone number or website.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Web   string `json:"web,omitempty"`
}

// SetCouncil records the council's name and nation.
func (s *Store) SetCouncil(ctx context.Context, actor string, c Council) error {
	advocacy, _ := json.Marshal(c.Advocacy)
	complaints, _ := json.Marshal(c.Complaints)
	if c.Advocacy == nil {
		advocacy = []byte("[]")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO council (id, name, nation, out_of_hours_phone, advocacy, complaints, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, nation = excluded.nation, out_of_hours_phone = excluded.out_of_hours_phone,
			advocacy = excluded.advocacy, complaints = excluded.complaints`,
			c.Name, c.Nation, c.OutOfHoursPhone, string(advocacy), string(complaints), s.timestamp())
		if err != nil {
			return fmt.Errorf("set council: %w", err)
		}
		return s.audit(ctx, tx, actor, "council.set", "council", c.Name)
	})
}

// Council returns the council, or ErrNotFound before one is set.
func (s *Store) Council(ctx context.Context) (Council, error) {
	var c Council
	var advocacy, complaints string
	err := s.db.QueryRowContext(ctx, `SELECT name, nation, out_of_hours_phone, advocacy, complaints FROM council WHERE id = 1`).Scan(&c.Name, &c.Nation, &c.OutOfHoursPhone, &advocacy, &complaints)
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
	return c, nil
}
