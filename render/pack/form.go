package pack

import (
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/form"
)

// paperForm writes a form's questions to answer by hand: lines to write on, boxes to tick,
// and the details each answer asks for. Young readers see each question's picture and its
// simpler words.
func (w *Writer) paperForm(tr locales.Translator, qs []form.Question, childName string, young bool) error {
	w.Labelled(tr.T("pack.form.name"), "")
	w.WritingLines(1)
	for _, q := range qs {
		write := func() { w.question(tr, q, childName, young) }
		if !young || q.Picture == "" {
			write()
			continue
		}
		if err := w.WithPicture(q.Picture, write); err != nil {
			return err
		}
	}
	return nil
}

// question writes one question of a paper form.
func (w *Writer) question(tr locales.Translator, q form.Question, childName string, young bool) {
	title := q.Title(tr, childName)
	if young && tr.Has("forms.q."+q.ID+"_young") {
		title = tr.T("forms.q." + q.ID + "_young")
	}
	w.room(lineHeight(w.size) * 6)
	w.Strong(title)
	if q.Hint {
		w.Paragraph(tr.T("forms.q." + q.ID + "_hint"))
	}
	if q.Kind == "text" {
		w.WritingLines(4)
		return
	}
	if q.Kind == "checks" && !q.Hint {
		w.Paragraph(tr.T("pack.form.tick"))
	}
	for _, choice := range q.AnswerChoices() {
		w.TickBox(q.ChoiceWords(tr, choice))
		for _, detail := range q.Details[choice] {
			w.Paragraph(tr.T("forms.q." + detail))
			w.WritingLines(2)
		}
	}
	if q.Comment {
		w.WritingLines(3)
	}
}
