package portal

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document/examples"
)

// upload sends a plan document as the upload form does, as a file.
func (c *client) upload(t *testing.T, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", c.csrf(t, "/plans/new"))
	part, _ := w.CreateFormFile("document", name)
	part.Write(data)
	w.Close()
	res, err := c.Post(c.ts.URL+"/plans", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	return res, string(got)
}

// TestUploadAPlan: a broken document is refused with its problems named as a worker knows
// the fields, and nothing is stored; a good one for a new child becomes version 1, on the
// uploader's caseload; a child on someone else's caseload is refused.
func TestUploadAPlan(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	worker := ts.asStaff(t, "worker")
	broken, _ := examples.File("broken.json")
	res, body := worker.upload(t, "broken.json", broken)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("broken document: %d", res.StatusCode)
	}
	doc := page(t, body)
	if doc.Find(".error-summary a[href='#document']").Length() != 1 {
		t.Errorf("no error summary pointing at the file field")
	}
	for _, want := range []string{"Child: date of birth", "Plan: action 3: by when", "$.plan.actions[2].by"} {
		if !strings.Contains(doc.Find("table").Text(), want) {
			t.Errorf("the problems do not name %q", want)
		}
	}
	if _, err := ts.store.ChildCouncil(context.Background(), "C-9001"); err == nil {
		t.Errorf("a broken document was stored")
	}

	amira, _ := examples.File("amira.json")
	leo := bytes.ReplaceAll(amira, []byte(`"C-1001"`), []byte(`"C-4001"`))
	res, _ = worker.upload(t, "leo.json", leo)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/children/C-4001/review?imported=1" {
		t.Fatalf("good document: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// The new child is on the uploader's caseload: a fresh sign-in sees them.
	if res, _ := ts.asStaff(t, "worker").get(t, "/children/C-4001/review"); res.StatusCode != http.StatusOK {
		t.Errorf("the uploader cannot review their new child: %d", res.StatusCode)
	}
	// Pasted text that is wrong is kept, so nothing typed is lost.
	res, body = worker.post(t, "/plans", "/plans/new", url.Values{"pasted": {`{"schema": "plan-document/v1"`}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page(t, body).Find("#pasted").Text(), `"plan-document/v1"`) {
		t.Errorf("pasted document: %d, pasted text kept: %v", res.StatusCode, strings.Contains(body, "plan-document/v1"))
	}
	// Someone else's child.
	other := ts.newWorker(t, "Pat Other", "pat.other@example.org")
	res, body = other.upload(t, "amira.json", amira)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not on your caseload") {
		t.Errorf("another worker's child: %d", res.StatusCode)
	}
}

// TestReviewMakesANewVersion: the findings show inline; saving the child's wording, or
// accepting a suggestion, makes a new version with who and when in the audit trail; a
// change to the parents' words removes that text's translations; an edit to an old version
// is refused with the words kept.
func TestReviewMakesANewVersion(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	worker := ts.asStaff(t, "worker")
	res, body := worker.get(t, "/children/C-1001/review")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("review: %d", res.StatusCode)
	}
	doc := page(t, body)
	why := doc.Find("#plan-why")
	if why.Find("mark").Length() < 5 || !strings.Contains(why.Find(".findings").Text(), "the team that looks at new worries") {
		t.Errorf("the findings of the why are not shown inline:\n%s", why.Text())
	}
	if doc.Find("iframe[src='/children/C-1001/journey']").Length() != 1 || doc.Find("iframe[src='/children/C-1001/parent/F-1?lang=ur']").Length() != 1 {
		t.Errorf("the family's versions are not side by side")
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self'") {
		t.Errorf("CSP %q does not let the preview frames load", csp)
	}
	// The framed family page allows this site, and only this site, to frame it for staff.
	if res, _ := worker.get(t, "/children/C-1001/journey"); res.Header.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("the journey cannot be framed by the review page")
	}

	save := func(values url.Values) (*http.Response, string) {
		return worker.post(t, "/children/C-1001/review", "/children/C-1001/review", values)
	}
	latest := func() *store.PlanVersion {
		_, v, err := ts.store.PlanDocument(ctx, "C-1001", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	// The child's wording of the first worry.
	res, _ = save(url.Values{"path": {"$.plan.worries[0]"}, "base": {"1"}, "text": {docText(t, ts, "$.plan.worries[0]").Text}, "for_child": {"Sometimes grown-ups at home shout.\r\nThat is scary."}})
	if res.StatusCode != http.StatusSeeOther || latest().Version != 2 {
		t.Fatalf("save: %d, version %d", res.StatusCode, latest().Version)
	}
	if got := docText(t, ts, "$.plan.worries[0]"); got.ForChild != "Sometimes grown-ups at home shout.\nThat is scary." {
		t.Errorf("child's wording saved as %q", got.ForChild)
	}
	// Accept the first suggestion in going_well[2] ("CIN plan").
	res, _ = save(url.Values{"path": {"$.plan.going_well[2]"}, "base": {"2"}, "field": {"text"}, "accept": {"0"}, "term": {"CIN plan"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", res.StatusCode)
	}
	if got := docText(t, ts, "$.plan.going_well[2]").Text; !strings.Contains(got, "plan for the help your family will get") || strings.Contains(got, "CIN plan") {
		t.Errorf("suggestion not applied: %q", got)
	}
	// Changing the words of a translated text removes its translations.
	translated := "$.plan.why"
	if len(docText(t, ts, translated).Translations) == 0 {
		t.Fatalf("%s has no translations to start with", translated)
	}
	res, _ = save(url.Values{"path": {translated}, "base": {"3"}, "text": {"We are working with you because Amira told her teacher about shouting at home."}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "dropped=") {
		t.Fatalf("reword: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if got := docText(t, ts, translated); len(got.Translations) != 0 {
		t.Errorf("old translations kept after the English changed: %v", got.Translations)
	}
	// An edit to version 1 when 4 is the latest is refused, and the words typed are kept.
	res, body = save(url.Values{"path": {"$.plan.worries[0]"}, "base": {"1"}, "text": {"Words typed on an old page"}})
	if res.StatusCode != http.StatusConflict || page(t, body).Find("#text-plan-worries-0").Text() != "Words typed on an old page" {
		t.Errorf("stale edit: %d", res.StatusCode)
	}
	// Empty parents' words are refused; a withheld text cannot be edited from here.
	if res, _ := save(url.Values{"path": {"$.plan.worries[0]"}, "base": {"4"}, "text": {"  "}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty words: %d", res.StatusCode)
	}
	history, _ := ts.store.PlanHistory(ctx, "C-1001", "PL-77")
	if len(history) != 4 {
		t.Errorf("%d versions, want 4", len(history))
	}
	trail, _ := ts.store.AuditTrail(ctx, "child:C-1001", 100)
	reviews := 0
	for _, e := range trail {
		if e.Action == store.ActionImport && strings.Contains(e.Detail, "review: ") && strings.HasPrefix(e.Actor, "person:") {
			reviews++
		}
	}
	if reviews != 3 {
		t.Errorf("%d review edits in the audit trail, want 3", reviews)
	}
}

// docText reads a text of the latest version of Amira's plan.
func docText(t *testing.T, ts *testServer, path string) documentText {
	t.Helper()
	doc, _, err := ts.store.PlanDocument(context.Background(), "C-1001", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	text := findText(doc, path)
	if text == nil {
		t.Fatalf("no text %s", path)
	}
	return documentText{Text: text.Text, ForChild: text.ForChild, Translations: text.Translations}
}

type documentText struct {
	Text, ForChild string
	Translations   map[string]string
}

// newWorker adds a worker with no children and signs them in.
func (ts *testServer) newWorker(t *testing.T, name, email string) *client {
	t.Helper()
	const password = "a long passphrase for tests"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.CreatePerson(context.Background(), "test", store.Person{Kind: store.KindWorker, Name: name, Email: email, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	return ts.staffClient(t, email, password)
}
