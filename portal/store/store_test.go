package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/familyportal/portal/render/document"
)

func openStore(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "portal.db")
	clock := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	s, err := Open(context.Background(), path, WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// planJSON is a small valid plan document; extra is spliced into the plan object.
func planJSON(childRef, planRef, why, extra string) string {
	return fmt.Sprintf(`{"schema": "plan-document/v1",
		"child": {"ref": %q, "name": "Amira Khan", "date_of_birth": "2015-04-02", "upn": "X1"},
		"family": [{"ref": "F-1", "name": "Sara Khan", "email": "", "language": "ur"}],
		"plan": {"ref": %q, "kind": "child_in_need", "why": %q %s},
		"meetings": [], "source_system": {"name": "Mosaic", "ids": [1, 2.5]}}`, childRef, planRef, why, extra)
}

func incoming(t *testing.T, source, body string) Incoming {
	t.Helper()
	d, err := document.Parse([]byte(body))
	if err != nil {
		t.Fatalf("%s: %v", source, err)
	}
	return Incoming{Source: source, Doc: d}
}

func importOne(t *testing.T, s *Store, in Incoming) Imported {
	t.Helper()
	got, err := s.Import(context.Background(), "test", []Incoming{in})
	if err != nil {
		t.Fatal(err)
	}
	return got[0]
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportKeepsEveryVersion(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	march := planJSON("C-1", "PL-1", "Worries about school in March.", "")
	april := planJSON("C-1", "PL-1", "Worries about school in April.", "")

	steps := []struct {
		body        string
		wantVersion int
		wantNew     bool
	}{
		{march, 1, true},
		{march, 1, false}, // identical: nothing new
		{april, 2, true},
		{april, 2, false},
		{march, 3, true}, // going back is a change too
	}
	for i, st := range steps {
		got := importOne(t, s, incoming(t, fmt.Sprintf("step %d", i), st.body))
		if got.Version != st.wantVersion || got.New != st.wantNew {
			t.Errorf("step %d: got version %d new %v, want %d %v", i, got.Version, got.New, st.wantVersion, st.wantNew)
		}
	}
	if n := count(t, s, "plan_versions"); n != 3 {
		t.Errorf("plan_versions rows = %d, want 3", n)
	}
	history, err := s.PlanHistory(ctx, "C-1", "PL-1")
	if err != nil || len(history) != 3 || history[0].Version != 3 {
		t.Fatalf("history = %+v, %v", history, err)
	}
	doc, v, err := s.PlanDocument(ctx, "C-1", "PL-1", 2)
	if err != nil || v.Version != 2 || doc.Plan.Why.Text != "Worries about school in April." {
		t.Errorf("version 2 = %+v %+v %v", doc, v, err)
	}
	if _, _, err := s.PlanDocument(ctx, "C-1", "PL-1", 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("version 9: err = %v, want ErrNotFound", err)
	}
	trail, err := s.AuditTrail(ctx, "child:C-1", 10)
	if err != nil || len(trail) != 3 || trail[0].Action != ActionImport || trail[0].Actor != "test" {
		t.Errorf("audit = %+v, %v", trail, err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	s, _ := openStore(t)
	// Make the database refuse the second document half-way through the transaction.
	if _, err := s.db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON plans WHEN NEW.ref = 'PL-BAD'
		BEGIN SELECT RAISE(ABORT, 'refused by test'); END`); err != nil {
		t.Fatal(err)
	}
	_, err := s.Import(context.Background(), "test", []Incoming{
		incoming(t, "good.json", planJSON("C-1", "PL-1", "x", "")),
		incoming(t, "bad.json", planJSON("C-2", "PL-BAD", "y", "")),
	})
	if err == nil || !strings.Contains(err.Error(), "import bad.json") {
		t.Fatalf("err = %v, want the failure of bad.json", err)
	}
	for _, table := range []string{"children", "plans", "plan_versions", "audit"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%s has %d rows after a failed import, want 0", table, n)
		}
	}
}

// TestStoredDocumentKeepsUnknownFields: import -> store -> read back says the same JSON.
func TestStoredDocumentKeepsUnknownFields(t *testing.T) {
	s, _ := openStore(t)
	body := planJSON("C-1", "PL-1", "x", `, "local_reference": "EH/1", "extension": {"a": [true, null]}`)
	importOne(t, s, incoming(t, "in.json", body))
	doc, _, err := s.PlanDocument(context.Background(), "C-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	out, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	json.Unmarshal([]byte(body), &want)
	json.Unmarshal(out, &got)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("stored document changed:\nin:  %s\nout: %s", body, out)
	}
}

func TestAuditTrailCannotBeRewritten(t *testing.T) {
	s, _ := openStore(t)
	if err := s.Record(context.Background(), "jo", ActionView, "child:C-1", "worker view"); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE audit SET actor = 'someone else'`, `DELETE FROM audit`} {
		if _, err := s.db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want refused", stmt, err)
		}
	}
	importOne(t, s, incoming(t, "in.json", planJSON("C-1", "PL-1", "x", "")))
	if _, err := s.db.Exec(`DELETE FROM plan_versions`); err == nil {
		t.Error("deleting a plan version was allowed")
	}
}

func TestOpenTwiceAppliesMigrationsOnce(t *testing.T) {
	s, path := openStore(t)
	s.Close()
	again, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	var n int
	again.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n < 1 {
		t.Errorf("schema_migrations rows = %d", n)
	}
	if err := again.Ping(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestBackupWhileImporting takes a backup while another goroutine writes, and checks the
// copy opens as a complete database.
func TestBackupWhileImporting(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 40 {
			if _, err := s.Import(ctx, "test", []Incoming{incoming(t, "w", planJSON(fmt.Sprintf("C-%d", i), "PL-1", "x", ""))}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "backup.db")
	time.Sleep(5 * time.Millisecond)
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err := s.Backup(ctx, dest); err == nil {
		t.Error("a second backup overwrote the first")
	}
	copy, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	children, err := copy.Children(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, copy, "plan_versions"); n != len(children) {
		t.Errorf("backup holds %d versions for %d children", n, len(children))
	}
}

func TestConcurrentImportsDoNotFail(t *testing.T) {
	s, _ := openStore(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				in := incoming(t, "w", planJSON(fmt.Sprintf("C-%d-%d", w, i), "PL-1", "x", ""))
				if _, err := s.Import(context.Background(), "test", []Incoming{in}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if n := count(t, s, "plan_versions"); n != 40 {
		t.Errorf("versions = %d, want 40", n)
	}
}
