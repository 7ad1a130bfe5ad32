package pack

import (
	"github.com/familyportal/portal/render"
)

// Parent writes the parent version of a plan for one family member as a PDF: the same
// sections, in the same order and words, as the page (render.ParentView never holds a
// withheld text, so neither does the pack).
func Parent(v *render.ParentView, o Options) ([]byte, error) {
	if o.Title == "" {
		o.Title = v.Title
	}
	w, err := New(v.Translator, o)
	if err != nil {
		return nil, err
	}
	w.Heading(v.Title, 0)
	for _, line := range []string{v.Agreed, v.NextReview} {
		if line != "" {
			w.Paragraph(line)
		}
	}
	if n := v.Next; n != nil {
		w.Heading(v.T("parent.section.next_meeting"), 1)
		w.Paragraph(v.T("parent.next.when") + ": " + n.When + " " + n.Kind)
		if !n.Place.IsZero() {
			w.Paragraph(v.T("parent.next.where") + ": " + n.Place.Plain())
		}
		for _, id := range []string{"parent.next.agenda", "parent.next.advocate", "parent.next.change"} {
			w.Paragraph("• " + v.T(id))
		}
	}
	if !v.Why.IsZero() {
		w.Heading(v.T("parent.section.why"), 1)
		w.Paragraph(v.Why.Plain())
	}
	if len(v.GoingWell) > 0 {
		w.Heading(v.T("parent.section.going_well"), 1)
		for _, t := range v.GoingWell {
			w.Paragraph("• " + t.Plain())
		}
	}
	if len(v.Worries) > 0 {
		w.Heading(v.T("parent.section.worries"), 1)
		for _, t := range v.Worries {
			w.Paragraph("• " + t.Plain())
		}
	}
	if len(v.Outcomes) > 0 || len(v.NotNegotiable) > 0 {
		w.Heading(v.T("parent.section.change"), 1)
		for _, o := range v.Outcomes {
			w.Paragraph("• " + o.Text.Plain())
			if !o.HowWeWillKnow.IsZero() {
				w.Paragraph(v.T("parent.how_we_will_know") + " " + o.HowWeWillKnow.Plain())
			}
		}
		if len(v.NotNegotiable) > 0 {
			w.Heading(v.T("parent.section.not_negotiable"), 2)
			w.Paragraph(v.T("parent.not_negotiable_intro"))
			for _, t := range v.NotNegotiable {
				w.Paragraph("• " + t.Plain())
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
			w.Paragraph("• " + a.What.Plain() + " " + a.By)
		}
		if len(v.OtherActions) > 0 {
			w.Heading(v.T("parent.actions.others"), 2)
			for _, a := range v.OtherActions {
				w.Paragraph("• " + a.Who + ": " + a.What.Plain() + " " + a.By)
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
	for _, m := range v.Minutes {
		w.Heading(m.Title, 1)
		if !m.Summary.IsZero() {
			w.Paragraph(m.Summary.Plain())
		}
		for _, d := range m.Decisions {
			w.Paragraph("• " + d.Plain())
		}
	}
	if len(v.Promises) > 0 {
		w.Heading(v.T("promises.title"), 1)
		for _, p := range v.Promises {
			w.Paragraph("• " + p)
		}
	}
	w.Heading(v.T("parent.section.rights"), 1)
	for _, id := range []string{"parent.rights.see", "parent.rights.advocate", "parent.rights.interpreter", "parent.rights.views", "parent.rights.challenge", "parent.rights.complain", "parent.rights.legal"} {
		w.Paragraph(v.T(id))
	}
	if len(v.Contacts) > 0 {
		w.Heading(v.T("parent.section.contact"), 1)
		for _, c := range v.Contacts {
			w.Paragraph(c.Name + " " + c.Phone + " " + c.Email)
		}
	}
	if len(v.Words) > 0 {
		w.Heading(v.T("parent.section.words"), 1)
		for _, word := range v.Words {
			w.Paragraph(word.Term + ": " + word.Explanation)
		}
	}
	return w.Bytes()
}
