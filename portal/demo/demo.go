// Package demo loads the demo council's fictional family (render/document/examples) into a
// store, with every date moved so that the last meeting was 8 days ago, and its people.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/document/examples"
)

// Council is the demo council.
var Council = store.Council{
	Name: "Northbridge City Council (demo)", Nation: "england", OutOfHoursPhone: "024 7683 2000",
	Advocacy: []store.Contact{
		{Name: "Northbridge Family Advocacy Service (demo)", Phone: "024 7683 3000"},
		{Name: "Family Rights Group", Web: "https://frg.org.uk"},
		{Name: "Coram Voice (for children and young people)", Web: "https://coramvoice.org.uk"},
	},
	Complaints: store.Contact{Name: "Northbridge Children's Services complaints team (demo)", Phone: "024 7683 4000", Web: "https://northbridge.example.org/complaints"},
}

// DaysSinceMeeting is how long ago the demo's latest meeting was held.
const DaysSinceMeeting = 8

// Documents returns the demo family's plan documents with every date moved by the same
// number of days, so that the family's latest meeting was held DaysSinceMeeting days before
// today and the story stays the same.
func Documents(today time.Time) ([]store.Incoming, error) {
	var out []store.Incoming
	var last time.Time
	for _, name := range examples.Family {
		doc, err := examples.Document(name)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		if held := doc.LastMeetingHeld(farFuture); held.Time.After(last) {
			last = held.Time
		}
		out = append(out, store.Incoming{Source: "demo/" + name, Doc: doc})
	}
	want := document.NewDate(today).Time.AddDate(0, 0, -DaysSinceMeeting)
	for _, in := range out {
		in.Doc.ShiftDates(int(want.Sub(last).Hours() / 24))
	}
	return out, nil
}

var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// Seed sets up the demo council, imports and publishes the demo family's plans, and makes
// the people who can sign in.
func Seed(ctx context.Context, s *store.Store, today time.Time) ([]store.Imported, People, error) {
	if err := s.SetCouncil(ctx, "demo", Council); err != nil {
		return nil, People{}, err
	}
	docs, err := Documents(today)
	if err != nil {
		return nil, People{}, err
	}
	imported, err := s.Import(ctx, "demo", docs)
	if err != nil {
		return nil, People{}, err
	}
	// The minutes were published two days after the meeting: in English only, so the
	// promise is kept for Bilal and still open for his Urdu- and Polish-speaking parents.
	tracker := promise.New(s, func() time.Time { return today })
	published := document.NewDate(today).Time.AddDate(0, 0, -DaysSinceMeeting+2)
	for i, im := range imported {
		if err := tracker.AfterImport(ctx, "demo", docs[i].Doc); err != nil {
			return nil, People{}, err
		}
		if err := s.Publish(ctx, "demo", im.ChildRef, im.PlanRef, im.Version); err != nil {
			return nil, People{}, err
		}
		if err := tracker.AfterPublish(ctx, "demo", docs[i].Doc, published); err != nil {
			return nil, People{}, err
		}
	}
	people, err := seedPeople(ctx, s)
	return imported, people, err
}

// People are the demo's sign-ins: staff with their passwords, and the family members who
// get invite codes.
type People struct {
	Staff  []StaffLogin
	Family []FamilyLogin
}

// StaffLogin is a demo staff account.
type StaffLogin struct {
	Role, Name, Email, Password string
}

// FamilyLogin is a demo family member or young person, who signs in with a code.
type FamilyLogin struct {
	PersonID int64
	Name     string
	About    string
}

// The demo's staff passwords: printed when the demo starts, never used for real.
const (
	workerPassword  = "northbridge-demo-worker"
	managerPassword = "northbridge-demo-manager"
	adminPassword   = "northbridge-demo-admin"
)

func seedPeople(ctx context.Context, s *store.Store) (People, error) {
	var out People
	team, err := s.CreateTeam(ctx, "Northbridge Children's Team 2 (demo)")
	if err != nil {
		return out, err
	}
	staff := []struct {
		kind, name, email, password string
	}{
		{store.KindWorker, "Jo Smith", "jo.smith@example.org", workerPassword},
		{store.KindManager, "Helen Okafor", "helen.okafor@example.org", managerPassword},
		{store.KindAdmin, "Sam Admin", "admin@example.org", adminPassword},
	}
	var worker int64
	for _, st := range staff {
		hash, err := auth.HashPassword(st.password)
		if err != nil {
			return out, err
		}
		id, err := s.CreatePerson(ctx, "demo", store.Person{Kind: st.kind, Name: st.name, Email: st.email, TeamID: team, PasswordHash: hash})
		if err != nil {
			return out, err
		}
		if st.kind == store.KindWorker {
			worker = id
		}
		out.Staff = append(out.Staff, StaffLogin{Role: st.kind, Name: st.name, Email: st.email, Password: st.password})
	}
	for _, child := range []string{"C-1001", "C-1002"} {
		if err := s.Link(ctx, "demo", worker, child, ""); err != nil {
			return out, err
		}
	}
	family := []struct {
		person store.Person
		links  map[string]string
		about  string
	}{
		{store.Person{Kind: store.KindFamily, Name: "Sara Khan", Email: "sara.khan@example.org", Language: "ur"}, map[string]string{"C-1001": "F-1", "C-1002": "F-1"}, "mother of Amira and Bilal, reads Urdu"},
		{store.Person{Kind: store.KindFamily, Name: "Tomasz Nowak", Email: "tomasz.nowak@example.org", Language: "pl"}, map[string]string{"C-1001": "F-2", "C-1002": "F-2"}, "father, reads Polish"},
		{store.Person{Kind: store.KindYoungPerson, Name: "Bilal Khan", Language: "en"}, map[string]string{"C-1002": ""}, "16, his own plan"},
	}
	for _, f := range family {
		id, err := s.CreatePerson(ctx, "demo", f.person)
		if err != nil {
			return out, err
		}
		for child, member := range f.links {
			if err := s.Link(ctx, "demo", id, child, member); err != nil {
				return out, err
			}
		}
		out.Family = append(out.Family, FamilyLogin{PersonID: id, Name: f.person.Name, About: f.about})
	}
	return out, nil
}
