package pack

import (
	"strings"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render"
)

// Parent writes the parent version of a plan for one family member as a PDF: the same
// sections, in the same order and words, as the page (render.ParentView never holds a
// withheld text, nor a section a young person of 16 or more keeps private, so neither does
// the pack).
func Parent(v *render.ParentView, o Options) ([]byte, error) {
	return single(v.Translator, v.Title, o, func(w *Writer) error { return w.ParentPack(v, o) })
}

// ParentPack writes the parent version into the current pack of the file.
func (w *Writer) ParentPack(v *render.ParentView, o Options) error {
	w.Heading(v.Title, 0)
	w.plan(v, true)
	for i := range v.Minutes {
		w.minutes(v, i)
	}
	w.promises(v)
	w.rights(v.Translator, o.Services)
	w.contacts(v)
	w.words(v)
	return nil
}

// plan writes the plan's sections, with the next meeting when asked.
func (w *Writer) plan(v *render.ParentView, next bool) {
	for _, line := range []string{v.Agreed, v.NextReview} {
		if line != "" {
			w.Paragraph(line)
		}
	}
	if n := v.Next; n != nil && next {
		w.Heading(v.T("parent.section.next_meeting"), 1)
		w.Labelled(v.T("parent.next.when"), n.When+" "+n.Kind)
		if !n.Place.IsZero() {
			w.Labelled(v.T("parent.next.where"), n.Place.Plain())
		}
		for _, id := range []string{"parent.next.agenda", "parent.next.advocate", "parent.next.change"} {
			w.Bullet(v.T(id))
		}
	}
	if !v.Why.IsZero() {
		w.Heading(v.T("parent.section.why"), 1)
		w.Paragraph(v.Why.Plain())
	}
	if len(v.GoingWell) > 0 {
		w.Heading(v.T("parent.section.going_well"), 1)
		for _, t := range v.GoingWell {
			w.Bullet(t.Plain())
		}
	}
	if len(v.Worries) > 0 {
		w.Heading(v.T("parent.section.worries"), 1)
		for _, t := range v.Worries {
			w.Bullet(t.Plain())
		}
	}
	if len(v.Outcomes) > 0 || len(v.NotNegotiable) > 0 {
		w.Heading(v.T("parent.section.change"), 1)
		for _, o := range v.Outcomes {
			w.Bullet(o.Text.Plain())
			if !o.HowWeWillKnow.IsZero() {
				w.Paragraph(v.T("parent.how_we_will_know") + " " + o.HowWeWillKnow.Plain())
			}
		}
		if len(v.NotNegotiable) > 0 {
			w.Heading(v.T("parent.section.not_negotiable"), 2)
			w.Paragraph(v.T("parent.not_negotiable_intro"))
			for _, t := range v.NotNegotiable {
				w.Bullet(t.Plain())
			}
		}
	}
	if len(v.YourActions)+len(v.OtherActions) > 0 {
		w.Heading(v.T("parent.section.actions"), 1)
		w.Heading(v.T("parent.actions.yours"), 2)
		if len(v.YourActions) == 0 {
			w.Paragraph(v.T("parent.actions.none_for_you"))
		}
		for _, a := range v.YourActions {
			w.Bullet(a.What.Plain() + " " + a.By)
		}
		if len(v.OtherActions) > 0 {
			w.Heading(v.T("parent.actions.others"), 2)
			for _, a := range v.OtherActions {
				w.Bullet(a.Who + ": " + a.What.Plain() + " " + a.By)
			}
		}
	}
	for _, s := range []struct {
		title string
		text  interface {
			IsZero() bool
			Plain() string
		}
	}{
		{v.T("parent.section.keeping_safe", "Child", v.ChildName), v.KeepingSafe},
		{v.T("parent.section.if_wrong"), v.IfThingsGoWrong},
		{v.T("parent.section.family_time"), v.FamilyTime},
	} {
		if !s.text.IsZero() {
			w.Heading(s.title, 1)
			w.Paragraph(s.text.Plain())
		}
	}
}

// minutes writes the notes of the view's i-th meeting held.
func (w *Writer) minutes(v *render.ParentView, i int) {
	m := v.Minutes[i]
	w.Heading(m.Title, 1)
	var came []string
	for _, p := range m.Attendees {
		came = append(came, p.Name)
	}
	if len(came) > 0 {
		w.Labelled(v.T("pack.letter.who_came"), strings.Join(came, ", "))
	}
	if !m.Summary.IsZero() {
		w.Paragraph(m.Summary.Plain())
	}
	for _, d := range m.Decisions {
		w.Bullet(d.Plain())
	}
	for _, a := range m.Actions {
		who := a.Who
		if who == "" {
			who = v.T("parent.actions.yours")
		}
		w.Bullet(who + ": " + a.What.Plain() + " " + a.By)
	}
}

// promises writes what the service promised the reader and whether it kept it.
func (w *Writer) promises(v *render.ParentView) {
	if !v.HasPromises {
		return
	}
	w.Heading(v.T("promises.title"), 1)
	for _, p := range v.Promises {
		w.Bullet(p)
	}
}

// rights writes the rights page: advocates, what can change, disagreeing, complaining, and
// the council's own services.
func (w *Writer) rights(tr locales.Translator, s Services) {
	w.Heading(tr.T("rights.title"), 1)
	w.Paragraph(tr.T("rights.intro"))
	w.Heading(tr.T("rights.advocate.heading"), 2)
	for _, id := range []string{"parent.rights.advocate", "parent.rights.interpreter", "parent.rights.views"} {
		w.Paragraph(tr.T(id))
	}
	if len(s.Advocacy) > 0 {
		w.Heading(tr.T("rights.find.heading"), 2)
		w.Paragraph(tr.T("rights.find.body"))
		for _, c := range s.Advocacy {
			w.contact(tr, c)
		}
	}
	w.Heading(tr.T("rights.negotiable.heading"), 2)
	w.Paragraph(tr.T("rights.negotiable.body"))
	w.Paragraph(tr.T("parent.rights.see"))
	w.Heading(tr.T("rights.challenge.heading"), 2)
	w.Paragraph(tr.T("parent.rights.challenge"))
	w.Paragraph(tr.T("parent.rights.legal"))
	w.Heading(tr.T("rights.complain.heading"), 2)
	w.Paragraph(tr.T("parent.rights.complain") + " " + tr.T("rights.complain.safe"))
	if s.Complaints.Name != "" {
		w.Paragraph(tr.T("rights.complain.route"))
		w.contact(tr, s.Complaints)
	}
}

// contact writes a service's name, phone and website.
func (w *Writer) contact(tr locales.Translator, c Contact) {
	text := c.Name
	if c.Phone != "" {
		text += "\n" + tr.T("rights.contact.phone", "Phone", noBreak(c.Phone))
	}
	if c.Web != "" {
		text += "\n" + tr.T("rights.contact.web", "Web", c.Web)
	}
	w.Bullet(text)
}

// contacts writes who to contact in the team.
func (w *Writer) contacts(v *render.ParentView) {
	if len(v.Contacts) == 0 {
		return
	}
	w.Heading(v.T("parent.section.contact"), 1)
	for _, c := range v.Contacts {
		w.Bullet(c.Name + ", " + c.Role.Text + "\n" + noBreak(c.Phone) + " " + c.Email)
	}
}

// words writes "Words we use": each term the pack used, explained.
func (w *Writer) words(v *render.ParentView) {
	if len(v.Words) == 0 {
		return
	}
	w.Heading(v.T("parent.section.words"), 1)
	w.Paragraph(v.T("parent.words.intro"))
	for _, word := range v.Words {
		w.Bullet(word.Term + ": " + word.Explanation)
	}
}
