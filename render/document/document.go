// Package document reads and writes the plan document, version 1: the JSON a council's case
// management system (or a worker's form) sends the portal. It is pure: bytes in, a typed
// document or the full list of problems out, and the same document written back with every
// field it did not understand kept.
package document

import "time"

// Schema is the only value of the "schema" field this version reads.
const Schema = "plan-document/v1"

// Document is one child's plan and the meetings about it.
type Document struct {
	Schema   string
	Child    Child
	Family   []FamilyMember
	Team     []TeamMember
	Plan     Plan
	Meetings []Meeting
	Extra
}

// Child is the child the plan is for.
type Child struct {
	Ref                string
	Name               string
	KnownAs            string
	DateOfBirth        Date
	Pronouns           string
	FirstLanguage      string
	CommunicationNeeds []string
	Extra
}

// FamilyMember is a parent, carer or relative who may read the family versions.
type FamilyMember struct {
	Ref                    string
	Name                   string
	Relationship           string
	ParentalResponsibility bool
	Language               string
	Needs                  []string
	Email                  string
	Phone                  string
	Extra
}

// TeamMember is a professional working with the family.
type TeamMember struct {
	Role   string
	Name   string
	Phone  string
	Email  string
	Visits string
	Extra
}

// Plan is the plan itself: why, what is going well, worries, what must change and who does it.
type Plan struct {
	Ref             string
	Kind            string
	ApprovedOn      Date
	NextReview      Date
	Why             Text
	GoingWell       []Text
	Worries         []Text
	Outcomes        []Outcome
	Actions         []Action
	KeepingSafe     Text
	IfThingsGoWrong Text
	NotNegotiable   []Text
	ChildViews      ChildViews
	FamilyViews     []FamilyView
	FamilyTime      Text
	// PrivateSections are sections a young person aged 16 or over keeps from their parents
	// (an optional extension of version 1; names from PrivateSectionNames).
	PrivateSections []string
	Extra
}

// IsPrivate reports whether the young person keeps a section of the plan from their parents.
func (p *Plan) IsPrivate(section string) bool { return contains(p.PrivateSections, section) }

// Outcome is what the plan wants to be true for the child.
type Outcome struct {
	Ref           string
	Text          Text
	HowWeWillKnow Text
	Extra
}

// Action is one thing someone will do, by a date, towards an outcome.
type Action struct {
	Ref     string
	What    Text
	Who     string
	By      Date
	Outcome string
	Status  string
	Extra
}

// ChildViews are the child's own words and how they were gathered.
type ChildViews struct {
	Text        Text
	HowGathered Text
	Extra
}

// FamilyView is what a family member said about the plan.
type FamilyView struct {
	By   string
	Text Text
	Extra
}

// Meeting is a meeting about the child and its minutes.
type Meeting struct {
	Ref         string
	Kind        string
	HeldOn      Date
	Place       Text
	Purpose     Text
	Attendees   []Person
	Apologies   []Person
	Summary     Text
	Decisions   []Text
	Actions     []Action
	NextMeeting Date
	Extra
}

// Person is someone at (or sending apologies to) a meeting.
type Person struct {
	Name string
	Role string
	Extra
}

// Share says who may read a text.
type Share string

const (
	ShareFamily  Share = "family"
	ShareWorkers Share = "workers"
)

// Text is a piece of writing in the plan. In JSON it is a plain string or an object with
// child-friendly wording, who may see it, and translations.
type Text struct {
	Text         string
	ForChild     string
	Share        Share
	Reason       string
	Translations map[string]string
	asObject     bool // written back as an object even when only Text is set
	Extra
}

// Withheld reports whether the family must never see this text.
func (t Text) Withheld() bool { return t.Share == ShareWorkers }

// IsObject reports whether the document wrote the text as an object ({"text": ...}) rather
// than a plain string; JSON paths to its words then end in ".text".
func (t Text) IsObject() bool {
	return t.asObject || t.ForChild != "" || t.Share != "" || len(t.Translations) > 0
}

// IsZero reports whether the text says nothing at all.
func (t Text) IsZero() bool {
	return t.Text == "" && t.ForChild == "" && len(t.Translations) == 0 && !t.asObject
}

// Date is a calendar date as the document wrote it. The written form is kept so that a
// date-time such as "2026-11-03T10:00:00Z" is written back exactly.
type Date struct {
	Time    time.Time // midnight UTC of the day
	written string
}

// NewDate returns the date of t as a Date written YYYY-MM-DD.
func NewDate(t time.Time) Date {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return Date{Time: day, written: day.Format(time.DateOnly)}
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.written == "" }

// String returns the date as the document wrote it.
func (d Date) String() string { return d.written }
