package document

import "iter"

// Texts yields every text of the document that says something, with its JSON path
// ($.plan.worries[1]), in document order: plan first, then the meetings.
func (d *Document) Texts() iter.Seq2[string, *Text] {
	return func(yield func(string, *Text) bool) {
		w := walker{yield: yield}
		w.plan(&d.Plan)
		for i := range d.Meetings {
			w.meeting(index("$.meetings", i), &d.Meetings[i])
		}
	}
}

type walker struct {
	yield   func(string, *Text) bool
	stopped bool
}

func (w *walker) text(path string, t *Text) {
	if w.stopped || t.IsZero() {
		return
	}
	w.stopped = !w.yield(path, t)
}

func (w *walker) texts(path string, ts []Text) {
	for i := range ts {
		w.text(index(path, i), &ts[i])
	}
}

func (w *walker) actions(path string, as []Action) {
	for i := range as {
		w.text(index(path, i)+".what", &as[i].What)
	}
}

func (w *walker) plan(p *Plan) {
	w.text("$.plan.why", &p.Why)
	w.texts("$.plan.going_well", p.GoingWell)
	w.texts("$.plan.worries", p.Worries)
	for i := range p.Outcomes {
		path := index("$.plan.outcomes", i)
		w.text(path+".text", &p.Outcomes[i].Text)
		w.text(path+".how_we_will_know", &p.Outcomes[i].HowWeWillKnow)
	}
	w.actions("$.plan.actions", p.Actions)
	w.text("$.plan.keeping_safe", &p.KeepingSafe)
	w.text("$.plan.if_things_go_wrong", &p.IfThingsGoWrong)
	w.texts("$.plan.not_negotiable", p.NotNegotiable)
	w.text("$.plan.child_views.text", &p.ChildViews.Text)
	w.text("$.plan.child_views.how_gathered", &p.ChildViews.HowGathered)
	for i := range p.FamilyViews {
		w.text(index("$.plan.family_views", i)+".text", &p.FamilyViews[i].Text)
	}
	w.text("$.plan.family_time", &p.FamilyTime)
}

func (w *walker) meeting(path string, m *Meeting) {
	w.text(path+".place", &m.Place)
	w.text(path+".purpose", &m.Purpose)
	w.text(path+".summary", &m.Summary)
	w.texts(path+".decisions", m.Decisions)
	w.actions(path+".actions", m.Actions)
}
