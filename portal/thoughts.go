package portal

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
)

// maxAnswer is how long one answer may be: a long letter, not a file.
const maxAnswer = 5000

// question is one page of a form: one thing to answer (GOV.UK's "one thing per page").
type question struct {
	ID      string
	Kind    string   // text, yesno, choice or checks
	Choices []string // for choice and checks: the answers' IDs
	Hint    bool     // a hint message forms.q.ID_hint exists
	// Details: fields that go with a choice ("yes" -> phone number and time).
	Details map[string][]string
}

// thoughtsQuestions are "Your thoughts and comments", before a meeting (seed 001).
var thoughtsQuestions = []question{
	{ID: "going_well", Kind: "text"},
	{ID: "worries", Kind: "text"},
	{ID: "agenda", Kind: "text", Hint: true},
	{ID: "who", Kind: "text", Hint: true},
	{ID: "time_place", Kind: "yesno", Details: map[string][]string{"no": {"time_place_details"}}},
	{ID: "needs", Kind: "checks", Hint: true, Choices: []string{"interpreter", "step_free", "childcare", "other"}, Details: map[string][]string{"other": {"needs_other_details"}}},
	{ID: "advocate", Kind: "choice", Hint: true, Choices: []string{"yes", "no", "help"}},
	{ID: "phone", Kind: "yesno", Details: map[string][]string{"yes": {"phone_number", "phone_when"}}},
}

type thoughtsPage struct {
	formPage
	ChildRef string
	Step     int
	Of       int
	Q        question
	Meeting  string // the meeting's date, in the reader's words
	Draft    store.Draft
	Answers  []checkedAnswer
	Key      string
	Ref      string
}

// Steps are the questions, for the back link.
func (p thoughtsPage) Steps() []question { return thoughtsQuestions }

// Choices are the question's answers: yes and no, or its own.
func (p thoughtsPage) Choices() []string {
	if p.Q.Kind == "yesno" {
		return []string{"yes", "no"}
	}
	return p.Q.Choices
}

// ChoiceWords is an answer in the reader's words.
func (p thoughtsPage) ChoiceWords(choice string) string {
	return choiceWords(p.Translator, p.Q, choice)
}

func choiceWords(tr locales.Translator, q question, choice string) string {
	if q.Kind == "yesno" {
		return tr.T("forms." + choice)
	}
	return tr.T("forms." + q.ID + "." + choice)
}

// Chosen reports whether an answer is picked.
func (p thoughtsPage) Chosen(choice string) bool {
	return slices.Contains(strings.Split(p.Values[p.Q.ID], ","), choice)
}

type checkedAnswer struct {
	Question, Answer, Step string
}

// thoughtsForm is the form's key: the form and the meeting it is for.
func (s *Server) thoughtsForm(c echo.Context) (string, string, error) {
	doc, _, err := s.store.PublishedDocument(c.Request().Context(), c.Param("ref"))
	if err != nil {
		return "", "", err
	}
	day := s.renderer.NextMeetingDay(doc, s.now())
	if day.IsZero() {
		return "thoughts:next", "", nil
	}
	tr := s.renderer.Translator(principal(c).Language)
	return "thoughts:" + day.String(), s.renderer.LongDate(tr, day), nil
}

func (s *Server) thoughtsPage(c echo.Context, titleID string) (thoughtsPage, error) {
	form, meeting, err := s.thoughtsForm(c)
	if err != nil {
		return thoughtsPage{}, err
	}
	p := principal(c)
	draft, err := s.store.Draft(c.Request().Context(), p.PersonID, c.Param("ref"), form)
	if err != nil {
		return thoughtsPage{}, err
	}
	page := thoughtsPage{formPage: s.form(c, titleID), ChildRef: c.Param("ref"), Of: len(thoughtsQuestions), Meeting: meeting, Draft: draft, Key: draft.IdempotencyKey}
	page.Values = draft.Answers
	return page, nil
}

// thoughtsStart is the start page of the journey.
func (s *Server) thoughtsStart(c echo.Context) error {
	page, err := s.thoughtsPage(c, "forms.thoughts.title")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "thoughts-start", page)
}

func questionAt(step string) (int, question, bool) {
	for i, q := range thoughtsQuestions {
		if q.ID == step {
			return i, q, true
		}
	}
	return 0, question{}, false
}

// thoughtsQuestion shows one question, with what the person already answered.
func (s *Server) thoughtsQuestion(c echo.Context) error {
	i, q, ok := questionAt(c.Param("step"))
	if !ok {
		return echo.ErrNotFound
	}
	page, err := s.thoughtsPage(c, "forms.q."+q.ID)
	if err != nil {
		return err
	}
	page.Step, page.Q = i+1, q
	return s.render(c, http.StatusOK, "thoughts-question", page)
}

// thoughtsAnswer saves one answer into the draft and goes on to the next question; an
// answer that is wrong or too long is shown again, as typed, with the error.
func (s *Server) thoughtsAnswer(c echo.Context) error {
	i, q, ok := questionAt(c.Param("step"))
	if !ok {
		return echo.ErrNotFound
	}
	page, err := s.thoughtsPage(c, "forms.q."+q.ID)
	if err != nil {
		return err
	}
	page.Step, page.Q = i+1, q
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "form")
	}
	typed := map[string]string{}
	fields := []string{q.ID}
	for _, more := range q.Details {
		fields = append(fields, more...)
	}
	for _, f := range fields {
		v := strings.TrimSpace(form.Get(f))
		if q.Kind == "checks" && f == q.ID {
			var picked []string
			for _, v := range form[f] {
				if slices.Contains(q.Choices, v) {
					picked = append(picked, v)
				}
			}
			v = strings.Join(picked, ",")
		}
		typed[f] = v
		if utf8.RuneCountInString(v) > maxAnswer {
			page.fail(f, "forms.too_long", "Max", maxAnswer)
		}
	}
	if q.ID == "phone" && typed["phone"] == "yes" && typed["phone_number"] == "" {
		page.fail("phone_number", "forms.error.phone")
	}
	if len(page.Errors) > 0 {
		for k, v := range typed {
			page.Values[k] = v // what was typed stays; the saved draft is kept as it was
		}
		return s.render(c, http.StatusUnprocessableEntity, "thoughts-question", page)
	}
	for k, v := range typed {
		page.Draft.Answers[k] = v
	}
	form2, _, err := s.thoughtsForm(c)
	if err != nil {
		return err
	}
	if err := s.store.SaveDraft(c.Request().Context(), principal(c).PersonID, page.ChildRef, form2, page.Draft); err != nil {
		return err
	}
	next := "check"
	if i+1 < len(thoughtsQuestions) && c.FormValue("to") != "check" {
		next = thoughtsQuestions[i+1].ID
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+page.ChildRef+"/thoughts/"+next)
}

// thoughtsCheck shows every answer to check before sending.
func (s *Server) thoughtsCheck(c echo.Context) error {
	page, err := s.thoughtsPage(c, "forms.check.title")
	if err != nil {
		return err
	}
	page.Answers = checkedAnswers(page.Translator, page.Draft.Answers)
	return s.render(c, http.StatusOK, "thoughts-check", page)
}

// answerWords says an answer in the reader's words, with its details.
func answerWords(tr locales.Translator, q question, answers map[string]string) string {
	v := answers[q.ID]
	if v == "" {
		return tr.T("forms.not_answered")
	}
	if q.Kind == "text" {
		return v
	}
	var words []string
	for _, choice := range strings.Split(v, ",") {
		words = append(words, choiceWords(tr, q, choice))
		for _, more := range q.Details[choice] {
			if answers[more] != "" {
				words = append(words, answers[more])
			}
		}
	}
	return strings.Join(words, " · ")
}

// checkedAnswers are a form's questions and answers, in the reader's words.
func checkedAnswers(tr locales.Translator, answers map[string]string) []checkedAnswer {
	var out []checkedAnswer
	for _, q := range thoughtsQuestions {
		out = append(out, checkedAnswer{Question: tr.T("forms.q." + q.ID), Answer: answerWords(tr, q, answers), Step: q.ID})
	}
	return out
}

// thoughtsSubmit sends the form. The same form sent twice is stored once and gets the
// same reference.
func (s *Server) thoughtsSubmit(c echo.Context) error {
	page, err := s.thoughtsPage(c, "forms.done.title")
	if err != nil {
		return err
	}
	key := field(c, "key")
	if key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "key")
	}
	form, _, err := s.thoughtsForm(c)
	if err != nil {
		return err
	}
	p := principal(c)
	ref, err := s.store.Submit(c.Request().Context(), actorOf(p), p.PersonID, page.ChildRef, form, key, page.Draft.Answers)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+page.ChildRef+"/thoughts/done/"+ref)
}

// thoughtsDone is the confirmation, with the reference.
func (s *Server) thoughtsDone(c echo.Context) error {
	page, err := s.thoughtsPage(c, "forms.done.title")
	if err != nil {
		return err
	}
	sub, err := s.store.SubmissionBy(c.Request().Context(), principal(c).PersonID, page.ChildRef, c.Param("reference"))
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	page.Ref = sub.Reference
	return s.render(c, http.StatusOK, "thoughts-done", page)
}

// sentItem is a form a family member sent, as their worker reads it.
type sentItem struct {
	store.Submission
	Date    string
	Answers []checkedAnswer
	Tasks   []string // message IDs of what the worker has to do about it
}

// sentTasks are the answers that ask the worker to do something before the meeting.
func sentTasks(a map[string]string) []string {
	var tasks []string
	for _, t := range []struct {
		id   string
		asks bool
	}{
		{"agenda", a["agenda"] != ""},
		{"callback", a["phone"] == "yes"},
		{"advocate", a["advocate"] == "help"},
		{"needs", a["needs"] != ""},
		{"time_place", a["time_place"] == "no"},
	} {
		if t.asks {
			tasks = append(tasks, "worker.sent.task."+t.id)
		}
	}
	return tasks
}

// sentToWorker is what a child's family sent, newest first; the worker reading it marks it read.
func (s *Server) sentToWorker(c echo.Context, tr locales.Translator, ref string) ([]sentItem, error) {
	subs, err := s.store.Submissions(c.Request().Context(), ref, true)
	if err != nil {
		return nil, err
	}
	items := make([]sentItem, len(subs))
	for i, sub := range subs {
		items[i] = sentItem{Submission: sub, Date: sub.Submitted.Format("2 Jan 2006 15:04"), Answers: checkedAnswers(tr, sub.Answers), Tasks: sentTasks(sub.Answers)}
	}
	return items, nil
}
