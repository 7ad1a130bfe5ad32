package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
)

// ParentView is the whole plan and the meeting notes for one family member, in their
// language and in plain words, in the order a parent needs them.
type ParentView struct {
	*familyPage
	Member          document.FamilyMember
	Agreed          string
	NextReview      string
	Private         bool // the young person keeps some sections from their parents
	Why             FamilyText
	GoingWell       []FamilyText
	Worries         []FamilyText
	Outcomes        []familyOutcome
	NotNegotiable   []FamilyText
	YourActions     []familyAction
	OtherActions    []familyAction
	KeepingSafe     FamilyText
	IfThingsGoWrong FamilyText
	Next            *nextMeeting
	Minutes         []familyMinutes
	ChildViews      FamilyText
	FamilyViews     []familyView
	FamilyTime      FamilyText
	Contacts        []contact
	ChildName       string
	Promises        []string // one sentence per promise, when the caller gave them
	HasPromises     bool     // the caller tracks promises (show the section even when empty)
	Meeting         *MeetingLetter
}

// MeetingLetter is what a covering letter says about one meeting: what, when, where, who
// and why, and its notes once it has been held.
type MeetingLetter struct {
	Ref   string
	Held  bool // it took place on or before the day the letter is written
	Kind  string
	When  string
	Where FamilyText
	Why   FamilyText
	Who   []personView
	Next  *nextMeeting // the next meeting after the letter's day
}

type familyOutcome struct {
	Text, HowWeWillKnow FamilyText
}

type familyAction struct {
	Who    string // a name, or "" for the reader ("You:")
	What   FamilyText
	By     string
	Status string
}

type nextMeeting struct {
	Date    document.Date
	When    string
	Kind    string
	Place   FamilyText
	Usually string // who came last time
}

type familyMinutes struct {
	Ref       string
	Title     string
	Attendees []personView
	Apologies []personView
	Summary   FamilyText
	Decisions []FamilyText
	Actions   []familyAction
}

type familyView struct {
	Name string
	Text FamilyText
}

type contact struct {
	Name   string
	Role   roleView
	Phone  string
	Email  string
	Visits FamilyText
}

// personView is someone at a meeting, with their role in the reader's words.
type personView struct {
	Name string
	Role roleView
}

// roleView is a role: a known one in the reader's language, or the document's free text,
// marked as English when the page is in another language.
type roleView struct {
	Key  string // as the document says it: "social_worker"
	Text string
	Lang string
}

// privateFrom is the age from which a young person's choice of private sections holds.
const privateFrom = 16

// PrivateFromParents reports whether a young person keeps a section of their plan from
// their parents on a day: the sections they chose, once they are 16.
func PrivateFromParents(doc *document.Document, section string, asOf time.Time) bool {
	return AgeOn(doc.Child.DateOfBirth, asOf) >= privateFrom && doc.Plan.IsPrivate(section)
}

// ParentOptions say for whom and as of when the parent version is made.
type ParentOptions struct {
	Member   string        // the family member's ref
	Lang     string        // the page's language; "" means the member's own
	AsOf     time.Time     // the day the page is read on
	Promises []PromiseLine // the service's promises to this member; nil when not tracked
	Meeting  string        // a meeting's ref, for a letter about it ("" for none)
}

// Parent renders the parent version of doc for one family member as an HTML fragment.
func (r *Renderer) Parent(doc *document.Document, opts ParentOptions) (template.HTML, *ParentView, error) {
	v, err := r.ParentView(doc, opts)
	if err != nil {
		return "", nil, err
	}
	html, err := r.execute("parent", v)
	return html, v, err
}

// ParentView builds the data of the parent version.
func (r *Renderer) ParentView(doc *document.Document, opts ParentOptions) (*ParentView, error) {
	i := slices.IndexFunc(doc.Family, func(m document.FamilyMember) bool { return m.Ref == opts.Member })
	if i < 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoSuchMember, opts.Member)
	}
	member := doc.Family[i]
	lang := firstOf(opts.Lang, member.Language, "en")
	tr := r.Translator(lang)
	b := r.newFamilyBuilder(tr, tr.Lang.String(), false, opts.AsOf)
	p := &doc.Plan
	private := AgeOn(doc.Child.DateOfBirth, opts.AsOf) >= privateFrom && len(p.PrivateSections) > 0
	shows := func(section string) bool { return !PrivateFromParents(doc, section, opts.AsOf) }

	v := &ParentView{familyPage: b.page, Member: member, Private: private, ChildName: doc.Child.Name}
	v.Title = tr.T("parent.title", "Child", doc.Child.Name)
	if !p.ApprovedOn.IsZero() {
		v.Agreed = tr.T("parent.agreed", "Kind", tr.T("plan.kind."+p.Kind), "Date", b.date(p.ApprovedOn))
	}
	if !p.NextReview.IsZero() {
		v.NextReview = tr.T("parent.next_review", "Date", b.dateAndWhen(p.NextReview))
	}
	if shows("why") {
		v.Why = b.text(p.Why)
	}
	if shows("going_well") {
		v.GoingWell = b.texts(p.GoingWell)
	}
	if shows("worries") {
		v.Worries = b.texts(p.Worries)
	}
	if shows("outcomes") {
		for _, o := range p.Outcomes {
			if t := b.text(o.Text); !t.IsZero() {
				v.Outcomes = append(v.Outcomes, familyOutcome{Text: t, HowWeWillKnow: b.text(o.HowWeWillKnow)})
			}
		}
	}
	if shows("not_negotiable") {
		v.NotNegotiable = b.texts(p.NotNegotiable)
	}
	if shows("actions") {
		v.YourActions, v.OtherActions = b.actions(doc, member.Ref, p.Actions)
	}
	if shows("keeping_safe") {
		v.KeepingSafe = b.text(p.KeepingSafe)
	}
	if shows("if_things_go_wrong") {
		v.IfThingsGoWrong = b.text(p.IfThingsGoWrong)
	}
	v.Next = b.nextMeeting(doc)
	v.Minutes = b.minutes(doc, member.Ref)
	if opts.Meeting != "" {
		i := slices.IndexFunc(doc.Meetings, func(m document.Meeting) bool { return m.Ref == opts.Meeting })
		if i < 0 {
			return nil, fmt.Errorf("%w: %q", ErrNoSuchMeeting, opts.Meeting)
		}
		v.Meeting = b.meetingLetter(&doc.Meetings[i], v)
	}
	if shows("child_views") {
		v.ChildViews = b.text(p.ChildViews.Text)
	}
	if shows("family_views") {
		for _, fv := range p.FamilyViews {
			if t := b.text(fv.Text); !t.IsZero() {
				v.FamilyViews = append(v.FamilyViews, familyView{Name: familyName(doc, fv.By), Text: t})
			}
		}
	}
	if shows("family_time") {
		v.FamilyTime = b.text(p.FamilyTime)
	}
	if opts.Promises != nil {
		v.HasPromises = true
		v.Promises = b.promiseSentences(opts.Promises, doc.Child.Name)
	}
	for _, t := range doc.Team {
		v.Contacts = append(v.Contacts, contact{Name: t.Name, Role: b.role(t.Role), Phone: t.Phone, Email: t.Email, Visits: b.contentText(t.Visits)})
	}
	return v, nil
}

func (b *familyBuilder) texts(ts []document.Text) []FamilyText {
	var out []FamilyText
	for _, t := range ts {
		if ft := b.text(t); !ft.IsZero() {
			out = append(out, ft)
		}
	}
	return out
}

// actions splits actions into the reader's own ("You: ...") and everyone else's.
func (b *familyBuilder) actions(doc *document.Document, reader string, as []document.Action) (yours, others []familyAction) {
	for _, a := range as {
		what := b.text(a.What)
		if what.IsZero() {
			continue
		}
		fa := familyAction{What: what, By: b.date(a.By), Status: b.tr.T("action.status." + firstOf(a.Status, "to_do"))}
		if a.Who == reader {
			yours = append(yours, fa)
			continue
		}
		fa.Who = b.who(doc, a.Who)
		others = append(others, fa)
	}
	return yours, others
}

// who names who does an action: a family member, a team member and their role, or the
// name as the document wrote it.
func (b *familyBuilder) who(doc *document.Document, who string) string {
	if name := familyName(doc, who); name != who {
		return name
	}
	for _, t := range doc.Team {
		if t.Role == who {
			return t.Name
		}
	}
	return who
}

func familyName(doc *document.Document, ref string) string {
	for _, m := range doc.Family {
		if m.Ref == ref {
			return m.Name
		}
	}
	return ref
}

// nextMeeting is the first meeting on or after the page's date: one planned in the
// document, a meeting's "next meeting" date, or the plan's next review.
func (b *familyBuilder) nextMeeting(doc *document.Document) *nextMeeting {
	today := document.NewDate(b.asOf).Time
	var next *nextMeeting
	var best time.Time
	consider := func(d document.Date, kind string, place document.Text) {
		if d.IsZero() || d.Time.Before(today) || (!best.IsZero() && !d.Time.Before(best)) {
			return
		}
		best = d.Time
		next = &nextMeeting{Date: d, When: b.dateAndWhen(d), Kind: kind}
		next.Place = b.text(place)
	}
	var lastHeld *document.Meeting
	for i := range doc.Meetings {
		m := &doc.Meetings[i]
		if !m.HeldOn.IsZero() && m.HeldOn.Time.After(today) {
			consider(m.HeldOn, b.tr.T("meeting.kind."+m.Kind), m.Place)
			continue
		}
		consider(m.NextMeeting, b.tr.T("meeting.kind."+m.Kind), document.Text{})
		if !m.HeldOn.IsZero() && (lastHeld == nil || m.HeldOn.Time.After(lastHeld.HeldOn.Time)) {
			lastHeld = m
		}
	}
	consider(doc.Plan.NextReview, "", document.Text{})
	if next != nil && lastHeld != nil {
		var names []string
		for _, a := range lastHeld.Attendees {
			names = append(names, a.Name)
		}
		next.Usually = strings.Join(names, ", ")
	}
	return next
}

// meetingLetter describes meeting m; its notes, once held, are among the view's Minutes.
func (b *familyBuilder) meetingLetter(m *document.Meeting, v *ParentView) *MeetingLetter {
	l := &MeetingLetter{Ref: m.Ref, Kind: b.tr.T("meeting.kind." + m.Kind), Where: b.text(m.Place), Why: b.text(m.Purpose), Who: b.people(m.Attendees), Next: v.Next}
	if !m.HeldOn.IsZero() {
		l.When = b.dateAndWhen(m.HeldOn)
		l.Held = !m.HeldOn.Time.After(document.NewDate(b.asOf).Time)
	}
	if l.Held {
		l.When = b.date(m.HeldOn)
	}
	return l
}

// PackMeeting is the ref of the meeting a printed pack is about on a day: the first meeting
// the plan lists on or after it, or else the last one held (whose notes the pack carries,
// with the date of the next); "" when the plan lists no meeting.
func PackMeeting(doc *document.Document, asOf time.Time) string {
	today := document.NewDate(asOf).Time
	var next, last *document.Meeting
	for i := range doc.Meetings {
		m := &doc.Meetings[i]
		switch {
		case m.HeldOn.IsZero():
		case !m.HeldOn.Time.Before(today):
			if next == nil || m.HeldOn.Time.Before(next.HeldOn.Time) {
				next = m
			}
		case last == nil || m.HeldOn.Time.After(last.HeldOn.Time):
			last = m
		}
	}
	switch {
	case next != nil:
		return next.Ref
	case last != nil:
		return last.Ref
	}
	return ""
}

// NextMeetingDay is the day of the next meeting about the child on or after asOf (a
// meeting planned in the document, a meeting's "next meeting" date, or the plan's next
// review), or a zero Date when none is known.
func (r *Renderer) NextMeetingDay(doc *document.Document, asOf time.Time) document.Date {
	b := r.newFamilyBuilder(r.Translator("en"), "en", false, asOf)
	if next := b.nextMeeting(doc); next != nil {
		return next.Date
	}
	return document.Date{}
}

// LongDate writes a date in tr's language: "Tuesday 12 January 2027".
func (r *Renderer) LongDate(tr locales.Translator, d document.Date) string {
	return r.newFamilyBuilder(tr, tr.Lang.String(), false, time.Time{}).date(d)
}

// minutes are the notes of every meeting held by the page's date, newest first.
func (b *familyBuilder) minutes(doc *document.Document, reader string) []familyMinutes {
	today := document.NewDate(b.asOf).Time
	var held []*document.Meeting
	for i := range doc.Meetings {
		if m := &doc.Meetings[i]; !m.HeldOn.IsZero() && !m.HeldOn.Time.After(today) {
			held = append(held, m)
		}
	}
	slices.SortStableFunc(held, func(x, y *document.Meeting) int { return y.HeldOn.Time.Compare(x.HeldOn.Time) })
	var out []familyMinutes
	for _, m := range held {
		fm := familyMinutes{
			Ref:       m.Ref,
			Title:     b.tr.T("meeting.kind."+m.Kind) + ", " + b.date(m.HeldOn),
			Attendees: b.people(m.Attendees),
			Apologies: b.people(m.Apologies),
			Summary:   b.text(m.Summary),
			Decisions: b.texts(m.Decisions),
		}
		yours, others := b.actions(doc, reader, m.Actions)
		for _, y := range yours {
			y.Who = ""
			fm.Actions = append(fm.Actions, y)
		}
		fm.Actions = append(fm.Actions, others...)
		out = append(out, fm)
	}
	return out
}

func (b *familyBuilder) people(ps []document.Person) []personView {
	var out []personView
	for _, p := range ps {
		out = append(out, personView{Name: p.Name, Role: b.role(p.Role)})
	}
	return out
}

// role is a role in the reader's words, or the document's own words marked as English.
func (b *familyBuilder) role(role string) roleView {
	if role == "" {
		return roleView{}
	}
	if id := "team.role." + role; b.tr.Has(id) {
		return roleView{Key: role, Text: b.tr.T(id)}
	}
	v := roleView{Key: role, Text: strings.ReplaceAll(role, "_", " ")}
	if b.content != "en" {
		v.Lang = "en"
	}
	return v
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
