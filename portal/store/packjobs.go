package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Pack job statuses.
const (
	PackRunning = "running"
	PackDone    = "done"
	PackFailed  = "failed"
)

// packKeep is how long a finished caseload's file is kept to download.
const packKeep = 48 * time.Hour

// PackJob is a caseload's packs being printed in the background.
type PackJob struct {
	ID          int64
	PersonID    int64
	Combined    bool
	Status      string
	Done, Total int
	Summary     string // what the packs hold, or why the job failed
	HasFile     bool
	Created     time.Time
}

// CreatePackJob starts a job for a worker, and drops the files of jobs finished more than
// two days ago.
func (s *Store) CreatePackJob(ctx context.Context, actor string, personID int64, combined bool) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		old := s.now().Add(-packKeep).UTC().Format(time.RFC3339Nano)
		if _, err := tx.ExecContext(ctx, `UPDATE pack_jobs SET file = NULL WHERE file IS NOT NULL AND finished_at < ?`, old); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO pack_jobs (person_id, combined, created_at) VALUES (?, ?, ?) RETURNING id`, personID, combined, s.timestamp()).Scan(&id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "pack.job.start", fmt.Sprintf("pack:%d", id), "")
	})
	if err != nil {
		return 0, fmt.Errorf("start pack job: %w", err)
	}
	return id, nil
}

// PackJobProgress records how many of how many children are done.
func (s *Store) PackJobProgress(ctx context.Context, id int64, done, total int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE pack_jobs SET done = ?, total = ? WHERE id = ?`, done, total, id)
	return err
}

// FinishPackJob records a job's end: its file, or why it failed (file nil).
func (s *Store) FinishPackJob(ctx context.Context, id int64, summary string, file []byte) error {
	status := PackDone
	if file == nil {
		status = PackFailed
	}
	_, err := s.db.ExecContext(ctx, `UPDATE pack_jobs SET status = ?, summary = ?, file = ?, finished_at = ? WHERE id = ?`, status, summary, file, s.timestamp(), id)
	return err
}

// FailUnfinishedPackJobs marks the jobs a stopped server left running as failed.
func (s *Store) FailUnfinishedPackJobs(ctx context.Context, why string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE pack_jobs SET status = 'failed', summary = ?, finished_at = ? WHERE status = 'running'`, why, s.timestamp())
	return err
}

const packJobColumns = `id, person_id, combined, status, done, total, summary, file IS NOT NULL, created_at`

func scanPackJob(row interface{ Scan(...any) error }) (PackJob, error) {
	var j PackJob
	var created string
	if err := row.Scan(&j.ID, &j.PersonID, &j.Combined, &j.Status, &j.Done, &j.Total, &j.Summary, &j.HasFile, &created); err != nil {
		return j, err
	}
	j.Created, _ = time.Parse(time.RFC3339Nano, created)
	return j, nil
}

// PackJob is one job of a person's; ErrNotFound when it is not theirs.
func (s *Store) PackJob(ctx context.Context, id, personID int64) (PackJob, error) {
	j, err := scanPackJob(s.db.QueryRowContext(ctx, `SELECT `+packJobColumns+` FROM pack_jobs WHERE id = ? AND person_id = ?`, id, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return j, ErrNotFound
	}
	return j, err
}

// PackJobs are a person's latest jobs, newest first.
func (s *Store) PackJobs(ctx context.Context, personID int64, limit int) ([]PackJob, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+packJobColumns+` FROM pack_jobs WHERE person_id = ? ORDER BY id DESC LIMIT ?`, personID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PackJob
	for rows.Next() {
		j, err := scanPackJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// PackJobFile is a finished job's file, for its person; ErrNotFound when there is none.
func (s *Store) PackJobFile(ctx context.Context, actor string, id, personID int64) ([]byte, error) {
	var file []byte
	err := s.db.QueryRowContext(ctx, `SELECT file FROM pack_jobs WHERE id = ? AND person_id = ? AND file IS NOT NULL`, id, personID).Scan(&file)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return file, s.Record(ctx, actor, "pack.job.download", fmt.Sprintf("pack:%d", id), "")
}
