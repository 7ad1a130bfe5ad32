package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Council is the council running the portal.
type Council struct {
	Name   string
	Nation string // england, wales, scotland or northern_ireland: whose bank holidays count
	// OutOfHoursPhone is the emergency duty team's number, told at once to a child who says
	// they do not feel safe.
	OutOfHoursPhone string
}

// SetCouncil records the council's name and nation.
func (s *Store) SetCouncil(ctx context.Context, actor string, c Council) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO council (id, name, nation, out_of_hours_phone, created_at) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, nation = excluded.nation, out_of_hours_phone = excluded.out_of_hours_phone`,
			c.Name, c.Nation, c.OutOfHoursPhone, s.timestamp())
		if err != nil {
			return fmt.Errorf("set council: %w", err)
		}
		return s.audit(ctx, tx, actor, "council.set", "council", c.Name)
	})
}

// Council returns the council, or ErrNotFound before one is set.
func (s *Store) Council(ctx context.Context) (Council, error) {
	var c Council
	err := s.db.QueryRowContext(ctx, `SELECT name, nation, out_of_hours_phone FROM council WHERE id = 1`).Scan(&c.Name, &c.Nation, &c.OutOfHoursPhone)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("council: %w", err)
	}
	return c, nil
}
