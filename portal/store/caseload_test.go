package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestCaseload: one worker's children and a team's, each with their versions, open promises,
// what the family sent and urgent tasks counted; nobody else's children.
func TestCaseload(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, ref := range []string{"C-1", "C-2", "C-3", "C-4", "C-5"} {
		importOne(t, s, incoming(t, ref, planJSON(ref, "PL-"+ref, "Why, version 1.", "")))
	}
	team, _ := s.CreateTeam(ctx, "Team")
	otherTeam, _ := s.CreateTeam(ctx, "Other team")
	person := func(kind, name string, team int64) int64 {
		id, err := s.CreatePerson(ctx, "test", Person{Kind: kind, Name: name, Email: name + "@example.org", TeamID: team})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	link := func(person int64, child, member string) {
		if err := s.Link(ctx, "test", person, child, member); err != nil {
			t.Fatal(err)
		}
	}
	ann, bob, cat := person(KindWorker, "Ann", team), person(KindWorker, "Bob", team), person(KindWorker, "Cat", otherTeam)
	link(ann, "C-1", "")
	link(ann, "C-2", "")
	link(ann, "C-3", "")
	link(bob, "C-4", "")
	link(bob, "C-2", "") // Bob holds C-2 too
	link(cat, "C-5", "")

	// C-1 never published; C-2 published, then a newer version; C-3 published as it is.
	if err := s.Publish(ctx, "test", "C-2", "PL-C-2", 1); err != nil {
		t.Fatal(err)
	}
	importOne(t, s, incoming(t, "C-2", planJSON("C-2", "PL-C-2", "Why, version 2.", "")))
	if err := s.Publish(ctx, "test", "C-3", "PL-C-3", 1); err != nil {
		t.Fatal(err)
	}

	// C-1: one promise late, one due today (not late yet), one due later, one kept.
	for i, p := range []struct{ due, kept any }{{"2026-11-21", nil}, {"2026-11-22", nil}, {"2026-12-01", nil}, {"2026-11-01", "2026-10-30"}} {
		_, err := s.db.Exec(`INSERT INTO promises (child_id, rule_id, subject, days, working, started_on, due_on, kept_on)
			VALUES ((SELECT id FROM children WHERE ref = 'C-1'), 'minutes', ?, 10, 0, '2026-10-20', ?, ?)`, fmt.Sprintf("M-%d", i), p.due, p.kept)
		if err != nil {
			t.Fatal(err)
		}
	}
	// C-2: three forms sent: one read, one not yet opened, one answered.
	sara := person(KindFamily, "Sara", 0)
	link(sara, "C-2", "F-1")
	submit := func(key string) string {
		ref, err := s.Submit(ctx, "test", sara, "C-2", "thoughts", key, map[string]string{"worries": "school"})
		if err != nil {
			t.Fatal(err)
		}
		return ref
	}
	submit("k1")
	if _, err := s.Submissions(ctx, "C-2", true); err != nil {
		t.Fatal(err)
	}
	submit("k2")
	if err := s.MarkAnswered(ctx, "test", "C-2", submit("k3")); err != nil {
		t.Fatal(err)
	}
	// C-3: the child said they do not feel safe.
	link(sara, "C-3", "F-1")
	if _, err := s.RaiseUrgent(ctx, "test", sara, "C-3", "views"); err != nil {
		t.Fatal(err)
	}

	got, err := s.Caseload(ctx, ann, today)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Worker, Child, Plan                   string
		Latest, Published                     int
		UpToDate                              bool
		Late, Due, Unanswered, Unread, Urgent int
	}
	rows := func(cs []CaseloadChild) []row {
		var out []row
		for _, c := range cs {
			out = append(out, row{c.Worker, c.ChildRef, c.PlanRef, c.Latest, c.Published, c.UpToDate, c.Late, c.Due, c.Unanswered, c.Unread, c.Urgent})
		}
		return out
	}
	c1 := row{"Ann", "C-1", "PL-C-1", 1, 0, false, 1, 2, 0, 0, 0}
	c2 := row{"Ann", "C-2", "PL-C-2", 2, 1, false, 0, 0, 2, 1, 0}
	c3 := row{"Ann", "C-3", "PL-C-3", 1, 1, true, 0, 0, 0, 0, 1}
	want := []row{c1, c2, c3}
	if g := rows(got); fmt.Sprint(g) != fmt.Sprint(want) {
		t.Errorf("Ann's caseload:\n got %v\nwant %v", g, want)
	}
	bobs2 := c2
	bobs2.Worker = "Bob"
	got, err = s.TeamCaseload(ctx, team, today)
	if err != nil {
		t.Fatal(err)
	}
	want = []row{c1, c2, c3, bobs2, {"Bob", "C-4", "PL-C-4", 1, 0, false, 0, 0, 0, 0, 0}}
	if g := rows(got); fmt.Sprint(g) != fmt.Sprint(want) {
		t.Errorf("the team's caseload:\n got %v\nwant %v", g, want)
	}
	if got, _ := s.Caseload(ctx, cat, today); len(got) != 1 || got[0].ChildRef != "C-5" {
		t.Errorf("Cat's caseload = %v, want C-5 only", rows(got))
	}

	// The latest document is the newer, unpublished version.
	for _, ch := range got {
		doc, err := s.LatestDocument(ctx, ch)
		if err != nil || doc.Child.Ref != ch.ChildRef {
			t.Errorf("latest document of %s: %v", ch.ChildRef, err)
		}
	}
	all, _ := s.Caseload(ctx, ann, today)
	doc, err := s.LatestDocument(ctx, all[1])
	if err != nil || doc.Plan.Why.Text != "Why, version 2." {
		t.Errorf("latest document of C-2: %v %v", doc, err)
	}
	if _, err := s.LatestDocument(ctx, CaseloadChild{ChildRef: "C-0"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a child with no plan: %v, want ErrNotFound", err)
	}
}

// BenchmarkCaseload is the one query of the caseload pages in a real SQLite file holding
// 5,000 children, each with a plan of two versions (the first published) and 50,000
// promises: a worker's 18 children, and a whole team's.
func BenchmarkCaseload(b *testing.B) {
	path := b.TempDir() + "/bench.db"
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	team, today := fillTeam(b, s, 5000, 50000)
	tx, err := s.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for c := 1; c <= 5000; c++ {
		tx.Exec(`INSERT INTO plans (id, child_id, ref, kind, created_at) VALUES (?, ?, 'PL-1', 'child_in_need', '')`, c, c)
		for v := 1; v <= 2; v++ {
			tx.Exec(`INSERT INTO plan_versions (id, plan_id, version, sha256, document, source, imported_by, imported_at) VALUES (?, ?, ?, ?, '{}', 'bench', 'bench', '')`, 2*c+v, c, v, fmt.Sprint(2*c+v))
		}
		tx.Exec(`INSERT INTO publications (plan_version_id, published_by, published_at) VALUES (?, 'bench', '')`, 2*c+1)
	}
	tx.Exec(`INSERT INTO people (id, kind, name, email, team_id, created_at) VALUES (9000, 'worker', 'Jo', 'jo@example.org', ?, '')`, team)
	for c := 1; c <= 18; c++ {
		tx.Exec(`INSERT INTO caseload (worker_id, child_id) VALUES (9000, ?)`, c*100)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	for _, bm := range []struct {
		name string
		get  func() ([]CaseloadChild, error)
		n    int
	}{
		{"worker", func() ([]CaseloadChild, error) { return s.Caseload(context.Background(), 9000, today) }, 18},
		{"team", func() ([]CaseloadChild, error) { return s.TeamCaseload(context.Background(), team, today) }, 5018},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				got, err := bm.get()
				if err != nil || len(got) != bm.n || got[0].Latest != 2 || got[0].Published != 1 {
					b.Fatalf("%d children, %v", len(got), err)
				}
			}
		})
	}
}
