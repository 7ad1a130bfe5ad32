package pack

import (
	"strings"

	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/form"
)

// Meeting writes a family member's pack for a meeting (seed 001: papers in good time, with
// the "Thoughts and comments from parent carers" form): a covering letter, the plan, the
// meeting's notes, the form with how to send it back, their rights, the promises so far and
// the words used. v must be made with ParentOptions.Meeting set.
func Meeting(v *render.ParentView, o Options) ([]byte, error) {
	return single(v.Translator, v.Title, o, func(w *Writer) error { return w.MeetingPack(v, o) })
}

// MeetingPack writes a meeting pack into the current pack of the file.
func (w *Writer) MeetingPack(v *render.ParentView, o Options) error {
	m := v.Meeting
	parts := []string{v.Title}
	notes := notesOf(v)
	if notes >= 0 {
		parts = append(parts, v.T("parent.section.minutes"))
	}
	parts = append(parts, v.T("forms.thoughts.title"), v.T("rights.title"))
	if v.HasPromises {
		parts = append(parts, v.T("promises.title"))
	}
	if len(v.Words) > 0 {
		parts = append(parts, v.T("parent.section.words"))
	}

	w.Heading(v.T("pack.letter.title"), 0)
	w.Paragraph(v.T("pack.letter.dear", "Name", v.Member.Name))
	if m.Held {
		w.Paragraph(v.T("pack.letter.held", "Child", v.ChildName, "Date", m.When))
	} else {
		w.Paragraph(v.T("pack.letter.invite", "Child", v.ChildName))
	}
	w.Labelled(v.T("pack.letter.what"), m.Kind)
	if m.When != "" {
		w.Labelled(v.T("parent.next.when"), m.When)
	}
	if !m.Where.IsZero() {
		w.Labelled(v.T("parent.next.where"), m.Where.Plain())
	}
	if len(m.Who) > 0 {
		label := v.T("parent.next.who")
		if m.Held {
			label = v.T("pack.letter.who_came")
		}
		var names []string
		for _, p := range m.Who {
			names = append(names, p.Name+" ("+p.Role.Text+")")
		}
		w.Labelled(label, strings.Join(names, ", "))
	}
	if !m.Why.IsZero() {
		w.Labelled(v.T("parent.next.why"), m.Why.Plain())
	}
	if m.Held && m.Next != nil {
		w.Strong(v.T("pack.letter.next", "Date", m.Next.When))
	}
	for _, id := range []string{"parent.next.agenda", "parent.next.advocate", "parent.next.change"} {
		w.Bullet(v.T(id))
	}
	w.Strong(v.T("pack.letter.contents"))
	for _, p := range parts {
		w.Bullet(p)
	}
	w.Paragraph(v.T("pack.letter.unclear"))
	if i := socialWorker(v); i >= 0 {
		sw := v.Contacts[i]
		w.Paragraph(v.T("pack.letter.from", "Name", sw.Name, "Phone", noBreak(sw.Phone)))
	}

	w.Part(v.Title)
	w.plan(v, false)
	w.contacts(v)
	if notes >= 0 {
		w.Part(v.T("parent.section.minutes"))
		w.minutes(v, notes)
	}

	w.Part(v.T("forms.thoughts.title"))
	w.Paragraph(v.T("pack.form.intro"))
	if err := w.paperForm(v.Translator, form.Thoughts, v.ChildName, false); err != nil {
		return err
	}
	w.Heading(v.T("pack.form.return"), 1)
	w.Paragraph(v.T("pack.form.return.give"))
	if i := socialWorker(v); i >= 0 && v.Contacts[i].Email != "" {
		w.Paragraph(v.T("pack.form.return.email", "Email", v.Contacts[i].Email))
	}
	if next := nextDate(v); next != "" {
		w.Paragraph(v.T("pack.form.return.before", "Date", next))
	}
	if o.Online.Link != "" {
		w.Paragraph(v.T("pack.form.online", "Link", o.Online.Link))
	}
	if o.Online.Code != "" {
		w.Strong(v.T("pack.form.code", "Code", noBreak(o.Online.Code), "Date", o.Online.CodeUntil))
	}

	w.Part(v.T("rights.title"))
	w.rights(v.Translator, o.Services)
	if v.HasPromises {
		w.Part(v.T("promises.title"))
		w.promises(v)
	}
	if len(v.Words) > 0 {
		w.Part(v.T("parent.section.words"))
		w.words(v)
	}
	return nil
}

// notesOf is the index in v.Minutes of the notes the pack carries: the meeting's own once
// held, or else the latest; -1 when no meeting has been held.
func notesOf(v *render.ParentView) int {
	for i, m := range v.Minutes {
		if m.Ref == v.Meeting.Ref {
			return i
		}
	}
	if len(v.Minutes) > 0 {
		return 0
	}
	return -1
}

// nextDate is the day of the meeting the form is for: the letter's meeting when it is
// still to come, or the next one.
func nextDate(v *render.ParentView) string {
	if !v.Meeting.Held {
		return v.Meeting.When
	}
	if v.Next != nil {
		return v.Next.When
	}
	return ""
}

// socialWorker is the index in v.Contacts of the child's social worker, or -1.
func socialWorker(v *render.ParentView) int {
	for i, c := range v.Contacts {
		if c.Role.Key == "social_worker" {
			return i
		}
	}
	return -1
}
