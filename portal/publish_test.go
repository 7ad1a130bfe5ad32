package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/familyportal/portal/portal/store"
)

// publishLatest publishes a child's latest version as a worker does: from the publish
// page, with the version it shows, ticking the box.
func (c *client) publishLatest(t *testing.T, ref string) *http.Response {
	t.Helper()
	_, body := c.get(t, "/children/"+ref+"/publish")
	version, _ := page(t, body).Find(`input[name="version"]`).Attr("value")
	res, body := c.post(t, "/children/"+ref+"/publish", "/children/"+ref+"/publish", url.Values{"version": {version}, "confirm": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish %s: %d\n%s", ref, res.StatusCode, body)
	}
	return res
}

// TestPublishShowsWhatTheFamilyWillGet: the page lists the open findings, what is not
// translated for each member, and the withheld texts; publishing needs the box ticked and
// the version checked; the family is told in their language; taking it down hides it and
// is audited.
func TestPublishShowsWhatTheFamilyWillGet(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	worker := ts.asStaff(t, "worker")
	res, body := worker.get(t, "/children/C-1001/publish")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("publish page: %d", res.StatusCode)
	}
	doc := page(t, body)
	if n := doc.Find("#findings-h + p + ul li").Length(); n < 10 {
		t.Errorf("%d open findings listed", n)
	}
	languages := doc.Find("#languages-h").Parent().Text()
	for _, want := range []string{"Sara Khan", "Urdu (ur)", "Tomasz", "Polish (pl)", "texts not translated"} {
		if !strings.Contains(languages, want) {
			t.Errorf("translations part lacks %q:\n%s", want, languages)
		}
	}
	if n := doc.Find("#withheld-h").Parent().Find("dt").Length(); n != 3 {
		t.Errorf("%d withheld texts listed, want the demo's 3", n)
	}

	// Without the box ticked: refused, with the error summary.
	res, body = worker.post(t, "/children/C-1001/publish", "/children/C-1001/publish", url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, body).Find(".error-summary a[href='#confirm']").Length() != 1 {
		t.Errorf("unticked: %d", res.StatusCode)
	}
	// A version that is no longer the latest: refused.
	if res, _ := worker.post(t, "/children/C-1001/publish", "/children/C-1001/publish", url.Values{"version": {"7"}, "confirm": {"yes"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("stale version: %d", res.StatusCode)
	}

	// Sara has an email sign-in in Urdu: she is told in Urdu, with nothing of the plan.
	sara := ts.familyMember(t, "Sara Khan")
	if err := ts.store.SetSignIn(ctx, sara, "email_link", "", "sara@example.org"); err != nil {
		t.Fatal(err)
	}
	worker.publishLatest(t, "C-1001")
	outbox, _ := ts.store.Outbox(ctx, 10)
	var told *store.OutboxMessage
	for i := range outbox {
		if outbox[i].Recipient == "sara@example.org" {
			told = &outbox[i]
		}
	}
	if told == nil || !strings.Contains(told.Subject, "فیملی پورٹل") || strings.Contains(told.Body, "Amira") {
		t.Errorf("Sara's message: %+v", told)
	}

	// Taken down: the family sees nothing; the reason is audited.
	if res, _ := worker.post(t, "/children/C-1001/unpublish", "/children/C-1001/publish", url.Values{"reason": {""}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unpublish without a reason: %d", res.StatusCode)
	}
	if res, _ := worker.post(t, "/children/C-1001/unpublish", "/children/C-1001/publish", url.Values{"reason": {"sent to the wrong address"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", res.StatusCode)
	}
	if res, _ := ts.asFamily(t, "Sara Khan").get(t, "/children/C-1001/parent/F-1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("after taking it down, the parent still gets %d", res.StatusCode)
	}
	trail, _ := ts.store.AuditTrail(ctx, "child:C-1001", 100)
	found := false
	for _, e := range trail {
		found = found || (e.Action == store.ActionUnpublish && e.Detail == "sent to the wrong address")
	}
	if !found {
		t.Errorf("the unpublication is not audited")
	}
}

// familyMember is a demo family member's person id.
func (ts *testServer) familyMember(t *testing.T, name string) int64 {
	t.Helper()
	for _, f := range ts.people.Family {
		if f.Name == name {
			return f.PersonID
		}
	}
	t.Fatalf("no demo %s", name)
	return 0
}
