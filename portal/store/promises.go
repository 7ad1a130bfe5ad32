package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PromiseRule is one of the service's timescales.
type PromiseRule struct {
	ID        string
	StartsOn  string // the event kind that starts a promise
	KeptBy    string // the event kind that keeps it
	Days      int
	Working   bool
	PerMember bool // one promise for each family member (kept in their language)
	Enabled   bool
	Local     bool
}

// Event is something that happened about a child.
type Event struct {
	Kind      string
	Subject   string // what it is about: a meeting's ref
	MemberRef string // whom, for events per family member
	On        time.Time
}

// Promise is one promise to a family, with the length it started with.
type Promise struct {
	ID        int64
	ChildRef  string
	Rule      string
	Subject   string
	MemberRef string
	Days      int
	Working   bool
	Started   time.Time
	Due       time.Time
	Kept      time.Time // zero while not kept
}

// Status of a promise on a day: kept, kept_late, late (past its day, not kept) or due. A
// promise due today is still due, whatever the time.
func (p Promise) Status(on time.Time) string {
	switch {
	case !p.Kept.IsZero() && !p.Kept.After(p.Due):
		return "kept"
	case !p.Kept.IsZero():
		return "kept_late"
	case on.Format(dateOnly) > p.Due.Format(dateOnly): // late from the day after, all day
		return "late"
	}
	return "due"
}

const dateOnly = time.DateOnly

func parseDay(s string) time.Time {
	t, _ := time.Parse(dateOnly, s)
	return t
}

// PromiseRules returns the rules, enabled or not.
func (s *Store) PromiseRules(ctx context.Context) ([]PromiseRule, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, starts_on, kept_by, days, working, per_member, enabled, local FROM promise_rules ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("promise rules: %w", err)
	}
	defer rows.Close()
	var out []PromiseRule
	for rows.Next() {
		var r PromiseRule
		if err := rows.Scan(&r.ID, &r.StartsOn, &r.KeptBy, &r.Days, &r.Working, &r.PerMember, &r.Enabled, &r.Local); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetPromiseRule changes a rule's length or turns it on or off, or adds a local rule.
// Promises already running keep the length they started with.
func (s *Store) SetPromiseRule(ctx context.Context, actor string, r PromiseRule) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO promise_rules (id, starts_on, kept_by, days, working, per_member, enabled, local, changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET days = excluded.days, working = excluded.working, enabled = excluded.enabled, changed_at = excluded.changed_at`,
			r.ID, r.StartsOn, r.KeptBy, r.Days, r.Working, r.PerMember, r.Enabled, r.Local, s.timestamp())
		if err != nil {
			return fmt.Errorf("set promise rule %s: %w", r.ID, err)
		}
		return s.audit(ctx, tx, actor, "settings.promise_rule", "rule:"+r.ID, fmt.Sprintf("%d days, working %v, enabled %v", r.Days, r.Working, r.Enabled))
	})
}

// ClosureDays returns the council's closure days.
func (s *Store) ClosureDays(ctx context.Context) (map[time.Time]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT day, why FROM closure_days`)
	if err != nil {
		return nil, fmt.Errorf("closure days: %w", err)
	}
	defer rows.Close()
	out := map[time.Time]string{}
	for rows.Next() {
		var day, why string
		if err := rows.Scan(&day, &why); err != nil {
			return nil, err
		}
		out[parseDay(day)] = why
	}
	return out, rows.Err()
}

// SetClosureDay records a day the council is closed.
func (s *Store) SetClosureDay(ctx context.Context, actor string, day time.Time, why string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO closure_days (day, why) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET why = excluded.why`, day.Format(dateOnly), why); err != nil {
			return fmt.Errorf("closure day: %w", err)
		}
		return s.audit(ctx, tx, actor, "settings.closure_day", "council", day.Format(dateOnly)+" "+why)
	})
}

// PromiseStart is a promise to start, worked out by the caller from a rule and a calendar.
type PromiseStart struct {
	Rule      PromiseRule
	Subject   string
	MemberRef string
	Started   time.Time
	Due       time.Time
}

// RecordEvent records an event about a child, starts the promises given, and keeps the
// open promises of rules kept by this kind of event: those about the same subject (or any,
// for an event with none), for the same family member (or any), started on or before it.
// All in one transaction, written to the audit trail.
func (s *Store) RecordEvent(ctx context.Context, actor, childRef string, e Event, start []PromiseStart) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO events (child_id, kind, subject, member_ref, happened_on, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, child, e.Kind, e.Subject, e.MemberRef, e.On.Format(dateOnly), actor, s.timestamp())
		if err != nil {
			return fmt.Errorf("record event %s: %w", e.Kind, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // the same event again: nothing new
		}
		for _, p := range start {
			_, err := tx.ExecContext(ctx, `INSERT INTO promises (child_id, rule_id, subject, member_ref, days, working, started_on, due_on)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				child, p.Rule.ID, p.Subject, p.MemberRef, p.Rule.Days, p.Rule.Working, p.Started.Format(dateOnly), p.Due.Format(dateOnly))
			if err != nil {
				return fmt.Errorf("start promise %s: %w", p.Rule.ID, err)
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE promises SET kept_on = ?
			WHERE child_id = ? AND kept_on IS NULL AND started_on <= ?
			  AND rule_id IN (SELECT id FROM promise_rules WHERE kept_by = ?)
			  AND (? = '' OR subject = ? OR subject = '')
			  AND (? = '' OR member_ref = ? OR member_ref = '')`,
			e.On.Format(dateOnly), child, e.On.Format(dateOnly), e.Kind, e.Subject, e.Subject, e.MemberRef, e.MemberRef)
		if err != nil {
			return fmt.Errorf("keep promises: %w", err)
		}
		return s.audit(ctx, tx, actor, "event."+e.Kind, "child:"+childRef, fmt.Sprintf("%s %s %s", e.On.Format(dateOnly), e.Subject, e.MemberRef))
	})
}

// ChildPromises returns a child's promises, oldest first.
func (s *Store) ChildPromises(ctx context.Context, childRef string) ([]Promise, error) {
	return s.promises(ctx, `WHERE c.ref = ? ORDER BY p.started_on, p.id`, childRef)
}

// OpenPromises returns the promises not yet kept that are due on or before a day, for the
// children given (all when none), soonest first.
func (s *Store) OpenPromises(ctx context.Context, dueBy time.Time, children []string) ([]Promise, error) {
	var out []Promise
	err := s.eachChunk(children, func(refs []any, in string) error {
		got, err := s.promises(ctx, `WHERE p.kept_on IS NULL AND p.due_on <= ?`+in+` ORDER BY p.due_on, p.id`, append([]any{dueBy.Format(dateOnly)}, refs...)...)
		out = append(out, got...)
		return err
	})
	return out, err
}

// eachChunk calls fn with the children as SQL arguments and an "AND c.ref IN (...)" clause,
// in chunks SQLite accepts; once with no clause when there are no children.
func (s *Store) eachChunk(children []string, fn func(refs []any, in string) error) error {
	if len(children) == 0 {
		return fn(nil, "")
	}
	for len(children) > 0 {
		n := min(len(children), 500)
		args := make([]any, n)
		marks := make([]byte, 0, 2*n)
		for i, ref := range children[:n] {
			args[i] = ref
			if i > 0 {
				marks = append(marks, ',')
			}
			marks = append(marks, '?')
		}
		if err := fn(args, " AND c.ref IN ("+string(marks)+")"); err != nil {
			return err
		}
		children = children[n:]
	}
	return nil
}

func (s *Store) promises(ctx context.Context, where string, args ...any) ([]Promise, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, c.ref, p.rule_id, p.subject, p.member_ref, p.days, p.working, p.started_on, p.due_on, coalesce(p.kept_on, '')
		FROM promises p JOIN children c ON c.id = p.child_id `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("promises: %w", err)
	}
	defer rows.Close()
	var out []Promise
	for rows.Next() {
		var p Promise
		var started, due, kept string
		if err := rows.Scan(&p.ID, &p.ChildRef, &p.Rule, &p.Subject, &p.MemberRef, &p.Days, &p.Working, &started, &due, &kept); err != nil {
			return nil, err
		}
		p.Started, p.Due = parseDay(started), parseDay(due)
		if kept != "" {
			p.Kept = parseDay(kept)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Reminder is a promise nearly due, and the worker to remind.
type Reminder struct {
	Promise
	WorkerEmail string
}

// RemindersDue returns the open promises due on or before a day that have not been
// reminded yet, once for each worker whose caseload the child is on.
func (s *Store) RemindersDue(ctx context.Context, dueBy time.Time) ([]Reminder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, c.ref, p.rule_id, p.subject, p.member_ref, p.days, p.working, p.started_on, p.due_on, w.email
		FROM promises p JOIN children c ON c.id = p.child_id JOIN caseload cl ON cl.child_id = p.child_id JOIN people w ON w.id = cl.worker_id
		WHERE p.kept_on IS NULL AND p.due_on <= ? AND w.kind = 'worker' AND w.email != ''
		  AND p.id NOT IN (SELECT promise_id FROM reminders_sent)
		ORDER BY p.due_on, p.id`, dueBy.Format(dateOnly))
	if err != nil {
		return nil, fmt.Errorf("reminders due: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		var started, due string
		if err := rows.Scan(&r.ID, &r.ChildRef, &r.Rule, &r.Subject, &r.MemberRef, &r.Days, &r.Working, &started, &due, &r.WorkerEmail); err != nil {
			return nil, err
		}
		r.Started, r.Due = parseDay(started), parseDay(due)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Reminded records that a promise's reminder went out.
func (s *Store) Reminded(ctx context.Context, promiseID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reminders_sent (promise_id, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, promiseID, s.timestamp())
		return err
	})
}
