// Package demo holds the demo council's fictional family: plan documents that read like real
// ones (jargon, withheld items, Urdu and Polish speakers, a 16-year-old) and the code that
// loads them into a store with every date moved so that the last meeting was 8 days ago.
package demo

import (
	"context"
	"embed"
	"fmt"
	"time"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

//go:embed *.json
var files embed.FS

// Council is the demo council.
var Council = store.Council{Name: "Northbridge City Council (demo)", Nation: "england"}

// familyFiles are the demo family's documents; broken.json is for trying out import.
var familyFiles = []string{"amira.json", "bilal.json"}

// DaysSinceMeeting is how long ago the demo's latest meeting was held.
const DaysSinceMeeting = 8

// Documents returns the demo family's plan documents with every date moved by the same
// number of days, so that the family's latest meeting was held DaysSinceMeeting days before
// today and the story stays the same.
func Documents(today time.Time) ([]store.Incoming, error) {
	var out []store.Incoming
	var last time.Time
	for _, name := range familyFiles {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo %s: %w", name, err)
		}
		doc, err := document.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("demo %s: %w", name, err)
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

// File returns one of the demo files as written, for tests and for people trying import.
func File(name string) ([]byte, error) { return files.ReadFile(name) }

// Seed sets up the demo council and imports the demo family.
func Seed(ctx context.Context, s *store.Store, today time.Time) ([]store.Imported, error) {
	if err := s.SetCouncil(ctx, "demo", Council); err != nil {
		return nil, err
	}
	docs, err := Documents(today)
	if err != nil {
		return nil, err
	}
	return s.Import(ctx, "demo", docs)
}
