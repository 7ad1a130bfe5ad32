package render

import (
	"errors"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/familyportal/portal/render/document"
)

// Errors a caller can tell apart, to say plainly what was asked for that does not exist.
var (
	ErrNoSuchMember  = errors.New("no family member with that ref")
	ErrNoSuchMeeting = errors.New("no meeting with that ref")
)

// Age bands of My Journey.
const (
	BandUnder8  = "under8"
	Band8to12   = "8to12"
	Band13Plus  = "13plus"
	teenageFrom = 13
)

// BandFor is the My Journey age band for an age in years.
func BandFor(age int) string {
	switch {
	case age < 8:
		return BandUnder8
	case age < teenageFrom:
		return Band8to12
	}
	return Band13Plus
}

// ChildView is My Journey: the child's own version of the plan, for their age.
type ChildView struct {
	*familyPage
	Name        string
	Age         int
	Band        string
	Intro       string
	YourWords   FamilyText
	Helpers     []helper
	GoingWell   childSection
	Worries     childSection
	NextMeeting string // "There is a meeting about you in 3 weeks."
	MeetingDate string
	Next        []childNext
}

// childSection is a list of things said to the child, and what to say in place of those
// only their social worker should explain.
type childSection struct {
	Items []FamilyText
	Later string // "Your social worker will talk to you about this."
}

// IsZero reports whether the section has nothing to say.
func (s childSection) IsZero() bool { return len(s.Items) == 0 && s.Later == "" }

type helper struct {
	Name, Does, Phone string
	Role              roleView
	Picture           string // the icon's name
	Icon              template.HTML
}

type childNext struct {
	When string
	What FamilyText
}

// ChildOptions say in which language and as of when My Journey is made.
type ChildOptions struct {
	Lang string    // "" means the child's first language
	AsOf time.Time // the day the page is read on; the child's age is worked out for it
}

// Child renders My Journey as an HTML fragment.
func (r *Renderer) Child(doc *document.Document, opts ChildOptions) (template.HTML, *ChildView, error) {
	v := r.ChildView(doc, opts)
	html, err := r.execute("child", v)
	return html, v, err
}

// ChildView builds the data of My Journey.
func (r *Renderer) ChildView(doc *document.Document, opts ChildOptions) *ChildView {
	tr := r.Translator(firstOf(opts.Lang, doc.Child.FirstLanguage, "en"))
	b := r.newFamilyBuilder(tr, tr.Lang.String(), true, opts.AsOf)
	age := AgeOn(doc.Child.DateOfBirth, opts.AsOf)
	teen := age >= teenageFrom
	name := firstOf(doc.Child.KnownAs, firstName(doc.Child.Name))
	v := &ChildView{familyPage: b.page, Name: name, Age: age, Band: BandFor(age)}
	v.Title = tr.T("child.title")
	v.Intro = tr.T("child.intro." + v.Band)

	p := &doc.Plan
	// The child's own words, as they said them.
	if !p.ChildViews.Text.Withheld() && !p.ChildViews.Text.IsZero() {
		v.YourWords = b.shown(p.ChildViews.Text.Text, p.ChildViews.Text.Translations)
	}
	for _, t := range doc.Team {
		picture := roleIcon(t.Role)
		h := helper{Name: t.Name, Role: b.role(t.Role), Phone: t.Phone, Picture: picture, Icon: r.icon(picture)}
		h.Does = tr.T("child.role.other")
		if id := "child.role." + t.Role; tr.Has(id) {
			h.Does = tr.T(id)
		}
		v.Helpers = append(v.Helpers, h)
	}
	v.GoingWell = b.childSection(p.GoingWell, teen)
	v.Worries = b.childSection(p.Worries, teen)

	if next := b.nextMeeting(doc); next != nil {
		v.NextMeeting = tr.T("child.next.meeting", "When", b.relative(next.Date))
		v.MeetingDate = b.date(next.Date)
	}
	today := document.NewDate(opts.AsOf).Time
	actions := append(slices.Clone(p.Actions), lastMeetingActions(doc)...)
	slices.SortStableFunc(actions, func(x, y document.Action) int { return x.By.Time.Compare(y.By.Time) })
	for _, a := range actions {
		if a.By.IsZero() || a.By.Time.Before(today) || a.Status == "done" {
			continue
		}
		if what, ok := b.childText(a.What, teen); ok && !what.IsZero() {
			v.Next = append(v.Next, childNext{When: b.relative(a.By), What: what})
		}
	}
	return v
}

// childSection keeps what the child may read: the child's wording, or for a teenager the
// plain parent wording; what is left out is said once, not item by item.
func (b *familyBuilder) childSection(ts []document.Text, teen bool) childSection {
	var s childSection
	left := 0
	for _, t := range ts {
		if t.Withheld() {
			continue
		}
		ft, ok := b.childText(t, teen)
		switch {
		case !ok:
			left++
		case !ft.IsZero():
			s.Items = append(s.Items, ft)
		}
	}
	switch {
	case left > 0 && len(s.Items) == 0:
		s.Later = b.tr.T("child.talk_to_you")
	case left > 0:
		s.Later = b.tr.T("child.talk_more")
	}
	return s
}

// lastMeetingActions are the actions agreed at the most recent meeting.
func lastMeetingActions(doc *document.Document) []document.Action {
	var last *document.Meeting
	for i := range doc.Meetings {
		m := &doc.Meetings[i]
		if !m.HeldOn.IsZero() && (last == nil || m.HeldOn.Time.After(last.HeldOn.Time)) {
			last = m
		}
	}
	if last == nil {
		return nil
	}
	return last.Actions
}

func firstName(name string) string {
	if first, _, ok := strings.Cut(name, " "); ok {
		return first
	}
	return name
}

// roleIcon picks a picture for a helper by what they do.
func roleIcon(role string) string {
	r := strings.ToLower(role)
	switch {
	case strings.Contains(r, "nurse") || strings.Contains(r, "health") || strings.Contains(r, "doctor") || r == "gp":
		return "health"
	case r == "social_worker" || r == "team_manager" || strings.Contains(r, "social"):
		return "helper"
	case strings.Contains(r, "teacher") || strings.Contains(r, "school") || strings.Contains(r, "senco") || r == "lead_professional":
		return "school"
	case r == "advocate":
		return "speak"
	case r == "independent_reviewing_officer" || r == "conference_chair":
		return "check"
	}
	return "person"
}
