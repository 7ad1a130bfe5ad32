package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Draft is a form as far as a family member has got.
type Draft struct {
	Answers        map[string]string
	IdempotencyKey string
}

// Submission is a form a family member sent.
type Submission struct {
	ChildRef  string
	Reference string
	Person    string
	Form      string
	Answers   map[string]string
	Submitted time.Time
	Read      bool
	Answered  bool
}

// Draft returns a person's draft of a form about a child, with a new idempotency key when
// there is none yet.
func (s *Store) Draft(ctx context.Context, personID int64, childRef, form string) (Draft, error) {
	d := Draft{Answers: map[string]string{}}
	var answers string
	err := s.db.QueryRowContext(ctx, `SELECT d.answers, d.idempotency_key FROM drafts d JOIN children c ON c.id = d.child_id
		WHERE d.person_id = ? AND c.ref = ? AND d.form = ?`, personID, childRef, form).Scan(&answers, &d.IdempotencyKey)
	if errors.Is(err, sql.ErrNoRows) {
		d.IdempotencyKey = randomKey(24)
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("draft: %w", err)
	}
	if err := json.Unmarshal([]byte(answers), &d.Answers); err != nil {
		return d, fmt.Errorf("draft: %w", err)
	}
	return d, nil
}

// SaveDraft stores a draft as it now is.
func (s *Store) SaveDraft(ctx context.Context, personID int64, childRef, form string, d Draft) error {
	answers, _ := json.Marshal(d.Answers)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO drafts (person_id, child_id, form, answers, idempotency_key, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (person_id, child_id, form) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at`,
			personID, child, form, string(answers), d.IdempotencyKey, s.timestamp())
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
		return nil
	})
}

// Submit stores a form once: sent again with the same idempotency key (a double tap, a
// retry after a dropped connection) it stores nothing new and returns the same reference.
// The draft goes once it is sent.
func (s *Store) Submit(ctx context.Context, actor string, personID int64, childRef, form, idempotencyKey string, answers map[string]string) (string, error) {
	body, _ := json.Marshal(answers)
	var reference string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO submissions (reference, idempotency_key, person_id, child_id, form, answers, submitted_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
			"TC-"+randomKey(6), idempotencyKey, personID, child, form, string(body), s.timestamp())
		if err != nil {
			return fmt.Errorf("submit: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT reference FROM submissions WHERE idempotency_key = ?`, idempotencyKey).Scan(&reference); err != nil {
			return fmt.Errorf("submit: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // sent before: the same reference
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE person_id = ? AND child_id = ? AND form = ?`, personID, child, form); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "form.submit", "child:"+childRef, form+" "+reference)
	})
	return reference, err
}

const submissionColumns = `SELECT c.ref, sub.reference, p.name, sub.form, sub.answers, sub.submitted_at, sub.read_at IS NOT NULL, sub.answered_at IS NOT NULL
	FROM submissions sub JOIN children c ON c.id = sub.child_id JOIN people p ON p.id = sub.person_id`

func scanSubmission(row interface{ Scan(...any) error }) (Submission, error) {
	var sub Submission
	var answers, at string
	if err := row.Scan(&sub.ChildRef, &sub.Reference, &sub.Person, &sub.Form, &answers, &at, &sub.Read, &sub.Answered); err != nil {
		return sub, err
	}
	sub.Submitted = parseTimestamp(at)
	return sub, json.Unmarshal([]byte(answers), &sub.Answers)
}

// SubmissionBy returns a form a person sent about a child, by its reference; ErrNotFound
// when the reference is not theirs.
func (s *Store) SubmissionBy(ctx context.Context, personID int64, childRef, reference string) (Submission, error) {
	sub, err := scanSubmission(s.db.QueryRowContext(ctx, submissionColumns+` WHERE sub.person_id = ? AND c.ref = ? AND sub.reference = ?`, personID, childRef, reference))
	if errors.Is(err, sql.ErrNoRows) {
		return sub, ErrNotFound
	}
	if err != nil {
		return sub, fmt.Errorf("submission %s: %w", reference, err)
	}
	return sub, nil
}

// Submissions returns what a child's family sent, newest first, and marks them read when
// read is true (a worker is looking).
func (s *Store) Submissions(ctx context.Context, childRef string, read bool) ([]Submission, error) {
	rows, err := s.db.QueryContext(ctx, submissionColumns+` WHERE c.ref = ? ORDER BY sub.id DESC`, childRef)
	if err != nil {
		return nil, fmt.Errorf("submissions: %w", err)
	}
	var out []Submission
	for rows.Next() {
		sub, err := scanSubmission(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("submissions: %w", err)
		}
		out = append(out, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if read && len(out) > 0 {
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE submissions SET read_at = ? WHERE read_at IS NULL AND child_id = (SELECT id FROM children WHERE ref = ?)`, s.timestamp(), childRef)
			return err
		})
	}
	return out, err
}

// UnansweredSubmissions returns what the families of these children sent that no worker has
// answered yet, newest first.
func (s *Store) UnansweredSubmissions(ctx context.Context, children []string) ([]Submission, error) {
	var out []Submission
	err := s.eachChunk(children, func(refs []any, in string) error {
		rows, err := s.db.QueryContext(ctx, submissionColumns+` WHERE sub.answered_at IS NULL`+in+` ORDER BY sub.id DESC`, refs...)
		if err != nil {
			return fmt.Errorf("unanswered submissions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			sub, err := scanSubmission(rows)
			if err != nil {
				return fmt.Errorf("unanswered submissions: %w", err)
			}
			out = append(out, sub)
		}
		return rows.Err()
	})
	return out, err
}

// MarkAnswered records that a worker answered what a family sent about a child.
func (s *Store) MarkAnswered(ctx context.Context, actor, childRef, reference string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE submissions SET answered_at = ?, read_at = coalesce(read_at, ?)
			WHERE reference = ? AND child_id = (SELECT id FROM children WHERE ref = ?)`, s.timestamp(), s.timestamp(), reference, childRef)
		if err != nil {
			return fmt.Errorf("mark %s answered: %w", reference, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, actor, "form.answered", "child:"+childRef, reference)
	})
}

// randomKey is n characters that are easy to read out: for references and idempotency keys.
func randomKey(n int) string {
	const alphabet = "234679ACDEFGHJKMNPQRTUVWXYZ"
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
