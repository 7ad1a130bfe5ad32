package store

import (
	"context"
	"fmt"
	"time"
)

// TeamCount is the open promises of one worker under one rule.
type TeamCount struct {
	Worker  string
	Rule    string
	Late    int // past their day, not kept
	DueWeek int // due in the coming week, not kept
}

// MonthKept is how many of the promises due in a month were kept on time.
type MonthKept struct {
	Month  string // YYYY-MM
	Due    int
	OnTime int
}

// TeamDashboard counts a manager's team's promises on a day: the open ones by worker and
// rule, and, for each of the 12 months before, how many were due and how many kept on time.
func (s *Store) TeamDashboard(ctx context.Context, teamID int64, today time.Time) ([]TeamCount, []MonthKept, error) {
	day, weekEnd := today.Format(dateOnly), today.AddDate(0, 0, 7).Format(dateOnly)
	rows, err := s.db.QueryContext(ctx, `SELECT p.name, pr.rule_id,
			sum(pr.kept_on IS NULL AND pr.due_on < ?1),
			sum(pr.kept_on IS NULL AND pr.due_on >= ?1 AND pr.due_on <= ?2)
		FROM people p JOIN caseload w ON w.worker_id = p.id JOIN promises pr ON pr.child_id = w.child_id
		WHERE p.team_id = ?3 AND pr.kept_on IS NULL AND pr.due_on <= ?2
		GROUP BY p.name, pr.rule_id ORDER BY p.name, pr.rule_id`, day, weekEnd, teamID)
	if err != nil {
		return nil, nil, fmt.Errorf("team dashboard: %w", err)
	}
	var counts []TeamCount
	for rows.Next() {
		var c TeamCount
		if err := rows.Scan(&c.Worker, &c.Rule, &c.Late, &c.DueWeek); err != nil {
			rows.Close()
			return nil, nil, err
		}
		counts = append(counts, c)
	}
	rows.Close()
	from := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -12, 0).Format(dateOnly)
	rows, err = s.db.QueryContext(ctx, `SELECT substr(pr.due_on, 1, 7), count(*), sum(pr.kept_on IS NOT NULL AND pr.kept_on <= pr.due_on)
		FROM people p JOIN caseload w ON w.worker_id = p.id JOIN promises pr ON pr.child_id = w.child_id
		WHERE p.team_id = ? AND pr.due_on >= ? AND pr.due_on < ?
		GROUP BY 1 ORDER BY 1`, teamID, from, day)
	if err != nil {
		return nil, nil, fmt.Errorf("team dashboard by month: %w", err)
	}
	defer rows.Close()
	var months []MonthKept
	for rows.Next() {
		var m MonthKept
		if err := rows.Scan(&m.Month, &m.Due, &m.OnTime); err != nil {
			return nil, nil, err
		}
		months = append(months, m)
	}
	return counts, months, rows.Err()
}

// TeamPromises returns every promise of a manager's team, for the CSV export.
func (s *Store) TeamPromises(ctx context.Context, teamID int64) ([]Promise, []string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.name, pr.id, c.ref, pr.rule_id, pr.subject, pr.member_ref, pr.days, pr.working, pr.started_on, pr.due_on, coalesce(pr.kept_on, '')
		FROM people p JOIN caseload w ON w.worker_id = p.id JOIN promises pr ON pr.child_id = w.child_id JOIN children c ON c.id = pr.child_id
		WHERE p.team_id = ? ORDER BY pr.due_on, pr.id`, teamID)
	if err != nil {
		return nil, nil, fmt.Errorf("team promises: %w", err)
	}
	defer rows.Close()
	var out []Promise
	var workers []string
	for rows.Next() {
		var worker, started, due, kept string
		var p Promise
		if err := rows.Scan(&worker, &p.ID, &p.ChildRef, &p.Rule, &p.Subject, &p.MemberRef, &p.Days, &p.Working, &started, &due, &kept); err != nil {
			return nil, nil, err
		}
		p.Started, p.Due = parseDay(started), parseDay(due)
		if kept != "" {
			p.Kept = parseDay(kept)
		}
		out = append(out, p)
		workers = append(workers, worker)
	}
	return out, workers, rows.Err()
}
