package portal

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const thoughtsURL = "/children/C-1001/thoughts"

// answer posts one question's page of the thoughts and comments form.
func answer(t *testing.T, c *client, step string, values url.Values) (*http.Response, string) {
	t.Helper()
	return c.post(t, thoughtsURL+"/"+step, thoughtsURL+"/"+step, values)
}

// sendThoughts posts the check-answers page with the key it carries.
func sendThoughts(t *testing.T, c *client) (key string) {
	t.Helper()
	_, body := c.get(t, thoughtsURL+"/check")
	key, ok := page(t, body).Find(`input[name="key"]`).Attr("value")
	if !ok {
		t.Fatalf("the check answers page has no idempotency key:\n%s", body)
	}
	return key
}

var referenceIn = regexp.MustCompile(`/thoughts/done/(TC-[0-9A-Z]{6})$`)

// TestThoughtsAndCommentsInUrdu is the whole journey as Sara, who reads Urdu: every page
// in her language, an error that keeps what she typed, the reference, and her worker
// reading it with the agenda point and call-back as tasks.
func TestThoughtsAndCommentsInUrdu(t *testing.T) {
	ts := newTestServer(t, Config{})
	ur := ts.srv.renderer.Translator("ur")
	sara := ts.asFamily(t, "Sara Khan")

	res, body := sara.get(t, thoughtsURL)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, ur.T("forms.thoughts.title")) {
		t.Fatalf("start page: %d, no Urdu title\n%s", res.StatusCode, body)
	}
	worry := `آمنہ اسکول میں <b>خوش</b> نہیں ہے`
	steps := []struct {
		step   string
		values url.Values
	}{
		{"going_well", url.Values{"going_well": {"ہم ہر روز ساتھ کھانا کھاتے ہیں"}}},
		{"worries", url.Values{"worries": {worry}}},
		{"agenda", url.Values{"agenda": {"اسکول بس"}}},
		{"who", url.Values{"who": {"میری بہن"}}},
		{"time_place", url.Values{"time_place": {"yes"}}},
		{"needs", url.Values{"needs": {"interpreter", "childcare", "not-a-choice"}}},
		{"advocate", url.Values{"advocate": {"help"}}},
	}
	for _, s := range steps {
		if res, body := answer(t, sara, s.step, s.values); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", s.step, res.StatusCode, body)
		}
	}
	// Asking for a call without a number: the error summary in Urdu, the time she typed kept.
	res, body = answer(t, sara, "phone", url.Values{"phone": {"yes"}, "phone_when": {"شام چھ بجے کے بعد"}})
	doc := page(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("phone without a number: %d", res.StatusCode)
	}
	if got := doc.Find(".error-summary a").Text(); got != ur.T("forms.error.phone") {
		t.Errorf("error summary %q, want the Urdu message %q", got, ur.T("forms.error.phone"))
	}
	if v, _ := doc.Find("#phone_when").Attr("value"); v != "شام چھ بجے کے بعد" {
		t.Errorf("the time typed was lost: %q", v)
	}
	if _, ok := doc.Find("#phone").Attr("checked"); !ok {
		t.Error("the Yes chosen was lost")
	}
	if !strings.Contains(body, "خرابی:") || strings.Contains(body, ">Error:") {
		t.Error("the field's error prefix is not in Urdu")
	}
	if res, body := answer(t, sara, "phone", url.Values{"phone": {"yes"}, "phone_number": {"07700 900123"}, "phone_when": {"شام چھ بجے کے بعد"}}); res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/check") {
		t.Fatalf("last question: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}

	_, body = sara.get(t, thoughtsURL+"/check")
	for _, want := range []string{"آمنہ اسکول میں &lt;b&gt;خوش&lt;/b&gt;", ur.T("forms.needs.interpreter"), ur.T("forms.advocate.help"), "07700 900123"} {
		if !strings.Contains(body, want) {
			t.Errorf("check answers page lacks %q", want)
		}
	}
	if strings.Contains(body, "<b>خوش</b>") {
		t.Error("an answer reached the page unescaped")
	}
	key := sendThoughts(t, sara)
	res, _ = sara.post(t, thoughtsURL+"/check", thoughtsURL+"/check", url.Values{"key": {key}})
	m := referenceIn.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("send: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	ref := m[1]
	if res, body := sara.get(t, thoughtsURL+"/done/"+ref); res.StatusCode != http.StatusOK || !strings.Contains(body, ref) || !strings.Contains(body, ur.T("forms.done.title")) {
		t.Errorf("confirmation: %d, want the reference %s in Urdu\n%s", res.StatusCode, ref, body)
	}
	// A reference that is not hers is not shown to her.
	if res, _ := sara.get(t, thoughtsURL+"/done/TC-AAAAAA"); res.StatusCode != http.StatusNotFound {
		t.Errorf("someone else's reference: %d", res.StatusCode)
	}
	// Sent, the draft is gone: a new form starts empty.
	if _, body := sara.get(t, thoughtsURL+"/worries"); strings.Contains(body, "خوش") {
		t.Error("the draft was kept after sending")
	}

	worker := ts.asStaff(t, "worker")
	if _, body := worker.get(t, "/my"); !strings.Contains(body, ref) {
		t.Error("the worker's start page does not list the new submission")
	}
	_, body = worker.get(t, "/children/C-1001")
	sent := page(t, body).Find("#sent").Text()
	for _, want := range []string{ref, "Sara Khan", "New", "اسکول بس", "07700 900123", "Add their points to the meeting's agenda", "Phone them back", "Help them find an advocate"} {
		if !strings.Contains(sent, want) {
			t.Errorf("the worker's page lacks %q in what the family sent", want)
		}
	}
	if _, body := worker.get(t, "/children/C-1001"); strings.Contains(page(t, body).Find("#sent").Text(), "New") {
		t.Error("read once, the submission is still new")
	}
	// Answered, it leaves the worker's start page and says so on the child's.
	if res, _ := worker.post(t, "/children/C-1001/sent/"+ref+"/answered", "/children/C-1001", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark answered: %d", res.StatusCode)
	}
	if _, body := worker.get(t, "/my"); strings.Contains(body, ref) {
		t.Error("answered, the submission is still on the worker's start page")
	}
	if _, body := worker.get(t, "/children/C-1001"); !strings.Contains(page(t, body).Find("#sent-"+ref).Text(), "Answered") {
		t.Error("the child's page does not say the submission was answered")
	}
	trail, _ := ts.store.AuditTrail(context.Background(), "child:C-1001", 1000)
	found := false
	for _, e := range trail {
		found = found || e.Action == "form.submit" && strings.Contains(e.Detail, ref)
	}
	if !found {
		t.Error("the submission is not in the audit trail")
	}
}

// TestSameFormSentTwiceIsStoredOnce sends the same form at once from many tabs: one
// submission, the same reference for every answer.
func TestSameFormSentTwiceIsStoredOnce(t *testing.T) {
	ts := newTestServer(t, Config{})
	sara := ts.asFamily(t, "Sara Khan")
	answer(t, sara, "worries", url.Values{"worries": {"Sent twice"}})
	key := sendThoughts(t, sara)
	csrf := sara.csrf(t, thoughtsURL+"/check")
	const tabs = 8
	locations := make([]string, tabs)
	var wg sync.WaitGroup
	for i := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := sara.PostForm(ts.URL+thoughtsURL+"/check", url.Values{"csrf": {csrf}, "key": {key}})
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			locations[i] = res.Header.Get("Location")
		}()
	}
	wg.Wait()
	for _, l := range locations {
		if l != locations[0] || referenceIn.FindString(l) == "" {
			t.Fatalf("the same form got different answers: %q", locations)
		}
	}
	subs, err := ts.store.Submissions(context.Background(), "C-1001", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 {
		t.Errorf("%d submissions stored, want 1", len(subs))
	}
}

// TestTooLongAnswerKeepsTheDraft sends a 100 KB answer: a plain message in Urdu, and the
// answer saved before is still there.
func TestTooLongAnswerKeepsTheDraft(t *testing.T) {
	ts := newTestServer(t, Config{})
	ur := ts.srv.renderer.Translator("ur")
	sara := ts.asFamily(t, "Sara Khan")
	answer(t, sara, "worries", url.Values{"worries": {"What I wrote first"}})
	long := strings.Repeat("بہت لمبا ", 100*1024/len("بہت لمبا "))
	res, body := answer(t, sara, "worries", url.Values{"worries": {long}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("100 KB answer: %d", res.StatusCode)
	}
	if got, want := page(t, body).Find(".error-summary a").Text(), ur.T("forms.too_long", "Max", maxAnswer); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if _, body := sara.get(t, thoughtsURL+"/worries"); !strings.Contains(body, "What I wrote first") {
		t.Error("the draft was lost")
	}
}

// TestDraftSurvivesARestart saves an answer, restarts the server on the same file, and
// finds the answer again.
func TestDraftSurvivesARestart(t *testing.T) {
	ts := newTestServer(t, Config{})
	sara := ts.asFamily(t, "Sara Khan")
	if res, _ := answer(t, sara, "agenda", url.Values{"agenda": {"Saved before the restart"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: %d", res.StatusCode)
	}
	ts.restart(t)
	res, body := sara.get(t, thoughtsURL+"/agenda")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Saved before the restart") {
		t.Errorf("after a restart: %d, the draft is gone", res.StatusCode)
	}
}

// TestThoughtsOnlyAboutYourChild: a parent of another child cannot send a form about this
// one.
func TestThoughtsOnlyAboutYourChild(t *testing.T) {
	w := newAccessWorld(t)
	other := w.as(t, "other parent")
	for _, step := range []string{"worries", "check"} {
		res, _ := other.post(t, thoughtsURL+"/"+step, "/my", url.Values{"worries": {"not mine"}, "key": {"K"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s about another family's child: %d", step, res.StatusCode)
		}
	}
	if subs, _ := w.store.Submissions(context.Background(), "C-1001", false); len(subs) != 0 {
		t.Errorf("%d submissions stored for the wrong family", len(subs))
	}
}

// TestChildWhoDoesNotFeelSafe: Bilal says in My views that he does not feel safe. He is
// told at once who to phone; his worker and her manager get an urgent task on their page
// and a message; saying it again in the same form raises nothing new.
func TestChildWhoDoesNotFeelSafe(t *testing.T) {
	ts := newTestServer(t, Config{})
	bilal := ts.asFamily(t, "Bilal Khan")
	const views = "/children/C-1002/views"
	if res, body := bilal.post(t, views+"/hard", views+"/hard", url.Values{"hard": {"Getting home from school"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("hard: %d\n%s", res.StatusCode, body)
	}
	res, body := bilal.post(t, views+"/safe", views+"/safe", url.Values{"safe": {"no"}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("not safe: %d, want the page of who to phone now", res.StatusCode)
	}
	help := page(t, body).Find("main").Text()
	for _, want := range []string{"Jo Smith", "024 7683 1042", "024 7683 2000", "0800 1111", "999"} {
		if !strings.Contains(help, want) {
			t.Errorf("the child is not told %q", want)
		}
	}
	bilal.post(t, views+"/safe", views+"/safe", url.Values{"safe": {"no"}})

	for _, role := range []string{"worker", "manager"} {
		if _, body := ts.asStaff(t, role).get(t, "/my"); !strings.Contains(page(t, body).Find(".notice--safety").Text(), "Bilal Khan said they do not feel safe") {
			t.Errorf("the %s's page has no urgent task", role)
		}
	}
	outbox, err := ts.store.Outbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	told := map[string]int{}
	for _, m := range outbox {
		if strings.HasPrefix(m.Subject, "Urgent") {
			told[m.Recipient]++
		}
	}
	if told["jo.smith@example.org"] != 1 || len(told) != 2 {
		t.Errorf("messages sent: %v, want one each to the worker and her manager", told)
	}
	tasks, _ := ts.store.UrgentTasks(context.Background(), []string{"C-1002"})
	if len(tasks) != 1 {
		t.Errorf("%d urgent tasks, want 1", len(tasks))
	}
	// In their own words on the worker's page, once sent.
	key := func() string {
		_, body := bilal.get(t, views+"/check")
		k, _ := page(t, body).Find(`input[name="key"]`).Attr("value")
		return k
	}()
	if res, _ := bilal.post(t, views+"/check", views+"/check", url.Values{"key": {key}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("send: %d", res.StatusCode)
	}
	if _, body := ts.asStaff(t, "worker").get(t, "/children/C-1002"); !strings.Contains(page(t, body).Find("#sent").Text(), "In their own words") {
		t.Error("the worker's page does not show My views as the child's own words")
	}
}

// TestTellUsWhatYouThinkAfterTheMeeting: Sara answers each part of Amira's plan and the
// meeting; she disagrees with one part and asks about another, and her worker gets both
// as tasks with her words next to the part they are about.
func TestTellUsWhatYouThinkAfterTheMeeting(t *testing.T) {
	ts := newTestServer(t, Config{})
	ur := ts.srv.renderer.Translator("ur")
	sara := ts.asFamily(t, "Sara Khan")
	const after = "/children/C-1001/after"
	_, body := sara.get(t, after)
	first, _ := page(t, body).Find("main a.button").Attr("href")
	if first != after+"/part_why" {
		t.Fatalf("the first question is %q, want the plan's first part", first)
	}
	_, body = sara.get(t, after+"/part_worries")
	want := ur.T("forms.after.part", "Part", ur.T("parent.section.worries"))
	if got := page(t, body).Find("h1").Text(); got != want {
		t.Errorf("question %q, want %q", got, want)
	}
	for step, values := range map[string]url.Values{
		"part_worries":    {"part_worries": {"disagree"}, "part_worries_comment": {"اسکول ٹھیک ہے"}},
		"part_actions":    {"part_actions": {"question"}, "part_actions_comment": {"Who takes Amira to the doctor?"}},
		"listened":        {"listened": {"partly"}},
		"interpreter":     {"interpreter": {"no"}},
		"meeting_comment": {"meeting_comment": {"The room was too small."}},
	} {
		if res, body := sara.post(t, after+"/"+step, after+"/"+step, values); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", step, res.StatusCode, body)
		}
	}
	_, body = sara.get(t, after+"/check")
	check := page(t, body).Find(".check-answers").Text()
	for _, want := range []string{ur.T("forms.verdict.disagree") + " · اسکول ٹھیک ہے", ur.T("forms.rating.partly"), ur.T("forms.interpreter.no")} {
		if !strings.Contains(check, want) {
			t.Errorf("check answers lacks %q", want)
		}
	}
	key, _ := page(t, body).Find(`input[name="key"]`).Attr("value")
	if res, _ := sara.post(t, after+"/check", after+"/check", url.Values{"key": {key}}); !strings.Contains(res.Header.Get("Location"), "/after/done/TC-") {
		t.Fatalf("send: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = ts.asStaff(t, "worker").get(t, "/children/C-1001")
	sent := page(t, body).Find("#sent").Text()
	for _, want := range []string{"They do not agree with part of the plan", "Answer their questions", "What we are worried about", "I do not agree · اسکول ٹھیک ہے", "Who takes Amira to the doctor?", "The room was too small."} {
		if !strings.Contains(sent, want) {
			t.Errorf("the worker's page lacks %q", want)
		}
	}
	// "You said, we did": each answer next to the part of the plan it is about.
	plan := page(t, body).Find("#plan")
	worries := plan.Find("h3").FilterFunction(func(_ int, h *goquery.Selection) bool { return h.Text() == "What we are worried about" }).NextAll().Filter(".you-said").First().Text()
	if !strings.Contains(worries, "Sara Khan") || !strings.Contains(worries, "I do not agree") || !strings.Contains(worries, "اسکول ٹھیک ہے") {
		t.Errorf("next to the worries in the plan: %q", worries)
	}
	if actions := page(t, body).Find("#actions .you-said").Text(); !strings.Contains(actions, "Who takes Amira to the doctor?") {
		t.Errorf("next to the actions: %q", actions)
	}
}

// TestMyViewsWithPicturesForAYoungerChild: Amira is 11, so her mother fills in My
// views with her: a note for the grown-up, a picture and simpler words on each question.
func TestMyViewsWithPicturesForAYoungerChild(t *testing.T) {
	ts := newTestServer(t, Config{})
	ur := ts.srv.renderer.Translator("ur")
	sara := ts.asFamily(t, "Sara Khan")
	if _, body := sara.get(t, "/children/C-1001/views"); !strings.Contains(page(t, body).Find("main").Text(), ur.T("forms.views.with_adult")) {
		t.Error("no note for the grown-up on the start page")
	}
	_, body := sara.get(t, "/children/C-1001/views/hard")
	doc := page(t, body)
	if got := doc.Find("h1").Text(); got != ur.T("forms.q.hard_young") {
		t.Errorf("question %q, want the younger child's words %q", got, ur.T("forms.q.hard_young"))
	}
	if doc.Find("h1 .question-picture svg").Length() != 1 {
		t.Error("no picture with the question")
	}
	// Bilal is 16: the usual words, no picture.
	bilal := ts.asFamily(t, "Bilal Khan")
	_, body = bilal.get(t, "/children/C-1002/views/hard")
	if doc := page(t, body); doc.Find(".question-picture").Length() != 0 || doc.Find("h1").Text() != ts.srv.renderer.Translator("en").T("forms.q.hard") {
		t.Errorf("a 16-year-old got the younger child's page: %q", doc.Find("h1").Text())
	}
}
