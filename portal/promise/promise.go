// Package promise keeps track of the service's promises to families: it turns what happens
// (a meeting held, minutes published in a family member's language, a referral decided)
// into promises started and kept, by the council's rules and calendar.
package promise

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/days"
	"github.com/familyportal/portal/render/document"
)

// Kinds of event.
const (
	ReferralReceived     = "referral_received"
	ReferralDecided      = "referral_decided"
	ReferralToAssessment = "referral_to_assessment"
	ChildSeen            = "child_seen"
	AssessmentApproved   = "assessment_approved"
	AssessmentShared     = "assessment_shared"
	CINPlanDecided       = "cin_plan_decided"
	CINMeetingHeld       = "cin_meeting_held"
	MeetingHeld          = "meeting_held"
	PublishedInLanguage  = "published_in_language"
	ReviewHeld           = "review_held"
	PlanUpdated          = "plan_updated"
)

// WorkerEvents are the events a worker records by hand (the rest come from documents and
// publications).
var WorkerEvents = []string{ReferralReceived, ReferralDecided, ReferralToAssessment, ChildSeen, AssessmentApproved, AssessmentShared, CINPlanDecided}

// reviews are the meetings at which a plan is reviewed (and must then be updated).
var reviews = []string{"cin_review", "review_child_protection_conference", "looked_after_review", "pathway_review"}

// Tracker records events and the promises they start and keep.
type Tracker struct {
	store *store.Store
	now   func() time.Time
}

// New returns a tracker over the store.
func New(st *store.Store, now func() time.Time) *Tracker { return &Tracker{store: st, now: now} }

// Calendar is the council's working-day calendar: its nation and its closure days.
func (t *Tracker) Calendar(ctx context.Context) (*days.Calendar, error) {
	nation := days.EnglandAndWales
	if c, err := t.store.Council(ctx); err == nil {
		if n, err := days.ParseNation(c.Nation); err == nil {
			nation = n
		}
	}
	closed, err := t.store.ClosureDays(ctx)
	if err != nil {
		return nil, err
	}
	return days.NewCalendar(nation, closed), nil
}

// Record records an event about a child: promises of the rules it starts begin (one per
// family member for rules kept in each member's language), and promises it keeps are kept.
func (t *Tracker) Record(ctx context.Context, actor, childRef string, e store.Event, family []document.FamilyMember) error {
	rules, err := t.store.PromiseRules(ctx)
	if err != nil {
		return err
	}
	cal, err := t.Calendar(ctx)
	if err != nil {
		return err
	}
	var start []store.PromiseStart
	for _, r := range rules {
		if !r.Enabled || r.StartsOn != e.Kind {
			continue
		}
		due, _ := cal.Due(e.On, r.Days, r.Working)
		members := []string{""}
		if r.PerMember {
			members = members[:0]
			for _, m := range family {
				members = append(members, m.Ref)
			}
		}
		for _, m := range members {
			start = append(start, store.PromiseStart{Rule: r, Subject: e.Subject, MemberRef: m, Started: e.On, Due: due})
		}
	}
	if err := t.store.RecordEvent(ctx, actor, childRef, e, start); err != nil {
		return fmt.Errorf("record %s for %s: %w", e.Kind, childRef, err)
	}
	return nil
}

// AfterImport records what a plan document says happened: meetings held (child in need
// meetings and reviews among them) and the plan's approval as its update.
func (t *Tracker) AfterImport(ctx context.Context, actor string, doc *document.Document) error {
	today := days.Day(t.now())
	var events []store.Event
	for _, m := range doc.Meetings {
		if m.HeldOn.IsZero() || m.HeldOn.Time.After(today) {
			continue
		}
		if m.Kind != "strategy_discussion" { // professionals only: its notes do not go to the family
			events = append(events, store.Event{Kind: MeetingHeld, Subject: m.Ref, On: m.HeldOn.Time})
		}
		if m.Kind == "cin_meeting" || m.Kind == "cin_review" {
			events = append(events, store.Event{Kind: CINMeetingHeld, Subject: m.Ref, On: m.HeldOn.Time})
		}
		if slices.Contains(reviews, m.Kind) {
			events = append(events, store.Event{Kind: ReviewHeld, Subject: m.Ref, On: m.HeldOn.Time})
		}
	}
	if a := doc.Plan.ApprovedOn; !a.IsZero() && !a.Time.After(today) {
		events = append(events, store.Event{Kind: PlanUpdated, On: a.Time})
	}
	return t.recordInOrder(ctx, actor, doc, events)
}

// AfterPublish records a publication of doc to the family on a day: for each family member
// whose language every text they read is translated into, the minutes of every meeting held
// by then have reached them. A member still waiting for a translation is not counted.
func (t *Tracker) AfterPublish(ctx context.Context, actor string, doc *document.Document, on time.Time) error {
	var events []store.Event
	for _, member := range doc.Family {
		if len(render.Untranslated(doc, member.Language)) > 0 {
			continue
		}
		for _, m := range doc.Meetings {
			if !m.HeldOn.IsZero() && !m.HeldOn.Time.After(on) {
				events = append(events, store.Event{Kind: PublishedInLanguage, Subject: m.Ref, MemberRef: member.Ref, On: days.Day(on)})
			}
		}
	}
	return t.recordInOrder(ctx, actor, doc, events)
}

// recordInOrder records events by date, so that a promise starts before what keeps it.
func (t *Tracker) recordInOrder(ctx context.Context, actor string, doc *document.Document, events []store.Event) error {
	slices.SortStableFunc(events, func(a, b store.Event) int { return cmp.Compare(a.On.Unix(), b.On.Unix()) })
	for _, e := range events {
		if err := t.Record(ctx, actor, doc.Child.Ref, e, doc.Family); err != nil {
			return err
		}
	}
	return nil
}
