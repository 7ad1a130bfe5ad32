package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/familyportal/portal/render/document"
)

// Actions of the audit trail for publishing and privacy.
const (
	ActionPublish   = "plan.publish"
	ActionUnpublish = "plan.unpublish"
	ActionPrivacy   = "plan.private_sections"
)

// Publish makes a version of a child's plan the one their family sees.
func (s *Store) Publish(ctx context.Context, actor, childRef, planRef string, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN children c ON c.id = p.child_id
			WHERE c.ref = ? AND p.ref = ? AND v.version = ?`, childRef, planRef, version).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("publish %s %s version %d: %w", childRef, planRef, version, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO publications (plan_version_id, published_by, published_at) VALUES (?, ?, ?)`, id, actor, s.timestamp()); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return s.audit(ctx, tx, actor, ActionPublish, "child:"+childRef, fmt.Sprintf("plan %s version %d", planRef, version))
	})
}

// PublishedDocument returns the plan version last published to a child's family, with the
// sections the young person keeps private applied. A child with nothing published is
// ErrNotFound: the family sees nothing until a worker publishes.
func (s *Store) PublishedDocument(ctx context.Context, childRef string) (*document.Document, PlanVersion, error) {
	var v PlanVersion
	var body string
	row := s.db.QueryRowContext(ctx, `SELECT `+versionColumns+`, v.document
		FROM publications pub JOIN plan_versions v ON v.id = pub.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN children c ON c.id = p.child_id
		WHERE c.ref = ? AND pub.id = (`+latestPublication+`)
		AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.publication_id = pub.id)`, childRef, childRef)
	err := scanVersion(row, &v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, v, fmt.Errorf("published plan of %s: %w", childRef, ErrNotFound)
	}
	if err != nil {
		return nil, v, fmt.Errorf("published plan of %s: %w", childRef, err)
	}
	doc, err := s.parse(v, body)
	if err != nil {
		return nil, v, fmt.Errorf("published plan of %s no longer reads: %w", childRef, err)
	}
	if sections, ok, err := s.PrivateSections(ctx, childRef); err != nil {
		return nil, v, err
	} else if ok {
		chosen := *doc // the parsed document is shared: change a copy
		chosen.Plan.PrivateSections = sections
		doc = &chosen
	}
	return doc, v, nil
}

// latestPublication is the id of a child's latest publication, for a query whose first
// parameter is the child's ref.
const latestPublication = `SELECT max(pub2.id) FROM publications pub2 JOIN plan_versions v2 ON v2.id = pub2.plan_version_id
	JOIN plans p2 ON p2.id = v2.plan_id JOIN children c2 ON c2.id = p2.child_id WHERE c2.ref = ?`

// Unpublish takes down what a child's family sees, until a worker publishes again. The
// publication stays in the history; the withdrawal and its reason are recorded next to it.
func (s *Store) Unpublish(ctx context.Context, actor, childRef, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO withdrawals (publication_id, withdrawn_by, withdrawn_at, reason)
			SELECT (`+latestPublication+`), ?, ?, ? WHERE (`+latestPublication+`) IS NOT NULL
			ON CONFLICT (publication_id) DO NOTHING`, childRef, actor, s.timestamp(), reason, childRef)
		if err != nil {
			return fmt.Errorf("unpublish %s: %w", childRef, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("unpublish %s: nothing is published: %w", childRef, ErrNotFound)
		}
		return s.audit(ctx, tx, actor, ActionUnpublish, "child:"+childRef, reason)
	})
}

// SetPrivateSections records the sections a young person keeps from their parents.
func (s *Store) SetPrivateSections(ctx context.Context, actor, childRef string, sections []string) error {
	body, _ := json.Marshal(sections)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := childID(ctx, tx, childRef)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO private_sections (child_id, sections, set_at) VALUES (?, ?, ?)
			ON CONFLICT (child_id) DO UPDATE SET sections = excluded.sections, set_at = excluded.set_at`, child, string(body), s.timestamp())
		if err != nil {
			return fmt.Errorf("private sections: %w", err)
		}
		return s.audit(ctx, tx, actor, ActionPrivacy, "child:"+childRef, string(body))
	})
}

// PrivateSections returns what the young person chose in the portal, and whether they chose.
func (s *Store) PrivateSections(ctx context.Context, childRef string) ([]string, bool, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT ps.sections FROM private_sections ps JOIN children c ON c.id = ps.child_id WHERE c.ref = ?`, childRef).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("private sections of %s: %w", childRef, err)
	}
	var sections []string
	if err := json.Unmarshal([]byte(body), &sections); err != nil {
		return nil, false, fmt.Errorf("private sections of %s: %w", childRef, err)
	}
	return sections, true, nil
}
