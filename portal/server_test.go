package portal

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
	store *store.Store
	logs  *strings.Builder
}

// newTestServer starts the real server on a real SQLite file with the demo family in it.
func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"), store.WithClock(func() time.Time { return today }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, st, today); err != nil {
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
	srv, err := New(cfg, st, r, slog.New(slog.NewTextHandler(logs, nil)), func() time.Time { return today })
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); st.Close() })
	return &testServer{Server: ts, store: st, logs: logs}
}

func (ts *testServer) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	res, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
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

// TestFamilyDataOnlyInTheDemo: without sign-in, a real server shows no child's plan to
// anyone; the demo shows its fictional family's worker view and audits every view.
func TestFamilyDataOnlyInTheDemo(t *testing.T) {
	real := newTestServer(t, Config{Demo: false})
	if res, _ := real.get(t, "/children/C-1001"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a council server shows a plan without sign-in: %d", res.StatusCode)
	}
	if _, body := real.get(t, "/"); strings.Contains(body, "Amira") || strings.Contains(body, "C-1001") {
		t.Error("a council server's start page names a child")
	}

	ts := newTestServer(t, Config{Demo: true})
	res, body := ts.get(t, "/children/C-1001")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("demo child page = %d", res.StatusCode)
	}
	doc := page(t, body)
	if got := doc.Find("h1").First().Text(); !strings.Contains(got, "Amira Khan") {
		t.Errorf("h1 = %q", got)
	}
	if doc.Find(".demo-banner").Length() != 1 {
		t.Error("the demo banner is missing")
	}
	trail, err := ts.store.AuditTrail(context.Background(), "child:C-1001", 5)
	if err != nil || len(trail) == 0 || trail[0].Action != store.ActionView || trail[0].Actor != demoActor {
		t.Errorf("the view was not audited: %+v %v", trail, err)
	}
	if _, body := ts.get(t, "/"); !strings.Contains(body, `href="/children/C-1002"`) {
		t.Error("the demo start page does not link to the children")
	}
}

func TestPlanVersionsArePages(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	// A second, changed version of Amira's plan.
	docs, err := demo.Documents(today)
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Doc.Plan.Why.Text = "A newer wording of why."
	if _, err := ts.store.Import(context.Background(), "test", docs[:1]); err != nil {
		t.Fatal(err)
	}
	_, body := ts.get(t, "/children/C-1001")
	if !strings.Contains(body, "A newer wording of why.") {
		t.Error("the latest version is not shown")
	}
	if !strings.Contains(body, `href="/children/C-1001?plan=PL-77&amp;version=1"`) {
		t.Error("no link to version 1")
	}
	_, old := ts.get(t, "/children/C-1001?plan=PL-77&version=1")
	if strings.Contains(old, "A newer wording of why.") {
		t.Error("version 1 shows the newer wording")
	}
}

func TestErrorsArePlainPages(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
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
		res, body := ts.get(t, tt.path)
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
	for _, path := range []string{"/", "/children/C-1001", "/children/C-1002", "/nope"} {
		res, body := ts.get(t, path)
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
		res, css := ts.get(t, href)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(css, ":root") {
			t.Errorf("%s: asset %s = %d %q", path, href, res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}
	if res, _ := ts.get(t, "/assets/000000000000/css/portal.css"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an asset under a stale hash = %d, want 404", res.StatusCode)
	}
}

func TestLogsNameNoChild(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ts.get(t, "/children/C-1001")
	ts.get(t, "/children/C-404")
	logs := ts.logs.String()
	if !strings.Contains(logs, "route=/children/:ref") {
		t.Errorf("requests are not logged by route:\n%s", logs)
	}
	if strings.Contains(logs, "C-1001") || strings.Contains(logs, "C-404") || strings.Contains(logs, "Amira") {
		t.Errorf("the logs name a child:\n%s", logs)
	}
}
