package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// UrgentTask is something a worker must act on today: a child said they do not feel safe.
type UrgentTask struct {
	ChildRef string
	Person   string // who said it
	Raised   time.Time
}

// RaiseUrgent records that a child said, in a form, that they do not feel safe, and returns
// the email addresses of the child's workers and their managers to tell. Said again in the
// same form it raises nothing new and returns no one.
func (s *Store) RaiseUrgent(ctx context.Context, actor string, personID int64, childRef, form string) ([]string, error) {
	var tell []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO urgent_tasks (child_id, person_id, form, raised_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (child_id, person_id, form) DO NOTHING`, child, personID, form, s.timestamp())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT email FROM people WHERE email != '' AND (
				id IN (SELECT worker_id FROM caseload WHERE child_id = ?)
				OR (kind = 'manager' AND team_id IN (SELECT p.team_id FROM people p JOIN caseload cl ON cl.worker_id = p.id WHERE cl.child_id = ?)))
			ORDER BY email`, child, child)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var email string
			if err := rows.Scan(&email); err != nil {
				return err
			}
			tell = append(tell, email)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "urgent.raise", "child:"+childRef, "said they do not feel safe in "+form)
	})
	if err != nil {
		return nil, fmt.Errorf("raise urgent task for %s: %w", childRef, err)
	}
	return tell, nil
}

// UrgentTasks returns the open urgent tasks about these children, oldest first.
func (s *Store) UrgentTasks(ctx context.Context, children []string) ([]UrgentTask, error) {
	var out []UrgentTask
	err := s.eachChunk(children, func(refs []any, in string) error {
		rows, err := s.db.QueryContext(ctx, `SELECT c.ref, p.name, u.raised_at FROM urgent_tasks u
			JOIN children c ON c.id = u.child_id JOIN people p ON p.id = u.person_id
			WHERE u.done_at IS NULL`+in+` ORDER BY u.id`, refs...)
		if err != nil {
			return fmt.Errorf("urgent tasks: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u UrgentTask
			var at string
			if err := rows.Scan(&u.ChildRef, &u.Person, &at); err != nil {
				return fmt.Errorf("urgent tasks: %w", err)
			}
			u.Raised = parseTimestamp(at)
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}
