package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/document"
)

// WorkerView is everything in a plan for the people working with the family, including what
// is kept from the family and why.
type WorkerView struct {
	locales.Translator
	Child     childView
	Family    []document.FamilyMember
	Team      []document.TeamMember
	Plan      planView
	Meetings  []meetingView
	Languages []memberLanguage
	Withheld  int      // how many texts are kept from the family
	Unknown   []string // fields kept from the case system that the portal does not read
	Version   int
	Today     time.Time
	// YouSaid is what the family said about each part of the plan after a meeting, by the
	// part's name in the parent version (why, worries, change, not_negotiable, actions,
	// keeping_safe, if_wrong, family_time): shown next to it so the worker can answer.
	YouSaid map[string][]FamilySaid
}

// FamilySaid is one family member's answer about a part of the plan, in the worker's words.
type FamilySaid struct {
	By, Verdict, Comment string
}

// WorkerHTML renders a worker view built with WorkerView, once the caller has added to it.
func (r *Renderer) WorkerHTML(v WorkerView) (template.HTML, error) { return r.execute("worker", v) }

type childView struct {
	document.Child
	Age int
}

type planView struct {
	Ref, Kind              string
	ApprovedOn, NextReview document.Date
	Why                    TextView
	GoingWell, Worries     []TextView
	Outcomes               []outcomeView
	Actions                []ActionView
	KeepingSafe            TextView
	IfThingsGoWrong        TextView
	NotNegotiable          []TextView
	ChildViews             TextView
	ChildViewsHow          TextView
	FamilyViews            []familyViewText
	FamilyTime             TextView
}

type outcomeView struct {
	Ref           string
	Text          TextView
	HowWeWillKnow TextView
}

type ActionView struct {
	Ref     string
	What    TextView
	Who     string
	By      document.Date
	Outcome string
	Status  string
}

type familyViewText struct {
	By   string
	Text TextView
}

type meetingView struct {
	document.Meeting
	Place, Purpose, Summary TextView
	Decisions               []TextView
	Actions                 []ActionView
}

// TextView is one text as a worker sees it: the words, the child's wording, whether it is
// kept from the family and why, and which translations it has.
type TextView struct {
	locales.Translator
	Path         string
	Text         string
	ForChild     string
	Withheld     bool
	Reason       string
	Translations []string
}

// IsZero reports whether there is nothing to show.
func (t TextView) IsZero() bool { return t.Text == "" && t.ForChild == "" }

// anchorOf turns a JSON path into an HTML id: $.plan.worries[1] -> plan-worries-1.
var anchorOf = strings.NewReplacer("$.", "", ".", "-", "[", "-", "]", "")

// Anchor is an HTML id for the element of the text at a JSON path, the same on every page
// that shows it: $.plan.worries[1] -> plan-worries-1.
func Anchor(path string) string { return anchorOf.Replace(path) }

// Anchor is an id for the text's element, from its JSON path.
func (t TextView) Anchor() string { return Anchor(t.Path) }

// Worker renders the worker view of a document as an HTML fragment.
func (r *Renderer) Worker(doc *document.Document, version int, lang string, today time.Time) (template.HTML, error) {
	return r.WorkerHTML(r.WorkerView(doc, version, lang, today))
}

// WorkerView builds the data of the worker view.
func (r *Renderer) WorkerView(doc *document.Document, version int, lang string, today time.Time) WorkerView {
	tr := r.Translator(lang)
	b := workerBuilder{tr: tr, doc: doc}
	v := WorkerView{
		Translator: tr,
		Child:      childView{Child: doc.Child, Age: AgeOn(doc.Child.DateOfBirth, today)},
		Family:     doc.Family,
		Team:       doc.Team,
		Version:    version,
		Today:      today,
		Unknown:    unknownFields(doc),
	}
	p := &doc.Plan
	v.Plan = planView{
		Ref: p.Ref, Kind: p.Kind, ApprovedOn: p.ApprovedOn, NextReview: p.NextReview,
		Why:             b.text("$.plan.why", p.Why),
		GoingWell:       b.texts("$.plan.going_well", p.GoingWell),
		Worries:         b.texts("$.plan.worries", p.Worries),
		Actions:         b.actions("$.plan.actions", p.Actions),
		KeepingSafe:     b.text("$.plan.keeping_safe", p.KeepingSafe),
		IfThingsGoWrong: b.text("$.plan.if_things_go_wrong", p.IfThingsGoWrong),
		NotNegotiable:   b.texts("$.plan.not_negotiable", p.NotNegotiable),
		ChildViews:      b.text("$.plan.child_views.text", p.ChildViews.Text),
		ChildViewsHow:   b.text("$.plan.child_views.how_gathered", p.ChildViews.HowGathered),
		FamilyTime:      b.text("$.plan.family_time", p.FamilyTime),
	}
	for i, o := range p.Outcomes {
		path := fmt.Sprintf("$.plan.outcomes[%d]", i)
		v.Plan.Outcomes = append(v.Plan.Outcomes, outcomeView{Ref: o.Ref, Text: b.text(path+".text", o.Text), HowWeWillKnow: b.text(path+".how_we_will_know", o.HowWeWillKnow)})
	}
	for i, fv := range p.FamilyViews {
		v.Plan.FamilyViews = append(v.Plan.FamilyViews, familyViewText{By: b.who(fv.By), Text: b.text(fmt.Sprintf("$.plan.family_views[%d].text", i), fv.Text)})
	}
	for i, m := range doc.Meetings {
		path := fmt.Sprintf("$.meetings[%d]", i)
		v.Meetings = append(v.Meetings, meetingView{
			Meeting:   m,
			Place:     b.text(path+".place", m.Place),
			Purpose:   b.text(path+".purpose", m.Purpose),
			Summary:   b.text(path+".summary", m.Summary),
			Decisions: b.texts(path+".decisions", m.Decisions),
			Actions:   b.actions(path+".actions", m.Actions),
		})
	}
	v.Withheld = b.withheld
	v.Languages = r.memberLanguages(doc, tr)
	return v
}

// memberLanguage is how far the family versions are in one family member's language.
type memberLanguage struct {
	Name, Language string
	Status         string // the words of the portal in that language: source, draft, checked or missing
	Untranslated   []string
	Texts          int
}

// Untranslated lists the paths of the texts a family reads that have no translation into
// lang (none for English): what still shows in English, marked, on their page.
func Untranslated(doc *document.Document, lang string) []string {
	base, _ := language.Make(lang).Base()
	if base.String() == "en" {
		return nil
	}
	var out []string
	for path, t := range doc.Texts() {
		if !t.Withheld() && translation(t.Translations, base.String()) == "" {
			out = append(out, path)
		}
	}
	return out
}

// memberLanguages lists, for each family member, the state of the portal's words in their
// language and the plan texts they would see that are not translated into it.
func (r *Renderer) memberLanguages(doc *document.Document, tr locales.Translator) []memberLanguage {
	var out []memberLanguage
	for _, m := range doc.Family {
		lang := firstOf(m.Language, "en")
		ml := memberLanguage{Name: m.Name, Language: lang, Status: "missing"}
		if r.Offers(lang) {
			ml.Status = r.Translator(lang).T("translation.status")
		}
		for _, t := range doc.Texts() {
			if !t.Withheld() {
				ml.Texts++
			}
		}
		ml.Untranslated = Untranslated(doc, lang)
		out = append(out, ml)
	}
	return out
}

type workerBuilder struct {
	tr       locales.Translator
	doc      *document.Document
	withheld int
}

func (b *workerBuilder) text(path string, t document.Text) TextView {
	v := TextView{Translator: b.tr, Path: path, Text: t.Text, ForChild: t.ForChild, Withheld: t.Withheld(), Reason: t.Reason}
	for lang, words := range t.Translations {
		if words != "" {
			v.Translations = append(v.Translations, lang)
		}
	}
	slices.Sort(v.Translations)
	if v.Withheld {
		b.withheld++
	}
	return v
}

func (b *workerBuilder) texts(path string, ts []document.Text) []TextView {
	out := make([]TextView, len(ts))
	for i, t := range ts {
		out[i] = b.text(fmt.Sprintf("%s[%d]", path, i), t)
	}
	return out
}

func (b *workerBuilder) actions(path string, as []document.Action) []ActionView {
	out := make([]ActionView, len(as))
	for i, a := range as {
		out[i] = ActionView{
			Ref: a.Ref, What: b.text(fmt.Sprintf("%s[%d].what", path, i), a.What),
			Who: b.who(a.Who), By: a.By, Outcome: a.Outcome, Status: a.Status,
		}
	}
	return out
}

// who names the person behind an action's who: a family member, a team member by role,
// or the name as written.
func (b *workerBuilder) who(who string) string {
	for _, m := range b.doc.Family {
		if m.Ref == who {
			if m.Relationship != "" {
				return fmt.Sprintf("%s (%s)", m.Name, m.Relationship)
			}
			return m.Name
		}
	}
	for _, t := range b.doc.Team {
		if t.Role == who {
			return fmt.Sprintf("%s (%s)", t.Name, RoleName(b.tr, t.Role))
		}
	}
	return who
}

// LanguageName names a language code in the reader's language, with the code: "Urdu (ur)".
func (v WorkerView) LanguageName(code string) string { return LanguageName(v.Translator, code) }

// LanguageName names a language code in tr's language, with the code: "Urdu (ur)".
func LanguageName(tr locales.Translator, code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.Tags(tr.Lang).Name(tag); name != "" {
		return name + " (" + code + ")"
	}
	return code
}

// Role is the words for a team role, for the template.
func (v WorkerView) Role(role string) string { return RoleName(v.Translator, role) }

// RoleName is the words for a team role: a known role's label, or free text as written.
func RoleName(tr locales.Translator, role string) string {
	if id := "team.role." + role; tr.Has(id) {
		return tr.T(id)
	}
	return strings.ReplaceAll(role, "_", " ")
}

// AgeOn is a person's age in whole years on a day; 0 when the date of birth is unknown.
func AgeOn(dob document.Date, day time.Time) int {
	if dob.IsZero() {
		return 0
	}
	b := dob.Time
	age := day.Year() - b.Year()
	if day.Month() < b.Month() || (day.Month() == b.Month() && day.Day() < b.Day()) {
		age--
	}
	return max(age, 0)
}

func unknownFields(doc *document.Document) []string {
	var out []string
	add := func(prefix string, e document.Extra) {
		for _, k := range e.Unknown() {
			out = append(out, prefix+"."+k)
		}
	}
	add("$", doc.Extra)
	add("$.child", doc.Child.Extra)
	add("$.plan", doc.Plan.Extra)
	return out
}
