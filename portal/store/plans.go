package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/familyportal/portal/render/document"
)

// Incoming is one plan document to import, and where it came from (a file name, "upload",
// or the name of a case management system).
type Incoming struct {
	Source string
	Doc    *document.Document
	// Council is the council the document comes from ('' for the portal's own): a document
	// about a child another council holds is refused with ErrOtherCouncil.
	Council string
	// Worker, when set, takes a child new to the portal onto their caseload in the same
	// transaction: a worker who uploads a plan for a new child works with them.
	Worker int64
}

// ErrOtherCouncil is returned when a document names a child that another council holds.
var ErrOtherCouncil = errors.New("the child belongs to another council")

// Imported says what importing one document did.
type Imported struct {
	Source   string
	ChildRef string
	PlanRef  string
	Version  int
	New      bool // false when the document was the same as the plan's latest version
}

// PlanVersion describes one stored version of a plan.
type PlanVersion struct {
	ChildRef   string
	PlanRef    string
	PlanKind   string
	Version    int
	SHA256     string
	Source     string
	ImportedBy string
	ImportedAt time.Time
}

// ChildSummary is a child and the plans the store holds for them.
type ChildSummary struct {
	Ref   string
	Name  string
	Plans []PlanVersion // the latest version of each plan, newest first
}

// Import stores the documents as new plan versions, all or none. A document identical to
// its plan's latest version adds nothing; any other keeps the earlier versions.
func (s *Store) Import(ctx context.Context, actor string, docs []Incoming) ([]Imported, error) {
	var out []Imported
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, in := range docs {
			got, err := s.importOne(ctx, tx, actor, in)
			if err != nil {
				return fmt.Errorf("import %s: %w", in.Source, err)
			}
			out = append(out, got)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) importOne(ctx context.Context, tx *sql.Tx, actor string, in Incoming) (Imported, error) {
	d := in.Doc
	got := Imported{Source: in.Source, ChildRef: d.Child.Ref, PlanRef: d.Plan.Ref}
	body, err := d.JSON()
	if err != nil {
		return got, err
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	now := s.timestamp()

	var holder string
	err = tx.QueryRowContext(ctx, `SELECT council FROM children WHERE ref = ?`, d.Child.Ref).Scan(&holder)
	newChild := errors.Is(err, sql.ErrNoRows)
	if err == nil && holder != in.Council {
		return got, fmt.Errorf("child %s: %w", d.Child.Ref, ErrOtherCouncil)
	}
	if err != nil && !newChild {
		return got, fmt.Errorf("child %s: %w", d.Child.Ref, err)
	}
	var childID int64
	err = tx.QueryRowContext(ctx, `INSERT INTO children (ref, name, date_of_birth, council, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (ref) DO UPDATE SET name = excluded.name, date_of_birth = excluded.date_of_birth, updated_at = excluded.updated_at
		RETURNING id`, d.Child.Ref, d.Child.Name, d.Child.DateOfBirth.String(), in.Council, now, now).Scan(&childID)
	if err != nil {
		return got, fmt.Errorf("child %s: %w", d.Child.Ref, err)
	}
	if newChild && in.Worker != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO caseload (worker_id, child_id) VALUES (?, ?)`, in.Worker, childID); err != nil {
			return got, fmt.Errorf("caseload of %s: %w", d.Child.Ref, err)
		}
		if err := s.audit(ctx, tx, actor, "person.link", "child:"+d.Child.Ref, fmt.Sprintf("person:%d worker ", in.Worker)); err != nil {
			return got, err
		}
	}
	var planID int64
	err = tx.QueryRowContext(ctx, `INSERT INTO plans (child_id, ref, kind, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (child_id, ref) DO UPDATE SET kind = excluded.kind
		RETURNING id`, childID, d.Plan.Ref, d.Plan.Kind, now).Scan(&planID)
	if err != nil {
		return got, fmt.Errorf("plan %s: %w", d.Plan.Ref, err)
	}
	var latestHash string
	err = tx.QueryRowContext(ctx, `SELECT version, sha256 FROM plan_versions WHERE plan_id = ? ORDER BY version DESC LIMIT 1`,
		planID).Scan(&got.Version, &latestHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return got, fmt.Errorf("latest version of %s: %w", d.Plan.Ref, err)
	}
	if latestHash == hash {
		return got, nil
	}
	got.Version++
	got.New = true
	_, err = tx.ExecContext(ctx, `INSERT INTO plan_versions (plan_id, version, sha256, document, source, imported_by, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, planID, got.Version, hash, string(body), in.Source, actor, now)
	if err != nil {
		return got, fmt.Errorf("store version %d of %s: %w", got.Version, d.Plan.Ref, err)
	}
	subject := "child:" + d.Child.Ref
	return got, s.audit(ctx, tx, actor, ActionImport, subject, fmt.Sprintf("plan %s version %d from %s", d.Plan.Ref, got.Version, in.Source))
}

// ChildCouncil returns the council holding a child (” for the portal's own), or ErrNotFound.
func (s *Store) ChildCouncil(ctx context.Context, ref string) (string, error) {
	var council string
	err := s.db.QueryRowContext(ctx, `SELECT council FROM children WHERE ref = ?`, ref).Scan(&council)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("council of child %s: %w", ref, err)
	}
	return council, nil
}

const versionColumns = `c.ref, p.ref, p.kind, v.version, v.sha256, v.source, v.imported_by, v.imported_at`

func scanVersion(row interface{ Scan(...any) error }, v *PlanVersion, extra ...any) error {
	var at string
	if err := row.Scan(append([]any{&v.ChildRef, &v.PlanRef, &v.PlanKind, &v.Version, &v.SHA256, &v.Source, &v.ImportedBy, &at}, extra...)...); err != nil {
		return err
	}
	v.ImportedAt = parseTimestamp(at)
	return nil
}

// Children lists every child with the latest version of each of their plans.
func (s *Store) Children(ctx context.Context) ([]ChildSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+versionColumns+`, c.name
		FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN children c ON c.id = p.child_id
		WHERE v.version = (SELECT max(version) FROM plan_versions WHERE plan_id = p.id)
		ORDER BY c.name, c.ref, v.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list children: %w", err)
	}
	defer rows.Close()
	var out []ChildSummary
	for rows.Next() {
		var name string
		var v PlanVersion
		if err := scanVersion(rows, &v, &name); err != nil {
			return nil, fmt.Errorf("list children: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].Ref != v.ChildRef {
			out = append(out, ChildSummary{Ref: v.ChildRef, Name: name})
		}
		out[len(out)-1].Plans = append(out[len(out)-1].Plans, v)
	}
	return out, rows.Err()
}

// PlanHistory lists every stored version of a child's plan, newest first.
func (s *Store) PlanHistory(ctx context.Context, childRef, planRef string) ([]PlanVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+versionColumns+`
		FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN children c ON c.id = p.child_id
		WHERE c.ref = ? AND p.ref = ? ORDER BY v.version DESC`, childRef, planRef)
	if err != nil {
		return nil, fmt.Errorf("history of %s %s: %w", childRef, planRef, err)
	}
	defer rows.Close()
	var out []PlanVersion
	for rows.Next() {
		var v PlanVersion
		if err := scanVersion(rows, &v); err != nil {
			return nil, fmt.Errorf("history of %s %s: %w", childRef, planRef, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("history of %s %s: %w", childRef, planRef, ErrNotFound)
	}
	return out, nil
}

// PlanDocument returns a stored version of a child's plan: planRef "" means the plan imported
// most recently, version 0 the latest version.
func (s *Store) PlanDocument(ctx context.Context, childRef, planRef string, version int) (*document.Document, PlanVersion, error) {
	var v PlanVersion
	var body string
	row := s.db.QueryRowContext(ctx, `SELECT `+versionColumns+`, v.document
		FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN children c ON c.id = p.child_id
		WHERE c.ref = ? AND (? = '' OR p.ref = ?) AND (? = 0 OR v.version = ?)
		ORDER BY v.id DESC LIMIT 1`, childRef, planRef, planRef, version, version)
	err := scanVersion(row, &v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, v, fmt.Errorf("plan %s %s version %d: %w", childRef, planRef, version, ErrNotFound)
	}
	if err != nil {
		return nil, v, fmt.Errorf("plan %s %s: %w", childRef, planRef, err)
	}
	doc, err := s.parse(v, body)
	if err != nil {
		return nil, v, fmt.Errorf("stored plan %s %s version %d no longer reads: %w", childRef, v.PlanRef, v.Version, err)
	}
	return doc, v, nil
}

// parse reads a stored version once; later calls get the same document, which callers must
// not change (copy what they change).
func (s *Store) parse(v PlanVersion, body string) (*document.Document, error) {
	return s.parsed.Get(v.SHA256, func() (*document.Document, error) { return document.Parse([]byte(body)) })
}
