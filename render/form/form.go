// Package form holds the questions of the forms families and children fill in (seed 001's
// "Thoughts and comments from parent carers", a child's "My views", and what they thought
// after a meeting): the same questions online, one a page, and on paper in a printed pack.
package form

import "github.com/familyportal/portal/locales"

// Question is one thing to answer (GOV.UK's "one thing per page").
type Question struct {
	ID      string
	Kind    string   // text, yesno, choice or checks
	Choices []string // for choice and checks: the answers' IDs
	Hint    bool     // a hint message forms.q.ID_hint exists
	// Details: fields that go with a choice ("yes" -> phone number and time).
	Details map[string][]string
	// Words is where the choices' messages are, forms.WORDS.CHOICE; the question's ID if empty.
	Words string
	// Comment: a text box for more, ID_comment, under the choices.
	Comment bool
	// Part is the section of the plan asked about, for "what do you think of this part".
	Part string
	// Picture is the icon a younger child sees with the question, asked in simpler words
	// (forms.q.ID_young).
	Picture string
}

// Thoughts is "Your thoughts and comments", for parents before a meeting (seed 001).
var Thoughts = []Question{
	{ID: "going_well", Kind: "text"},
	{ID: "worries", Kind: "text"},
	{ID: "agenda", Kind: "text", Hint: true},
	{ID: "who", Kind: "text", Hint: true},
	{ID: "time_place", Kind: "yesno", Details: map[string][]string{"no": {"time_place_details"}}},
	{ID: "needs", Kind: "checks", Hint: true, Choices: []string{"interpreter", "step_free", "childcare", "other"}, Details: map[string][]string{"other": {"needs_other_details"}}},
	{ID: "advocate", Kind: "choice", Hint: true, Choices: []string{"yes", "no", "help"}},
	{ID: "phone", Kind: "yesno", Details: map[string][]string{"yes": {"phone_number", "phone_when"}}},
}

// Views is "My views", a child's or young person's own words before their meeting.
var Views = []Question{
	{ID: "good", Kind: "text", Picture: "sun"},
	{ID: "hard", Kind: "text", Picture: "cloud"},
	{ID: "want", Kind: "text", Picture: "speak"},
	{ID: "who_me", Kind: "text", Picture: "person"},
	{ID: "safe", Kind: "choice", Choices: []string{"yes", "not_sure", "no"}, Picture: "shield"},
}

// After is "Tell us what you think" after a meeting, following a question on each part of
// the plan (PlanPart).
var After = []Question{
	{ID: "listened", Kind: "choice", Choices: []string{"yes", "partly", "no"}, Words: "rating"},
	{ID: "clear", Kind: "choice", Choices: []string{"yes", "partly", "no"}, Words: "rating"},
	{ID: "interpreter", Kind: "choice", Choices: []string{"yes", "no", "not_needed"}},
	{ID: "meeting_comment", Kind: "text"},
}

// PlanPart asks whether the family agrees with one part of the plan, titled as the parent
// version titles it.
func PlanPart(part string) Question {
	return Question{ID: "part_" + part, Kind: "choice", Choices: []string{"agree", "disagree", "question"}, Words: "verdict", Comment: true, Part: part}
}

// AnswerChoices are the question's answers: yes and no, or its own.
func (q Question) AnswerChoices() []string {
	if q.Kind == "yesno" {
		return []string{"yes", "no"}
	}
	return q.Choices
}

// Fields are the names its page posts, in the page's order: the answer, the comment, and
// the details of each choice.
func (q Question) Fields() []string {
	fields := []string{q.ID}
	if q.Comment {
		fields = append(fields, q.ID+"_comment")
	}
	for _, choice := range q.AnswerChoices() {
		fields = append(fields, q.Details[choice]...)
	}
	return fields
}

// Title is the question in the reader's words.
func (q Question) Title(tr locales.Translator, childName string) string {
	if q.Part != "" {
		return tr.T("forms.after.part", "Part", tr.T("parent.section."+q.Part, "Child", childName))
	}
	return tr.T("forms.q." + q.ID)
}

// ChoiceWords is one of its answers in the reader's words.
func (q Question) ChoiceWords(tr locales.Translator, choice string) string {
	switch {
	case q.Kind == "yesno":
		return tr.T("forms." + choice)
	case q.Words != "":
		return tr.T("forms." + q.Words + "." + choice)
	}
	return tr.T("forms." + q.ID + "." + choice)
}
