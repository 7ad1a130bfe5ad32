package pack

import (
	"slices"
	"strings"

	"github.com/familyportal/portal/render"
)

// Worker writes the worker's pack: everything in the plan, each text kept from the family
// marked "Not for the family" with the reason. It is in the worker's language (English).
func Worker(v render.WorkerView, o Options) ([]byte, error) {
	title := v.Child.Name + ": " + v.T("worker.caption")
	return single(v.Translator, title, o, func(w *Writer) error {
		w.workerPack(v, title)
		return nil
	})
}

// workerPack writes everything in the plan, for the worker.
func (w *Writer) workerPack(v render.WorkerView, title string) {
	w.Heading(title, 0)
	w.Labelled(v.T("worker.child.ref"), v.Child.Ref)
	w.Labelled(v.T("worker.child.dob"), v.Child.DateOfBirth.String()+" ("+v.T("worker.child.age", "Age", v.Child.Age)+")")
	w.Labelled(v.T("worker.plan"), v.Plan.Ref+" "+v.T("worker.version", "Version", v.Version))
	if v.Withheld > 0 {
		w.Strong(v.T("worker.withheld.count", "Count", v.Withheld) + " " + v.T("worker.withheld.explain"))
	}

	w.Heading(v.T("worker.section.family"), 1)
	for _, m := range v.Family {
		w.Bullet(m.Name + ", " + m.Relationship + ". " + v.T("worker.family.language") + ": " + m.Language + "\n" + noBreak(m.Phone) + " " + m.Email)
	}
	w.Heading(v.T("worker.section.team"), 1)
	for _, t := range v.Team {
		w.Bullet(t.Name + ", " + strings.ReplaceAll(t.Role, "_", " ") + "\n" + noBreak(t.Phone) + " " + t.Email)
	}

	p := v.Plan
	w.Part(v.T("worker.section.plan"))
	w.workerTexts(v, "worker.plan.why", p.Why)
	w.workerTexts(v, "worker.plan.going_well", p.GoingWell...)
	w.workerTexts(v, "worker.plan.worries", p.Worries...)
	if len(p.Outcomes) > 0 {
		w.Heading(v.T("worker.plan.outcomes"), 1)
		for _, o := range p.Outcomes {
			w.workerText(v, o.Text)
			if !o.HowWeWillKnow.IsZero() {
				w.Paragraph(v.T("worker.plan.how_we_will_know"))
				w.workerText(v, o.HowWeWillKnow)
			}
		}
	}
	w.workerTexts(v, "worker.plan.not_negotiable", p.NotNegotiable...)
	if len(p.Actions) > 0 {
		w.Heading(v.T("worker.section.actions"), 1)
		for _, a := range p.Actions {
			w.workerAction(v, a)
		}
	}
	w.workerTexts(v, "worker.plan.keeping_safe", p.KeepingSafe)
	w.workerTexts(v, "worker.plan.if_things_go_wrong", p.IfThingsGoWrong)
	w.workerTexts(v, "worker.plan.child_views", p.ChildViews)
	if len(p.FamilyViews) > 0 {
		w.Heading(v.T("worker.plan.family_views"), 1)
		for _, fv := range p.FamilyViews {
			w.Strong(fv.By)
			w.workerText(v, fv.Text)
		}
	}
	w.workerTexts(v, "worker.plan.family_time", p.FamilyTime)

	if len(v.Meetings) > 0 {
		w.Part(v.T("worker.section.meetings"))
	}
	for _, m := range v.Meetings {
		w.Heading(m.Ref+": "+m.Kind+", "+m.HeldOn.String(), 1)
		for _, part := range []struct {
			label string
			text  render.TextView
		}{{"worker.meeting.place", m.Place}, {"worker.meeting.purpose", m.Purpose}, {"worker.meeting.summary", m.Summary}} {
			if !part.text.IsZero() {
				w.Strong(v.T(part.label))
				w.workerText(v, part.text)
			}
		}
		var came []string
		for _, a := range m.Attendees {
			came = append(came, a.Name+" ("+a.Role+")")
		}
		if len(came) > 0 {
			w.Labelled(v.T("worker.meeting.attendees"), strings.Join(came, ", "))
		}
		if len(m.Decisions) > 0 {
			w.Strong(v.T("worker.meeting.decisions"))
			for _, d := range m.Decisions {
				w.workerText(v, d)
			}
		}
		if len(m.Actions) > 0 {
			w.Strong(v.T("worker.meeting.actions"))
			for _, a := range m.Actions {
				w.workerAction(v, a)
			}
		}
	}
}

// workerTexts writes a section of texts under a heading, when it has any.
func (w *Writer) workerTexts(v render.WorkerView, heading string, texts ...render.TextView) {
	if !slices.ContainsFunc(texts, func(t render.TextView) bool { return !t.IsZero() }) {
		return
	}
	w.Heading(v.T(heading), 1)
	for _, t := range texts {
		w.workerText(v, t)
	}
}

// workerText writes one text as the worker sees it, marked when it is not for the family.
func (w *Writer) workerText(v render.WorkerView, t render.TextView) {
	if t.IsZero() {
		return
	}
	if t.Withheld {
		w.mark(v.T("worker.withheld.tag") + " " + v.T("worker.withheld.reason", "Reason", t.Reason))
	}
	w.Bullet(t.Text)
	if t.ForChild != "" {
		w.Paragraph(v.T("worker.for_child") + " " + t.ForChild)
	}
}

// workerAction writes an action: what, who, by when.
func (w *Writer) workerAction(v render.WorkerView, a render.ActionView) {
	w.workerText(v, a.What)
	w.Paragraph(v.T("worker.action.who") + ": " + a.Who + " · " + v.T("worker.action.by") + ": " + a.By.String() + " · " + v.T("worker.action.status") + ": " + a.Status)
}

// mark writes a warning line in bold dark red.
func (w *Writer) mark(text string) {
	w.pdf.SetTextColor(150, 0, 0)
	w.Strong(text)
	w.pdf.SetTextColor(0, 0, 0)
}
