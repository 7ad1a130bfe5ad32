package pack

import (
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/form"
)

// journeySize is the type size of My Journey on paper, in points, for an age band: big for
// a young child read to by a grown-up, ordinary for a teenager.
func journeySize(band string) float64 {
	switch band {
	case render.BandUnder8:
		return 18
	case render.Band8to12:
		return 14
	}
	return bodySize
}

// Child writes My Journey, the child's own pack: their plan in their words for their age,
// with pictures, their rights, and "My views" to fill in by hand.
func Child(v *render.ChildView, o Options) ([]byte, error) {
	return single(v.Translator, v.Title, o, func(w *Writer) error { return w.JourneyPack(v) })
}

// JourneyPack writes My Journey into the current pack of the file.
func (w *Writer) JourneyPack(v *render.ChildView) error {
	w.size = max(w.size, journeySize(v.Band))
	young := v.Band != render.Band13Plus
	w.Heading(v.Title, 0)
	w.Strong(v.T("child.hello", "Name", v.Name))
	w.Paragraph(v.Intro)

	sections := []struct {
		picture, title string
		write          func()
	}{
		{"speak", v.T("child.section.your_words"), func() {
			if v.YourWords.IsZero() {
				w.Paragraph(v.T("child.your_words_none"))
				return
			}
			w.Paragraph(v.YourWords.Plain())
		}},
		{"sun", v.T("child.section.going_well"), func() { w.childItems(v.GoingWell.Items, v.GoingWell.Later) }},
		{"cloud", v.T("child.section.worries"), func() { w.childItems(v.Worries.Items, v.Worries.Later) }},
		{"calendar", v.T("child.section.next"), func() {
			if v.NextMeeting == "" && len(v.Next) == 0 {
				w.Paragraph(v.T("child.next.none"))
			}
			if v.NextMeeting != "" {
				w.Paragraph(v.NextMeeting + " " + v.MeetingDate)
				w.Paragraph(v.T("child.next.meeting_say"))
			}
			for _, n := range v.Next {
				w.Bullet(n.When + ": " + n.What.Plain())
			}
		}},
	}
	for _, s := range sections {
		w.Heading(s.title, 1)
		if err := w.WithPicture(s.picture, s.write); err != nil {
			return err
		}
	}

	w.Heading(v.T("child.section.helpers"), 1)
	for _, h := range v.Helpers {
		if err := w.WithPicture(h.Picture, func() {
			w.Strong(h.Name)
			w.Paragraph(h.Does)
			if h.Phone != "" {
				w.Paragraph(v.T("child.call", "Name", h.Name) + ": " + noBreak(h.Phone))
			}
		}); err != nil {
			return err
		}
	}

	w.Heading(v.T("child.section.rights"), 1)
	if err := w.WithPicture("shield", func() {
		for _, id := range []string{"child.rights.say", "child.rights.advocate", "child.rights.see_plan", "child.rights.complain", "child.rights.childline"} {
			w.Bullet(v.T(id))
		}
	}); err != nil {
		return err
	}
	if len(v.Words) > 0 {
		w.Heading(v.T("child.section.words"), 1)
		for _, word := range v.Words {
			w.Bullet(word.Term + ": " + word.Explanation)
		}
	}

	w.Part(v.T("forms.views.title"))
	w.Paragraph(v.T("pack.views.intro"))
	if young {
		w.Paragraph(v.T("forms.views.with_adult"))
	}
	return w.paperForm(v.Translator, form.Views, v.Name, young)
}

// childItems writes what is said to the child, and what their social worker will explain.
func (w *Writer) childItems(items []render.FamilyText, later string) {
	for _, t := range items {
		w.Bullet(t.Plain())
	}
	if later != "" {
		w.Paragraph(later)
	}
}
