package portal

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

// The roles every route is called as.
var roles = []string{"anonymous", "parent", "other parent", "young person", "worker", "other worker", "manager", "other manager", "admin"}

// allowed is, for every route, who may have it: written out here, by hand, from the access
// rules in the issue — not computed from the code under test. A route missing from this
// table fails the test.
var allowed = map[string][]string{
	"GET /healthz":                      roles,
	"GET /assets/:hash/*":               roles,
	"GET /":                             roles,
	"GET /sign-in":                      roles,
	"POST /sign-in":                     roles,
	"GET /sign-in/again":                roles,
	"POST /sign-in/email":               roles,
	"GET /sign-in/link/:token":          roles,
	"POST /sign-in/passphrase":          roles,
	"GET /staff/sign-in":                roles,
	"POST /staff/sign-in":               roles,
	"GET /sign-in/choose":               roles[1:],
	"POST /sign-in/choose":              roles[1:],
	"POST /sign-out":                    roles[1:],
	"POST /sign-out/everywhere":         roles[1:],
	"GET /my":                           roles[1:],
	"GET /rights":                       roles,
	"GET /children/:ref":                {"worker", "manager"},
	"GET /children/:ref/parent/:member": {"parent", "worker", "manager"},
	// Amira has no sign-in of her own, so her parents read My Journey with her.
	"GET /children/:ref/journey": {"parent", "worker", "manager"},
	// Only the family sends thoughts and comments about their child.
	"GET /children/:ref/thoughts":                 {"parent"},
	"GET /children/:ref/thoughts/check":           {"parent"},
	"POST /children/:ref/thoughts/check":          {"parent"},
	"GET /children/:ref/thoughts/done/:reference": {"parent"},
	"GET /children/:ref/thoughts/:step":           {"parent"},
	"POST /children/:ref/thoughts/:step":          {"parent"},
	"GET /children/:ref/after":                    {"parent"},
	"GET /children/:ref/after/check":              {"parent"},
	"POST /children/:ref/after/check":             {"parent"},
	"GET /children/:ref/after/done/:reference":    {"parent"},
	"GET /children/:ref/after/:step":              {"parent"},
	"POST /children/:ref/after/:step":             {"parent"},
	// A child's own views: the young person, or a younger child with their family.
	"GET /children/:ref/views":                 {"parent", "young person"},
	"GET /children/:ref/views/check":           {"parent", "young person"},
	"POST /children/:ref/views/check":          {"parent", "young person"},
	"GET /children/:ref/views/done/:reference": {"parent", "young person"},
	"GET /children/:ref/views/:step":           {"parent", "young person"},
	"POST /children/:ref/views/:step":          {"parent", "young person"},
	// Bilal's privacy choice is his alone.
	"GET /children/:ref/privacy":                        {"young person"},
	"POST /children/:ref/privacy":                       {"young person"},
	"POST /children/:ref/invites":                       {"worker", "manager"},
	"POST /children/:ref/publish":                       {"worker", "manager"},
	"GET /children/:ref/publish":                        {"worker", "manager"},
	"POST /children/:ref/unpublish":                     {"worker", "manager"},
	"GET /plans/new":                                    {"worker", "other worker", "manager", "other manager"},
	"POST /plans":                                       {"worker", "other worker", "manager", "other manager"},
	"GET /children/:ref/review":                         {"worker", "manager"},
	"POST /children/:ref/review":                        {"worker", "manager"},
	"GET /children/:ref/translate/:lang":                {"worker", "manager"},
	"POST /children/:ref/translate/:lang":               {"worker", "manager"},
	"POST /children/:ref/translate/:lang/import":        {"worker", "manager"},
	"GET /children/:ref/translate/:lang/export/:format": {"worker", "manager"},
	"POST /children/:ref/sent/:reference/answered":      {"worker", "manager"},
	"POST /children/:ref/events":                        {"worker", "manager"},
	"GET /children/:ref/audit":                          {"manager"},
	"GET /outbox":                                       {"admin"},
	"GET /team/promises":                                {"manager", "other manager"},
	// The council admin's settings are the admin's alone.
	"GET /admin":                          {"admin"},
	"GET /admin/council":                  {"admin"},
	"POST /admin/council":                 {"admin"},
	"GET /admin/brand":                    {"admin"},
	"POST /admin/brand":                   {"admin"},
	"GET /admin/advocacy":                 {"admin"},
	"POST /admin/advocacy":                {"admin"},
	"GET /admin/languages":                {"admin"},
	"POST /admin/languages":               {"admin"},
	"GET /admin/rules/:id":                {"admin"},
	"POST /admin/rules/:id":               {"admin"},
	"GET /admin/staff":                    {"admin"},
	"GET /admin/staff/new":                {"admin"},
	"POST /admin/staff/new":               {"admin"},
	"GET /admin/staff/:id":                {"admin"},
	"POST /admin/staff/:id":               {"admin"},
	"POST /admin/staff/:id/deactivate":    {"admin"},
	"POST /admin/staff/:id/password-link": {"admin"},
	"GET /admin/invites":                  {"admin"},
	"POST /admin/invites/:id/revoke":      {"admin"},
	"GET /admin/api-tokens":               {"admin"},
	"POST /admin/api-tokens":              {"admin"},
	"POST /admin/api-tokens/:id/revoke":   {"admin"},
	"GET /admin/audit":                    {"admin"},
	// The council's look is on every page, and a password link is its own key.
	"GET /council/style/:hash":    roles,
	"GET /council/logo/:hash":     roles,
	"GET /staff/password/:token":  roles,
	"POST /staff/password/:token": roles,
	// Printing packs: each worker their own caseload's, each job seen only by who started it.
	"GET /packs":              {"worker", "other worker", "manager", "other manager"},
	"POST /packs":             {"worker", "other worker", "manager", "other manager"},
	"GET /packs/:id":          {"worker", "other worker", "manager", "other manager"},
	"GET /packs/:id/download": {"worker", "other worker", "manager", "other manager"},
	// The API answers a system's token, never a person's session.
	"POST /api/v1/children/:ref/events": {},
	"POST /api/v1/documents":            {},
	"GET /api/v1/children/:ref/status":  {},
	"GET /api/v1/openapi.json":          roles,
	"GET /staff/totp":                   {"worker", "other worker", "manager", "other manager", "admin"},
	"POST /staff/totp":                  {"worker", "other worker", "manager", "other manager", "admin"},
}

// accessWorld is the demo plus a second family, team and child, so that "other" roles exist.
type accessWorld struct {
	*testServer
	people map[string]int64 // role -> person
}

func newAccessWorld(t *testing.T) *accessWorld {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	w := &accessWorld{testServer: ts, people: map[string]int64{}}
	for _, f := range ts.people.Family {
		switch f.Name {
		case "Sara Khan":
			w.people["parent"] = f.PersonID
		case "Bilal Khan":
			w.people["young person"] = f.PersonID
		}
	}
	for _, s := range ts.people.Staff {
		p, err := ts.store.StaffByEmail(ctx, s.Email)
		if err != nil {
			t.Fatal(err)
		}
		w.people[map[string]string{"worker": "worker", "manager": "manager", "admin": "admin"}[s.Role]] = p.ID
	}
	// Another child, family, worker and manager, in another team.
	other, err := document.Parse([]byte(`{"schema":"plan-document/v1","child":{"ref":"C-2000","name":"Other Child","date_of_birth":"2018-01-01"},
		"family":[{"ref":"F-1","name":"Other Parent"}],"plan":{"ref":"PL-1","kind":"early_help","why":"Other family's plan."}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: other}}); err != nil {
		t.Fatal(err)
	}
	team, _ := ts.store.CreateTeam(ctx, "Other team")
	add := func(role string, p store.Person, child, member string) {
		id, err := ts.store.CreatePerson(ctx, "test", p)
		if err != nil {
			t.Fatal(err)
		}
		if child != "" {
			if err := ts.store.Link(ctx, "test", id, child, member); err != nil {
				t.Fatal(err)
			}
		}
		w.people[role] = id
	}
	add("other parent", store.Person{Kind: store.KindFamily, Name: "Other Parent"}, "C-2000", "F-1")
	add("other worker", store.Person{Kind: store.KindWorker, Name: "Other Worker", Email: "other.worker@example.org", TeamID: team}, "C-2000", "")
	add("other manager", store.Person{Kind: store.KindManager, Name: "Other Manager", Email: "other.manager@example.org", TeamID: team}, "", "")
	return w
}

// as returns a client with a session for the role, made straight in the store: signing in
// itself is tested on its own, and this keeps within the sign-in rate limits.
func (w *accessWorld) as(t *testing.T, role string) *client {
	t.Helper()
	c := w.newClient(t)
	if role == "anonymous" {
		return c
	}
	token := auth.NewToken()
	if err := w.store.CreateSession(context.Background(), w.people[role], w.srv.hash.Hash("session", token), time.Hour, "test"); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(w.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	return c
}

// pathFor fills a route's parameters: Amira's plan and her mother, or Bilal's for his choices.
func (w *accessWorld) pathFor(route string) string {
	child, step := "C-1001", "worries"
	if strings.Contains(route, "/privacy") || strings.Contains(route, "/views") {
		child, step = "C-1002", "hard"
	}
	css := "css/portal.css"
	r := strings.NewReplacer(":ref", child, ":member", "F-1", ":token", "not-a-real-token", ":reference", "TC-AAAAAA", ":lang", "ur", ":format", "csv", ":step", step, ":hash/*", w.srv.pages.hashes[css]+"/"+css)
	return r.Replace(route)
}

func withheldTexts(t *testing.T) []string {
	docs, err := demo.Documents(today)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, in := range docs {
		for _, text := range in.Doc.Texts() {
			if text.Withheld() {
				for _, s := range []string{text.Text, text.Reason} {
					out = append(out, s[:min(40, len(s))])
				}
				for _, tr := range text.Translations {
					out = append(out, tr[:min(40, len(tr))])
				}
			}
		}
	}
	return out
}

// TestEveryRouteAsEveryRole calls every route on the router as every role and checks the
// answer against the table above; family roles' responses are searched for withheld text.
func TestEveryRouteAsEveryRole(t *testing.T) {
	w := newAccessWorld(t)
	secrets := withheldTexts(t)
	var routes []string
	for _, r := range w.srv.echo.Routes() {
		key := r.Method + " " + r.Path
		if !slices.Contains(routes, key) {
			routes = append(routes, key)
		}
	}
	for _, route := range routes {
		if _, ok := allowed[route]; !ok {
			t.Errorf("route %s has no row in the access table: say who may have it", route)
		}
		if _, ok := w.srv.rules[route]; !ok {
			t.Errorf("route %s was not registered with an access rule", route)
		}
	}
	for _, role := range roles {
		for _, route := range routes {
			method, pattern, _ := strings.Cut(route, " ")
			c := w.as(t, role)
			path := w.pathFor(pattern)
			refusedBefore := w.refusals(t)
			var res *http.Response
			var body string
			if method == http.MethodPost {
				formPage := "/sign-in"
				if role != "anonymous" {
					formPage = "/my"
				}
				res, body = c.post(t, path, formPage, url.Values{"member": {"F-1"}, "kind": {"child_seen"}, "on": {"2026-11-20"}, "key": {"K-" + role}, "worries": {"none"}})
			} else {
				res, body = c.get(t, path)
			}
			toSignIn := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/sign-in?next=")
			if strings.HasPrefix(pattern, "/api/") {
				toSignIn = res.StatusCode == http.StatusUnauthorized // the API asks for its token
			}
			refused := toSignIn || (res.StatusCode == http.StatusNotFound && w.refusals(t) > refusedBefore)
			want := slices.Contains(allowed[route], role)
			switch {
			case want && refused:
				t.Errorf("%s as %s: refused (%d), want allowed", route, role, res.StatusCode)
			case !want && !refused:
				t.Errorf("%s as %s: %d, want refused", route, role, res.StatusCode)
			case !want && role == "anonymous" && !toSignIn:
				t.Errorf("%s as anonymous: %d, want a redirect to sign in", route, res.StatusCode)
			}
			if role == "parent" || role == "other parent" || role == "young person" {
				for _, s := range secrets {
					if strings.Contains(body, s) {
						t.Errorf("%s as %s: a withheld text is in the response: %q", route, role, s)
					}
				}
			}
		}
	}
}

func (w *accessWorld) refusals(t *testing.T) int {
	trail, err := w.store.AuditTrail(context.Background(), "", 100000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range trail {
		if e.Action == store.ActionRefused {
			n++
		}
	}
	return n
}
