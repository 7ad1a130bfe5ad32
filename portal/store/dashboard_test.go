package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// fillTeam puts children and promises straight into the database: a team of workers, each
// child on one worker's caseload, promises spread over the last 14 months.
func fillTeam(t testing.TB, s *Store, children, promises int) (int64, time.Time) {
	t.Helper()
	ctx := context.Background()
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	team, err := s.CreateTeam(ctx, "Benchmark team")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const workers = 25
	for w := 1; w <= workers; w++ {
		tx.Exec(`INSERT INTO people (id, kind, name, email, team_id, created_at) VALUES (?, 'worker', ?, ?, ?, '')`, 1000+w, fmt.Sprintf("Worker %02d", w), fmt.Sprintf("w%d@example.org", w), team)
	}
	for c := 1; c <= children; c++ {
		tx.Exec(`INSERT INTO children (id, ref, name, created_at, updated_at) VALUES (?, ?, ?, '', '')`, c, fmt.Sprintf("C-%05d", c), fmt.Sprintf("Child %d", c))
		tx.Exec(`INSERT INTO caseload (worker_id, child_id) VALUES (?, ?)`, 1000+1+c%workers, c)
	}
	rules := []string{"referral_decision", "child_seen", "assessment_shared", "first_cin_meeting", "minutes", "plan_updated"}
	for i := 0; i < promises; i++ {
		started := today.AddDate(0, 0, -rng.IntN(430))
		due := started.AddDate(0, 0, 1+rng.IntN(14))
		var kept any
		if due.Before(today) || rng.IntN(2) == 0 {
			if rng.IntN(10) < 8 {
				kept = started.AddDate(0, 0, rng.IntN(20)).Format(dateOnly)
			}
		}
		_, err := tx.Exec(`INSERT INTO promises (child_id, rule_id, subject, member_ref, days, working, started_on, due_on, kept_on) VALUES (?, ?, ?, '', 10, 0, ?, ?, ?)`,
			1+rng.IntN(children), rules[rng.IntN(len(rules))], fmt.Sprintf("M-%d", i), started.Format(dateOnly), due.Format(dateOnly), kept)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return team, today
}

func TestTeamDashboard(t *testing.T) {
	s, _ := openStore(t)
	team, today := fillTeam(t, s, 200, 2000)
	counts, months, err := s.TeamDashboard(context.Background(), team, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) == 0 || len(months) < 12 {
		t.Fatalf("%d counts, %d months", len(counts), len(months))
	}
	due, late := 0, 0
	for _, c := range counts {
		due += c.DueWeek
		late += c.Late
	}
	// Check the counts against the promises themselves.
	all, err := s.OpenPromises(context.Background(), today.AddDate(0, 0, 7), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantLate, wantDue := 0, 0
	for _, p := range all {
		if p.Due.Before(today) {
			wantLate++
		} else {
			wantDue++
		}
	}
	if late != wantLate || due != wantDue {
		t.Errorf("dashboard: %d late, %d due this week; the promises say %d and %d", late, due, wantLate, wantDue)
	}
	for _, m := range months {
		if m.OnTime > m.Due {
			t.Errorf("%s: %d on time of %d", m.Month, m.OnTime, m.Due)
		}
	}
}

// BenchmarkTeamDashboard is the manager's dashboard query over 5,000 children and 50,000
// promises in a real SQLite file.
func BenchmarkTeamDashboard(b *testing.B) {
	path := b.TempDir() + "/bench.db"
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	team, today := fillTeam(b, s, 5000, 50000)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := s.TeamDashboard(context.Background(), team, today); err != nil {
			b.Fatal(err)
		}
	}
}
