package portal

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

var today = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

type testServer struct {
	*httptest.Server
	cfg    Config
	path   string     // the SQLite file
	clock  *time.Time // what "now" is for the server and its store; tests may move it
	srv    *Server
	store  *store.Store
	people demo.People
	logs   *strings.Builder
}

// newTestServer starts the real server on a real SQLite file with the demo council, family
// and staff in it.
func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ctx := context.Background()
	clock := today
	path := filepath.Join(t.TempDir(), "portal.db")
	st, err := store.Open(ctx, path, store.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	_, people, err := demo.Seed(ctx, st, today)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ts := &testServer{cfg: cfg, path: path, clock: &clock, people: people}
	ts.start(t)
	return ts
}

// start opens the store on the test's SQLite file and starts a server on it, as a new
// process would.
func (ts *testServer) start(t testing.TB) {
	t.Helper()
	now := func() time.Time { return *ts.clock }
	st, err := store.Open(context.Background(), ts.path, store.WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(catalog)
	if err != nil {
		t.Fatal(err)
	}
	logs := &strings.Builder{}
	srv, err := New(ts.cfg, st, r, nil, slog.New(slog.NewTextHandler(logs, nil)), now)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server, ts.srv, ts.store, ts.logs = httptest.NewServer(srv.Handler()), srv, st, logs
	server := ts.Server
	t.Cleanup(func() { server.Close(); srv.WaitForJobs(context.Background()); st.Close() })
}

// stop stops the server and closes its store.
func (ts *testServer) stop() {
	ts.Server.Close()
	ts.srv.WaitForJobs(context.Background())
	ts.store.Close()
}

// restart stops the server and starts a new one on the same SQLite file, at a new address;
// the clients' cookies still hold (they are kept by host, not port).
func (ts *testServer) restart(t testing.TB) {
	t.Helper()
	ts.stop()
	ts.start(t)
}

// client is a browser-like HTTP client with its own cookies that does not follow redirects.
type client struct {
	*http.Client
	ts *testServer
}

func (ts *testServer) newClient(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, ts: ts}
}

func (c *client) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(c.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// csrf reads the CSRF token from a form on a page.
func (c *client) csrf(t testing.TB, path string) string {
	t.Helper()
	_, body := c.get(t, path)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	token, ok := doc.Find(`input[name="csrf"]`).First().Attr("value")
	if !ok {
		t.Fatalf("no CSRF token on %s", path)
	}
	return token
}

// post sends a form with the CSRF token from formPage (none when formPage is "").
func (c *client) post(t testing.TB, path, formPage string, values url.Values) (*http.Response, string) {
	t.Helper()
	if values == nil {
		values = url.Values{}
	}
	if formPage != "" {
		values.Set("csrf", c.csrf(t, formPage))
	}
	res, err := c.PostForm(c.ts.URL+path, values)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// asStaff signs a client in with a demo staff account.
func (ts *testServer) asStaff(t testing.TB, role string) *client {
	t.Helper()
	for _, s := range ts.people.Staff {
		if s.Role == role {
			return ts.staffClient(t, s.Email, s.Password)
		}
	}
	t.Fatalf("no demo %s", role)
	return nil
}

func (ts *testServer) staffClient(t testing.TB, email, password string) *client {
	t.Helper()
	c := ts.newClient(t)
	res, body := c.post(t, "/staff/sign-in", "/staff/sign-in", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("staff sign-in as %s: %d\n%s", email, res.StatusCode, body)
	}
	return c
}

// asFamily signs a client in with a new invite code for a demo family member or young person.
func (ts *testServer) asFamily(t testing.TB, name string) *client {
	t.Helper()
	for _, f := range ts.people.Family {
		if f.Name == name {
			return ts.codeClient(t, f.PersonID)
		}
	}
	t.Fatalf("no demo %s", name)
	return nil
}

func (ts *testServer) codeClient(t testing.TB, personID int64) *client {
	t.Helper()
	code, err := ts.srv.IssueInvite(context.Background(), "test", personID)
	if err != nil {
		t.Fatal(err)
	}
	c := ts.newClient(t)
	res, body := c.post(t, "/sign-in", "/sign-in", url.Values{"code": {code}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with a code: %d\n%s", res.StatusCode, body)
	}
	return c
}

// get is a request from nobody signed in.
func (ts *testServer) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	return ts.newClient(t).get(t, path)
}

func page(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestHealth(t *testing.T) {
	ts := newTestServer(t, Config{})
	res, body := ts.get(t, "/healthz")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"database":"ok"`) {
		t.Errorf("healthz = %d %s", res.StatusCode, body)
	}
	ts.store.Close()
	res, body = ts.get(t, "/healthz")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database closed = %d %s, want 503", res.StatusCode, body)
	}
}

// TestNobodySignedInSeesNoPlan: without sign-in every child page sends you to sign in,
// and the start page names no child.
func TestNobodySignedInSeesNoPlan(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	for _, path := range []string{"/children/C-1001", "/children/C-1001/parent/F-1", "/children/C-1001/journey", "/my"} {
		res, _ := ts.get(t, path)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/sign-in?next=") {
			t.Errorf("GET %s signed out: %d to %q, want a redirect to sign in", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if _, body := ts.get(t, "/"); strings.Contains(body, "Amira") || strings.Contains(body, "C-1001") {
		t.Error("the start page names a child")
	}
}

func TestWorkerSeesAndAuditsTheirChild(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	jo := ts.asStaff(t, store.KindWorker)
	res, body := jo.get(t, "/children/C-1001")
	if res.StatusCode != http.StatusOK || !strings.Contains(page(t, body).Find("h1").First().Text(), "Amira Khan") {
		t.Fatalf("worker view = %d", res.StatusCode)
	}
	trail, err := ts.store.AuditTrail(context.Background(), "child:C-1001", 5)
	if err != nil || len(trail) == 0 || trail[0].Action != store.ActionView || !strings.HasPrefix(trail[0].Actor, "person:") {
		t.Errorf("the view was not audited as the worker: %+v %v", trail, err)
	}
}

func TestPlanVersionsArePages(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	docs, err := demo.Documents(today)
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Doc.Plan.Why.Text = "A newer wording of why."
	if _, err := ts.store.Import(context.Background(), "test", docs[:1]); err != nil {
		t.Fatal(err)
	}
	jo := ts.asStaff(t, store.KindWorker)
	_, body := jo.get(t, "/children/C-1001")
	if !strings.Contains(body, "A newer wording of why.") {
		t.Error("the latest version is not shown to the worker")
	}
	if !strings.Contains(body, `href="/children/C-1001?plan=PL-77&amp;version=1"`) {
		t.Error("no link to version 1")
	}
	_, old := jo.get(t, "/children/C-1001?plan=PL-77&version=1")
	if strings.Contains(old, "A newer wording of why.") {
		t.Error("version 1 shows the newer wording")
	}
	// The family still sees the published version until the new one is published.
	sara := ts.asFamily(t, "Sara Khan")
	if _, body := sara.get(t, "/children/C-1001/parent/F-1?lang=en"); strings.Contains(body, "A newer wording of why.") {
		t.Error("the family sees a version that was not published")
	}
}

func TestErrorsArePlainPages(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	jo := ts.asStaff(t, store.KindWorker)
	tests := []struct {
		path   string
		status int
		title  string
	}{
		{"/children/C-404", http.StatusNotFound, "Page not found"},
		{"/no/such/page", http.StatusNotFound, "Page not found"},
		{"/children/C-1001?version=abc", http.StatusBadRequest, "Sorry, we could not understand that request"},
		{"/children/C-1001?version=99", http.StatusNotFound, "Page not found"},
	}
	for _, tt := range tests {
		res, body := jo.get(t, tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
		}
		if got := page(t, body).Find("h1").Text(); got != tt.title {
			t.Errorf("%s: h1 = %q, want %q", tt.path, got, tt.title)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no CSP on the error page", tt.path)
		}
	}
}

// TestPagesKeepTheSecurityRules: CSP and headers on every page, no inline script or style
// (the CSP would block them), assets served under hashed URLs and cached.
func TestPagesKeepTheSecurityRules(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	jo := ts.asStaff(t, store.KindWorker)
	for _, path := range []string{"/", "/sign-in", "/my", "/children/C-1001", "/children/C-1002", "/nope"} {
		res, body := jo.get(t, path)
		if res.StatusCode == http.StatusSeeOther {
			res, body = jo.get(t, res.Header.Get("Location"))
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP = %q", path, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: hardening headers missing", path)
		}
		doc := page(t, body)
		if doc.Find("script, style, [style]").Length() > 0 {
			t.Errorf("%s: inline script or style", path)
		}
		href, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href")
		if !strings.HasPrefix(href, "/assets/") {
			t.Errorf("%s: style sheet at %q", path, href)
			continue
		}
		res, css := jo.get(t, href)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(css, ":root") {
			t.Errorf("%s: asset %s = %d %q", path, href, res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}
	if res, _ := jo.get(t, "/assets/000000000000/css/portal.css"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an asset under a stale hash = %d, want 404", res.StatusCode)
	}
}

func TestLogsNameNoChild(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	jo := ts.asStaff(t, store.KindWorker)
	jo.get(t, "/children/C-1001")
	jo.get(t, "/children/C-404")
	logs := ts.logs.String()
	if !strings.Contains(logs, "route=/children/:ref") {
		t.Errorf("requests are not logged by route:\n%s", logs)
	}
	if strings.Contains(logs, "C-1001") || strings.Contains(logs, "C-404") || strings.Contains(logs, "Amira") {
		t.Errorf("the logs name a child:\n%s", logs)
	}
}
