package portal

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

// storyPlan is a plan for C-3000 with a mother who reads Urdu and a father who reads
// English; urdu says whether every text has an Urdu translation.
func storyPlan(t *testing.T, urdu bool) *document.Document {
	t.Helper()
	text := func(en string) any {
		if !urdu {
			return en
		}
		return map[string]any{"text": en, "translations": map[string]string{"ur": "اردو: " + en}}
	}
	doc := map[string]any{
		"schema": "plan-document/v1",
		"child":  map[string]any{"ref": "C-3000", "name": "Zara Ahmed", "date_of_birth": "2016-05-01"},
		"family": []any{
			map[string]any{"ref": "F-1", "name": "Nadia Ahmed", "language": "ur"},
			map[string]any{"ref": "F-2", "name": "Sam Ahmed", "language": "en"},
		},
		"team": []any{map[string]any{"role": "social_worker", "name": "Jo Smith"}},
		"plan": map[string]any{"ref": "PL-1", "kind": "child_in_need", "why": text("Zara needs help at school.")},
		"meetings": []any{
			map[string]any{"ref": "M-0", "kind": "cin_meeting", "held_on": "2026-10-01", "summary": text("First meeting.")},
			map[string]any{"ref": "M-1", "kind": "cin_review", "held_on": "2026-11-16", "summary": text("The review.")},
		},
	}
	data, _ := json.Marshal(doc)
	d, err := document.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (ts *testServer) at(day string) {
	t, _ := time.Parse(time.DateOnly, day)
	*ts.clock = t.Add(10 * time.Hour)
}

func (ts *testServer) importPlan(t *testing.T, doc *document.Document) {
	t.Helper()
	ctx := context.Background()
	if _, err := ts.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	if err := ts.srv.promises.AfterImport(ctx, "test", doc); err != nil {
		t.Fatal(err)
	}
}

func minutesFor(t *testing.T, ts *testServer, member, meeting string) store.Promise {
	t.Helper()
	all, err := ts.store.ChildPromises(context.Background(), "C-3000")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if p.Rule == "minutes" && p.MemberRef == member && p.Subject == meeting {
			return p
		}
	}
	t.Fatalf("no minutes promise for %s about %s", member, meeting)
	return store.Promise{}
}

// TestMinutesReachEachFamilyMemberInTheirLanguage is the meeting-to-publication story.
func TestMinutesReachEachFamilyMemberInTheirLanguage(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ts.at("2026-11-17")
	ts.importPlan(t, storyPlan(t, false))
	var jo int64
	for _, s := range ts.people.Staff {
		if s.Role == store.KindWorker {
			p, _ := ts.store.StaffByEmail(context.Background(), s.Email)
			jo = p.ID
		}
	}
	if err := ts.store.Link(context.Background(), "test", jo, "C-3000", ""); err != nil {
		t.Fatal(err)
	}
	worker := ts.asStaff(t, store.KindWorker)

	// Before anything is published, the old meeting's minutes are late: the apology.
	_, body := worker.get(t, "/children/C-3000/parent/F-2?lang=en")
	if !strings.Contains(body, "They are late. We are sorry. You can ask your social worker why, or complain.") {
		t.Error("no apology for late minutes")
	}
	if p := minutesFor(t, ts, "F-1", "M-1"); p.Due.Format(time.DateOnly) != "2026-11-26" {
		t.Errorf("minutes of the meeting on 16 November due %s, want 2026-11-26 (10 days)", p.Due.Format(time.DateOnly))
	}

	// Published on 18 November in English only: kept for Sam, still open for Nadia. (A new
	// day: staff sessions last 12 hours, so the worker signs in again.)
	ts.at("2026-11-18")
	worker = ts.asStaff(t, store.KindWorker)
	if res := worker.publishLatest(t, "C-3000"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	if p := minutesFor(t, ts, "F-2", "M-1"); p.Status(*ts.clock) != "kept" || p.Kept.Format(time.DateOnly) != "2026-11-18" {
		t.Errorf("Sam's promise: %s on %v", p.Status(*ts.clock), p.Kept)
	}
	if p := minutesFor(t, ts, "F-1", "M-1"); !p.Kept.IsZero() {
		t.Errorf("Nadia's promise was kept by an English-only publication: %v", p.Kept)
	}
	if p := minutesFor(t, ts, "F-2", "M-0"); p.Status(*ts.clock) != "kept_late" {
		t.Errorf("the old meeting's minutes: %s, want kept_late", p.Status(*ts.clock))
	}

	// Translated into Urdu and published on 20 November: kept for Nadia on that day.
	ts.at("2026-11-20")
	worker = ts.asStaff(t, store.KindWorker)
	ts.importPlan(t, storyPlan(t, true))
	worker.publishLatest(t, "C-3000")
	if p := minutesFor(t, ts, "F-1", "M-1"); p.Status(*ts.clock) != "kept" || p.Kept.Format(time.DateOnly) != "2026-11-20" {
		t.Errorf("Nadia's promise: %s on %v, want kept on 2026-11-20", p.Status(*ts.clock), p.Kept)
	}
	_, body = worker.get(t, "/children/C-3000/parent/F-1?lang=en")
	for _, want := range []string{
		"We said we would send you the notes from the meeting on Monday 16 November 2026 by Thursday 26 November 2026. We sent them on Friday 20 November 2026.",
		"which was late. We are sorry.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("Nadia's page lacks %q", want)
		}
	}
	// And in her own language.
	_, body = worker.get(t, "/children/C-3000/parent/F-1")
	if page(t, body).Find("#promises li").Length() < 3 || strings.Contains(body, "We said we would") {
		t.Error("the promises are not in Urdu on her page")
	}
	// The worker's page lists them; the reminder waits on their start page.
	_, body = worker.get(t, "/children/C-3000")
	if page(t, body).Find("#promises tbody tr").Length() < 4 {
		t.Error("the worker's page does not list the promises")
	}
}

func TestWorkerRecordsEvents(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	worker := ts.asStaff(t, store.KindWorker)
	ts.at("2026-11-20") // a Friday
	post := func(kind, on string) int {
		res, _ := worker.post(t, "/children/C-1001/events", "/children/C-1001", map[string][]string{"kind": {kind}, "on": {on}})
		return res.StatusCode
	}
	if post("referral_received", "2026-11-19") != http.StatusSeeOther {
		t.Fatal("record a referral")
	}
	all, _ := ts.store.ChildPromises(context.Background(), "C-1001")
	var decision store.Promise
	for _, p := range all {
		if p.Rule == "referral_decision" {
			decision = p
		}
	}
	if decision.Due.Format(time.DateOnly) != "2026-11-20" {
		t.Errorf("referral decision due %v, want the next working day 2026-11-20", decision.Due)
	}
	_, body := worker.get(t, "/my")
	if !strings.Contains(body, "Due in the next 2 working days") {
		t.Error("no reminder on the worker's page")
	}
	post("referral_decided", "2026-11-20")
	all, _ = ts.store.ChildPromises(context.Background(), "C-1001")
	for _, p := range all {
		if p.Rule == "referral_decision" && p.Status(*ts.clock) != "kept" {
			t.Errorf("referral decision: %s", p.Status(*ts.clock))
		}
	}
	if post("made_up", "2026-11-20") != http.StatusBadRequest || post("child_seen", "2030-01-01") != http.StatusBadRequest {
		t.Error("an unknown event or a future date was accepted")
	}
}

func TestManagersDashboard(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	manager := ts.asStaff(t, store.KindManager)
	res, body := manager.get(t, "/team/promises")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d", res.StatusCode)
	}
	doc := page(t, body)
	if doc.Find("svg.chart[role=img][aria-label]").Length() != 1 {
		t.Error("no chart with a text alternative")
	}
	if !strings.Contains(doc.Find("table").First().Text(), "Jo Smith") {
		t.Error("the demo worker is not in the table by worker")
	}
	res, csvBody := manager.get(t, "/team/promises?format=csv")
	lines := strings.Split(strings.TrimSpace(csvBody), "\n")
	if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(lines) < 5 || !strings.HasPrefix(lines[0], "worker,child,rule") {
		t.Errorf("CSV: %s, %d lines", res.Header.Get("Content-Type"), len(lines))
	}
}

// TestRemindersGoOnceThroughTheNotifier: promises 2 working days or less from their date
// are sent to the worker, once each.
func TestRemindersGoOnceThroughTheNotifier(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	n, err := ts.srv.SendReminders(ctx)
	if err != nil || n == 0 {
		t.Fatalf("sent %d reminders (%v); the demo has minutes due in 2 days", n, err)
	}
	outbox, _ := ts.store.Outbox(ctx, 100)
	if len(outbox) != n || outbox[0].Recipient != "jo.smith@example.org" || !strings.Contains(outbox[0].Body, "Minutes") {
		t.Errorf("outbox = %+v", outbox)
	}
	if again, _ := ts.srv.SendReminders(ctx); again != 0 {
		t.Errorf("%d reminders sent twice", again)
	}
}

// TestEventsThroughTheAPI: a case management system with a token records an event; without
// one, or with a bad body, it is told plainly in JSON.
func TestEventsThroughTheAPI(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	token, err := ts.srv.IssueAPIToken(context.Background(), "test", "Mosaic", "")
	if err != nil {
		t.Fatal(err)
	}
	call := func(token, body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/children/C-1001/events", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := call("", `{"kind":"referral_received","on":"2026-11-20"}`); code != http.StatusUnauthorized {
		t.Errorf("no token: %d", code)
	}
	if code, _ := call("not-the-token", `{"kind":"referral_received","on":"2026-11-20"}`); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", code)
	}
	code, body := call(token, `{"kind":"made_up","on":"13/11/2026"}`)
	if code != http.StatusBadRequest || !strings.Contains(body, `"$.kind"`) || !strings.Contains(body, `"$.on"`) {
		t.Errorf("bad event: %d %s", code, body)
	}
	if code, body := call(token, `{"kind":"referral_received","on":"2026-11-20"}`); code != http.StatusCreated {
		t.Fatalf("good event: %d %s", code, body)
	}
	all, _ := ts.store.ChildPromises(context.Background(), "C-1001")
	found := false
	for _, p := range all {
		found = found || p.Rule == "referral_decision"
	}
	if !found {
		t.Error("the referral started no promise")
	}
	trail, _ := ts.store.AuditTrail(context.Background(), "child:C-1001", 5)
	if len(trail) == 0 || trail[0].Actor != "system:Mosaic" {
		t.Errorf("the event is not audited as the system: %+v", trail)
	}
}
