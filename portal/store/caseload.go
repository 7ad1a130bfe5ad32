package store

import (
	"context"
	"fmt"
	"time"

	"github.com/familyportal/portal/render/document"
)

// CaseloadChild is one child on a worker's caseload with what the worker's home page shows
// of them: the plan's versions, the open promises, what the family sent.
type CaseloadChild struct {
	WorkerID int64
	Worker   string // the worker's name
	ChildRef string
	Name     string
	// The plan version imported most recently (what the worker sees and would publish), and
	// the one last published to the family; versions are 0 when there is none.
	PlanRef          string
	Latest           int
	PublishedPlanRef string
	Published        int
	UpToDate         bool // the family sees the latest version
	Late             int  // open promises past their day
	Due              int  // open promises not yet past their day
	Unanswered       int  // what the family sent that no worker has answered
	Unread           int  // of those, what no worker has opened yet
	Urgent           int  // open urgent tasks: the child said they do not feel safe

	latestID  int64 // the latest version's row and hash, to read its document
	latestSHA string
}

// Caseload returns the children on one worker's caseload, by name, counted on a day.
func (s *Store) Caseload(ctx context.Context, workerID int64, today time.Time) ([]CaseloadChild, error) {
	return s.caseload(ctx, `cl.worker_id = ?2`, workerID, today)
}

// TeamCaseload returns the children on the caseloads of everyone in a team, by worker and
// name: a child two people hold is listed under each.
func (s *Store) TeamCaseload(ctx context.Context, teamID int64, today time.Time) ([]CaseloadChild, error) {
	return s.caseload(ctx, `w.team_id = ?2`, teamID, today)
}

// caseload is one query however many children there are: each child's counts are
// subqueries that the indexes answer. where is one of the constants above, never input.
func (s *Store) caseload(ctx context.Context, where string, id int64, today time.Time) ([]CaseloadChild, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT w.id, w.name, c.ref, c.name,
			coalesce(lp.ref, ''), coalesce(lv.version, 0), coalesce(lv.id, 0), coalesce(lv.sha256, ''),
			coalesce(pp.ref, ''), coalesce(pv.version, 0), coalesce(pv.id, 0),
			(SELECT count(*) FROM promises pr WHERE pr.child_id = c.id AND pr.kept_on IS NULL AND pr.due_on < ?1),
			(SELECT count(*) FROM promises pr WHERE pr.child_id = c.id AND pr.kept_on IS NULL AND pr.due_on >= ?1),
			(SELECT count(*) FROM submissions sub WHERE sub.child_id = c.id AND sub.answered_at IS NULL),
			(SELECT count(*) FROM submissions sub WHERE sub.child_id = c.id AND sub.answered_at IS NULL AND sub.read_at IS NULL),
			(SELECT count(*) FROM urgent_tasks u WHERE u.child_id = c.id AND u.done_at IS NULL)
		FROM caseload cl JOIN people w ON w.id = cl.worker_id JOIN children c ON c.id = cl.child_id
		LEFT JOIN plan_versions lv ON lv.id = (SELECT max(v.id) FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE p.child_id = c.id)
		LEFT JOIN plans lp ON lp.id = lv.plan_id
		LEFT JOIN publications pub ON pub.id = (SELECT max(pb.id) FROM publications pb JOIN plan_versions v ON v.id = pb.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE p.child_id = c.id)
		LEFT JOIN plan_versions pv ON pv.id = pub.plan_version_id
		LEFT JOIN plans pp ON pp.id = pv.plan_id
		WHERE `+where+`
		ORDER BY w.name, w.id, c.name, c.ref`, today.Format(dateOnly), id)
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	defer rows.Close()
	var out []CaseloadChild
	for rows.Next() {
		var ch CaseloadChild
		var publishedID int64
		if err := rows.Scan(&ch.WorkerID, &ch.Worker, &ch.ChildRef, &ch.Name,
			&ch.PlanRef, &ch.Latest, &ch.latestID, &ch.latestSHA,
			&ch.PublishedPlanRef, &ch.Published, &publishedID,
			&ch.Late, &ch.Due, &ch.Unanswered, &ch.Unread, &ch.Urgent); err != nil {
			return nil, fmt.Errorf("caseload: %w", err)
		}
		ch.UpToDate = publishedID != 0 && publishedID == ch.latestID
		out = append(out, ch)
	}
	return out, rows.Err()
}

// LatestDocument returns the latest plan version of a child from a caseload, parsed once
// and kept like every stored version: a worker's home page reads one per child at each
// visit, and after the first it costs no query. ErrNotFound when the child has no plan.
func (s *Store) LatestDocument(ctx context.Context, ch CaseloadChild) (*document.Document, error) {
	if ch.latestID == 0 {
		return nil, fmt.Errorf("plan of %s: %w", ch.ChildRef, ErrNotFound)
	}
	doc, err := s.parsed.Get(ch.latestSHA, func() (*document.Document, error) {
		var body string
		if err := s.db.QueryRowContext(ctx, `SELECT document FROM plan_versions WHERE id = ?`, ch.latestID).Scan(&body); err != nil {
			return nil, err
		}
		return document.Parse([]byte(body))
	})
	if err != nil {
		return nil, fmt.Errorf("plan of %s version %d: %w", ch.ChildRef, ch.Latest, err)
	}
	return doc, nil
}
