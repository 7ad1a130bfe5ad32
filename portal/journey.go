package portal

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/form"
)

// maxAnswer is how long one answer may be: a long letter, not a file.
const maxAnswer = 5000

// journey is a form families or children fill in before a meeting, one question a page.
type journey struct {
	Path      string // in the address, and the start of the form's key
	TitleID   string
	IntroID   string
	DoneID    string // what happens next, on the confirmation
	Questions []form.Question
	// AfterMeeting: about the last meeting held, with a question for each part of the plan
	// first; otherwise about the next meeting.
	AfterMeeting bool
}

// questionsFor are the journey's questions for a child's plan.
func (j journey) questionsFor(doc *document.Document, asOf time.Time) []form.Question {
	if !j.AfterMeeting {
		return j.Questions
	}
	var qs []form.Question
	for _, part := range planParts(doc, asOf) {
		qs = append(qs, form.PlanPart(part))
	}
	return append(qs, j.Questions...)
}

// planParts are the sections of a plan a family can agree or disagree with, as the parent
// version titles them: those the plan has, shown to the family.
func planParts(doc *document.Document, asOf time.Time) []string {
	p := &doc.Plan
	shown := func(texts ...document.Text) bool {
		for _, t := range texts {
			if t.Text != "" && !t.Withheld() {
				return true
			}
		}
		return false
	}
	var outcomes, actions []document.Text
	for _, o := range p.Outcomes {
		outcomes = append(outcomes, o.Text)
	}
	for _, a := range p.Actions {
		actions = append(actions, a.What)
	}
	var parts []string
	for _, s := range []struct {
		section, title string
		has            bool
	}{
		{"why", "why", shown(p.Why)},
		{"worries", "worries", shown(p.Worries...)},
		{"outcomes", "change", shown(outcomes...)},
		{"not_negotiable", "not_negotiable", shown(p.NotNegotiable...)},
		{"actions", "actions", shown(actions...)},
		{"keeping_safe", "keeping_safe", shown(p.KeepingSafe)},
		{"if_things_go_wrong", "if_wrong", shown(p.IfThingsGoWrong)},
		{"family_time", "family_time", shown(p.FamilyTime)},
	} {
		if s.has && !render.PrivateFromParents(doc, s.section, asOf) {
			parts = append(parts, s.title)
		}
	}
	return parts
}

// thoughtsJourney is "Your thoughts and comments", for parents before a meeting (seed 001).
var thoughtsJourney = journey{Path: "thoughts", TitleID: "forms.thoughts.title", IntroID: "forms.thoughts.intro", DoneID: "forms.done.next", Questions: form.Thoughts}

// viewsJourney is "My views", a child's or young person's own words before their meeting.
var viewsJourney = journey{Path: "views", TitleID: "forms.views.title", IntroID: "forms.views.intro", DoneID: "forms.views.done.next", Questions: form.Views}

// afterJourney is "Tell us what you think", for parents after a meeting (seed 001): each
// part of the plan, then the meeting itself.
var afterJourney = journey{Path: "after", TitleID: "forms.after.title", IntroID: "forms.after.intro", DoneID: "forms.after.done_next", AfterMeeting: true, Questions: form.After}

// journeyOf is the journey a stored form belongs to, from its key.
func journeyOf(key string) journey {
	for _, j := range []journey{viewsJourney, afterJourney} {
		if strings.HasPrefix(key, j.Path+":") {
			return j
		}
	}
	return thoughtsJourney
}

type journeyPage struct {
	formPage
	J        journey
	Qs       []form.Question // the journey's questions for this child's plan
	ChildRef string
	// ChildName is for the plan's section titles ("Keeping Amira safe").
	ChildName string
	// Young: a child under 13 (My Journey's younger bands), who fills the form in with a
	// grown-up: pictures and simpler words.
	Young   bool
	Step    int
	Of      int
	Q       form.Question
	Meeting string // the meeting's date, in the reader's words
	Draft   store.Draft
	Answers []checkedAnswer
	Key     string
	Ref     string
	Safety  *safetyContacts // shown at once to a child who says they do not feel safe
	ToCheck bool            // changing an answer from the check page: back there after
}

// safetyContacts are who a child can call now.
type safetyContacts struct {
	Worker, WorkerPhone, OutOfHours, Next string
}

// Base is the journey's address for this child.
func (p journeyPage) Base() string { return "/children/" + p.ChildRef + "/" + p.J.Path }

// ChoiceWords is an answer in the reader's words.
func (p journeyPage) ChoiceWords(choice string) string { return p.Q.ChoiceWords(p.Translator, choice) }

// Choices are the question's answers.
func (p journeyPage) Choices() []string { return p.Q.AnswerChoices() }

// Chosen reports whether an answer is picked.
func (p journeyPage) Chosen(choice string) bool {
	return slices.Contains(strings.Split(p.Values[p.Q.ID], ","), choice)
}

type checkedAnswer struct {
	Question, Answer, Step string
}

// addJourney registers a journey's pages under /children/:ref/PATH for those the rule lets in.
func (s *Server) addJourney(add func(method, path string, rule access.Rule, h echo.HandlerFunc), j journey, rule access.Rule) {
	base := "/children/:ref/" + j.Path
	add(http.MethodGet, base, rule, s.journeyStart(j))
	add(http.MethodGet, base+"/check", rule, s.journeyCheck(j))
	add(http.MethodPost, base+"/check", rule, s.journeySubmit(j))
	add(http.MethodGet, base+"/done/:reference", rule, s.journeyDone(j))
	add(http.MethodGet, base+"/:step", rule, s.journeyQuestion(j))
	add(http.MethodPost, base+"/:step", rule, s.journeyAnswer(j))
}

// formKey is the form's key: the journey and the meeting it is for, with the meeting's date
// in the reader's words.
func (s *Server) formKey(c echo.Context, j journey) (string, string, *document.Document, error) {
	doc, _, err := s.store.PublishedDocument(c.Request().Context(), c.Param("ref"))
	if err != nil {
		return "", "", nil, err
	}
	var day document.Date
	if j.AfterMeeting {
		day = doc.LastMeetingHeld(s.now())
	} else {
		day = s.renderer.NextMeetingDay(doc, s.now())
	}
	if day.IsZero() {
		return j.Path + ":next", "", doc, nil
	}
	tr := s.renderer.Translator(principal(c).Language)
	return j.Path + ":" + day.String(), s.renderer.LongDate(tr, day), doc, nil
}

func (s *Server) journeyPage(c echo.Context, j journey, titleID string) (journeyPage, string, *document.Document, error) {
	key, meeting, doc, err := s.formKey(c, j)
	if err != nil {
		return journeyPage{}, "", nil, err
	}
	p := principal(c)
	draft, err := s.store.Draft(c.Request().Context(), p.PersonID, c.Param("ref"), key)
	if err != nil {
		return journeyPage{}, "", nil, err
	}
	qs := j.questionsFor(doc, s.now())
	page := journeyPage{formPage: s.form(c, titleID), J: j, Qs: qs, ChildRef: c.Param("ref"), ChildName: doc.Child.Name, Of: len(qs), Meeting: meeting, Draft: draft, Key: draft.IdempotencyKey,
		Young: render.BandFor(render.AgeOn(doc.Child.DateOfBirth, s.now())) != render.Band13Plus}
	page.Values = draft.Answers
	return page, key, doc, nil
}

// journeyStep is the page of the question in the address; ErrNotFound when there is none.
func (s *Server) journeyStep(c echo.Context, j journey) (journeyPage, string, *document.Document, error) {
	page, key, doc, err := s.journeyPage(c, j, j.TitleID)
	if err != nil {
		return page, key, doc, err
	}
	i := slices.IndexFunc(page.Qs, func(q form.Question) bool { return q.ID == c.Param("step") })
	if i < 0 {
		return page, key, doc, echo.ErrNotFound
	}
	page.Step, page.Q, page.ToCheck = i+1, page.Qs[i], c.FormValue("to") == "check"
	page.Title = page.Q.Title(page.Translator, page.ChildName)
	if page.Young && page.Q.Picture != "" {
		page.Title = page.T("forms.q." + page.Q.ID + "_young")
	}
	return page, key, doc, nil
}

// journeyStart is the start page.
func (s *Server) journeyStart(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, _, _, err := s.journeyPage(c, j, j.TitleID)
		if err != nil {
			return err
		}
		return s.render(c, http.StatusOK, "journey-start", page)
	}
}

// journeyQuestion shows one question, with what the person already answered.
func (s *Server) journeyQuestion(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, _, _, err := s.journeyStep(c, j)
		if err != nil {
			return err
		}
		return s.render(c, http.StatusOK, "journey-question", page)
	}
}

// journeyAnswer saves one answer into the draft and goes on to the next question; an
// answer that is wrong or too long is shown again, as typed, with the error.
func (s *Server) journeyAnswer(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, key, doc, err := s.journeyStep(c, j)
		if err != nil {
			return err
		}
		q := page.Q
		posted, err := c.FormParams()
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "form")
		}
		typed := typedAnswers(q, posted)
		for _, f := range q.Fields() { // in the page's order, for the error summary
			if utf8.RuneCountInString(typed[f]) > maxAnswer {
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
			return s.render(c, http.StatusUnprocessableEntity, "journey-question", page)
		}
		for k, v := range typed {
			page.Draft.Answers[k] = v
		}
		p := principal(c)
		if err := s.store.SaveDraft(c.Request().Context(), p.PersonID, page.ChildRef, key, page.Draft); err != nil {
			return err
		}
		next := page.Base() + "/check"
		if page.Step < len(page.Qs) && !page.ToCheck {
			next = page.Base() + "/" + page.Qs[page.Step].ID
		}
		if q.ID == "safe" && typed["safe"] == "no" {
			return s.notSafe(c, page, key, doc, next)
		}
		return c.Redirect(http.StatusSeeOther, next)
	}
}

// typedAnswers are the fields of one question's page as posted: its answer (only known
// choices) and the details that go with its choices.
func typedAnswers(q form.Question, posted url.Values) map[string]string {
	typed := map[string]string{}
	for _, f := range q.Fields() {
		v := strings.TrimSpace(posted.Get(f))
		if f == q.ID && q.Kind != "text" {
			var picked []string
			for _, v := range posted[f] {
				if slices.Contains(q.AnswerChoices(), v) {
					picked = append(picked, v)
				}
			}
			if q.Kind != "checks" && len(picked) > 1 {
				picked = picked[:1]
			}
			v = strings.Join(picked, ",")
		}
		typed[f] = v
	}
	return typed
}

// notSafe tells a child who says they do not feel safe, at once and in their words, who to
// call now; their worker and the worker's manager get an urgent task, and a message when a
// notifier is configured.
func (s *Server) notSafe(c echo.Context, page journeyPage, key string, doc *document.Document, next string) error {
	ctx := c.Request().Context()
	p := principal(c)
	tell, err := s.store.RaiseUrgent(ctx, actorOf(p), p.PersonID, page.ChildRef, key)
	if err != nil {
		return err
	}
	en := s.renderer.Translator("en")
	for _, to := range tell {
		m := notify.Message{To: to, Subject: en.T("worker.urgent.subject", "Child", page.ChildRef), Body: en.T("worker.urgent.body", "Child", page.ChildRef)}
		if err := s.notifier.Send(ctx, m); err != nil {
			s.log.Error("tell staff a child does not feel safe", "err", err) // the task is on their page already
		}
	}
	council, err := s.store.Council(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page.Safety = &safetyContacts{OutOfHours: council.OutOfHoursPhone, Next: next}
	for _, m := range doc.Team {
		if m.Role == "social_worker" {
			page.Safety.Worker, page.Safety.WorkerPhone = m.Name, m.Phone
			break
		}
	}
	page.Title = page.T("forms.safe_now.title")
	return s.render(c, http.StatusOK, "journey-safe-now", page)
}

// journeyCheck shows every answer to check before sending.
func (s *Server) journeyCheck(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, _, _, err := s.journeyPage(c, j, "forms.check.title")
		if err != nil {
			return err
		}
		page.Answers = checkedAnswers(page.Translator, page.Qs, page.ChildName, page.Draft.Answers)
		return s.render(c, http.StatusOK, "journey-check", page)
	}
}

// answerWords says an answer in the reader's words, with its details.
func answerWords(tr locales.Translator, q form.Question, answers map[string]string) string {
	v := answers[q.ID]
	if v == "" {
		return tr.T("forms.not_answered")
	}
	if q.Kind == "text" {
		return v
	}
	var words []string
	for _, choice := range strings.Split(v, ",") {
		words = append(words, q.ChoiceWords(tr, choice))
		for _, more := range q.Details[choice] {
			if answers[more] != "" {
				words = append(words, answers[more])
			}
		}
	}
	if c := answers[q.ID+"_comment"]; q.Comment && c != "" {
		words = append(words, c)
	}
	return strings.Join(words, " · ")
}

// checkedAnswers are a form's questions and answers, in the reader's words.
func checkedAnswers(tr locales.Translator, qs []form.Question, childName string, answers map[string]string) []checkedAnswer {
	var out []checkedAnswer
	for _, q := range qs {
		out = append(out, checkedAnswer{Question: q.Title(tr, childName), Answer: answerWords(tr, q, answers), Step: q.ID})
	}
	return out
}

// journeySubmit sends the form. The same form sent twice is stored once and gets the same
// reference.
func (s *Server) journeySubmit(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, formKey, _, err := s.journeyPage(c, j, "forms.done.title")
		if err != nil {
			return err
		}
		key := field(c, "key")
		if key == "" {
			return echo.NewHTTPError(http.StatusBadRequest, "key")
		}
		p := principal(c)
		ref, err := s.store.Submit(c.Request().Context(), actorOf(p), p.PersonID, page.ChildRef, formKey, key, page.Draft.Answers)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, page.Base()+"/done/"+ref)
	}
}

// journeyDone is the confirmation, with the reference.
func (s *Server) journeyDone(j journey) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, _, _, err := s.journeyPage(c, j, "forms.done.title")
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
		return s.render(c, http.StatusOK, "journey-done", page)
	}
}

// sentItem is a form a family member sent, as their worker reads it.
type sentItem struct {
	store.Submission
	OwnWords bool // the child's own words
	Date     string
	Answers  []checkedAnswer
	Tasks    []string // message IDs of what the worker has to do about it
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
		{"disagree", hasAnswer(a, "part_", "disagree")},
		{"question", hasAnswer(a, "part_", "question")},
	} {
		if t.asks {
			tasks = append(tasks, "worker.sent.task."+t.id)
		}
	}
	return tasks
}

// hasAnswer reports whether any question whose ID starts with prefix has this answer.
func hasAnswer(answers map[string]string, prefix, answer string) bool {
	for id, v := range answers {
		if strings.HasPrefix(id, prefix) && v == answer {
			return true
		}
	}
	return false
}

// sentToWorker is what a child's family sent, newest first; the worker reading it marks it read.
// It also returns what the family said about each part of the plan, to show next to it.
func (s *Server) sentToWorker(c echo.Context, tr locales.Translator, ref string, doc *document.Document) ([]sentItem, map[string][]render.FamilySaid, error) {
	subs, err := s.store.Submissions(c.Request().Context(), ref, true)
	if err != nil {
		return nil, nil, err
	}
	items := make([]sentItem, len(subs))
	youSaid := map[string][]render.FamilySaid{}
	for i, sub := range subs {
		j := journeyOf(sub.Form)
		qs := j.questionsFor(doc, s.now())
		items[i] = sentItem{Submission: sub, Date: sub.Submitted.Format("2 Jan 2006 15:04"), Answers: checkedAnswers(tr, qs, doc.Child.Name, sub.Answers), OwnWords: j.Path == viewsJourney.Path, Tasks: sentTasks(sub.Answers)}
		for _, q := range qs {
			if v := sub.Answers[q.ID]; q.Part != "" && v != "" {
				youSaid[q.Part] = append(youSaid[q.Part], render.FamilySaid{By: sub.Person, Verdict: q.ChoiceWords(tr, v), Comment: sub.Answers[q.ID+"_comment"]})
			}
		}
	}
	return items, youSaid, nil
}
