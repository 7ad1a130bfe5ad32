package portal

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/browsertest"
	"github.com/familyportal/portal/portal/store"
)

// postFiles sends a multipart form, as a browser sends one with a file, with the CSRF
// token from formPage.
func (c *client) postFiles(t testing.TB, path, formPage string, values map[string]string, files map[string][]byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", c.csrf(t, formPage))
	for name, v := range values {
		w.WriteField(name, v)
	}
	for name, b := range files {
		part, _ := w.CreateFormFile(name, name+".png")
		part.Write(b)
	}
	w.Close()
	res, err := c.Post(c.ts.URL+path, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// staffID is the id of the member of staff with this email.
func staffID(t *testing.T, ts *testServer, email string) int64 {
	t.Helper()
	p, err := ts.store.StaffByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func demoLogin(t *testing.T, ts *testServer, role string) (email, password string) {
	for _, s := range ts.people.Staff {
		if s.Role == role {
			return s.Email, s.Password
		}
	}
	t.Fatalf("no demo %s", role)
	return
}

// pngLogo is a small PNG image.
func pngLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 200, 50))
	for x := range 200 {
		for y := range 50 {
			img.Set(x, y, color.RGBA{0xff, 0xff, 0xff, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// settingsState is everything the settings pages change, to show that a refused change
// saved nothing.
type settingsState struct {
	Council store.Council
	Rules   []store.PromiseRule
	Staff   []store.StaffMember
	Tokens  []store.APIToken
	Trail   []store.SettingsChange
}

func settingsNow(t *testing.T, ts *testServer) settingsState {
	t.Helper()
	ctx := context.Background()
	var s settingsState
	var err error
	if s.Council, err = ts.store.Council(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Rules, err = ts.store.PromiseRules(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Staff, err = ts.store.Staff(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Tokens, err = ts.store.APITokens(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Trail, err = ts.store.SettingsTrail(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAdminSavesEachSetting changes each setting through its form, as the admin: the page
// shows, the change is saved, the settings say so, and the audit trail names the admin.
func TestAdminSavesEachSetting(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	admin := ts.asStaff(t, store.KindAdmin)
	adminEmail, _ := demoLogin(t, ts, store.KindAdmin)
	me := fmt.Sprintf("person:%d", staffID(t, ts, adminEmail))
	jo := staffID(t, ts, "jo.smith@example.org")
	teams, err := ts.store.Teams(ctx)
	if err != nil || len(teams) == 0 {
		t.Fatalf("teams: %v %v", teams, err)
	}
	team := fmt.Sprint(teams[0].ID)
	council := func(t *testing.T) store.Council {
		c, err := ts.store.Council(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name   string
		path   string // the form, which posts to itself
		values url.Values
		banner string
		action string
		check  func(t *testing.T)
	}{
		{"council", "/admin/council", url.Values{"name": {"Westshire Council"}, "nation": {"wales"}, "out-of-hours-phone": {"01234 567890"},
			"complaints-name": {"Complaints team"}, "complaints-web": {"https://westshire.example.org/complaints"}},
			"Your changes have been saved.", store.ActionCouncil, func(t *testing.T) {
				c := council(t)
				if c.Name != "Westshire Council" || c.Nation != "wales" || c.OutOfHoursPhone != "01234 567890" || c.Complaints.Web != "https://westshire.example.org/complaints" {
					t.Errorf("council = %+v", c)
				}
			}},
		{"colour", "/admin/brand", url.Values{"colour": {"#00703C"}}, "Your changes have been saved.", store.ActionCouncil, func(t *testing.T) {
			if c := council(t); c.Colour != "#00703c" {
				t.Errorf("colour = %q", c.Colour)
			}
		}},
		{"advocacy", "/admin/advocacy", url.Values{"advocacy-0-name": {"Westshire Advocacy"}, "advocacy-0-phone": {"01234 000111"}, "advocacy-0-web": {""},
			"advocacy-1-name": {""}, "advocacy-1-phone": {""}, "advocacy-1-web": {""},
			"advocacy-2-name": {"Coram Voice"}, "advocacy-2-phone": {""}, "advocacy-2-web": {"https://coramvoice.org.uk"}},
			"Your changes have been saved.", store.ActionCouncil, func(t *testing.T) {
				want := []store.Contact{{Name: "Westshire Advocacy", Phone: "01234 000111"}, {Name: "Coram Voice", Web: "https://coramvoice.org.uk"}}
				if c := council(t); !reflect.DeepEqual(c.Advocacy, want) {
					t.Errorf("advocacy = %+v, want %+v (empty rows dropped)", c.Advocacy, want)
				}
			}},
		{"timescale", "/admin/rules/minutes", url.Values{"days": {"15"}, "counting": {"working"}}, "Your changes have been saved.", "settings.promise_rule", func(t *testing.T) {
			rules, _ := ts.store.PromiseRules(ctx)
			for _, r := range rules {
				if r.ID == "minutes" && (r.Days != 15 || !r.Working || !r.Enabled) {
					t.Errorf("minutes rule = %+v", r)
				}
			}
		}},
		{"languages", "/admin/languages", url.Values{"lang-pl": {"yes"}, "lang-ur": {"yes"}}, "Your changes have been saved.", store.ActionCouncil, func(t *testing.T) {
			offered, err := ts.srv.languagesOffered(ctx)
			if err != nil || !reflect.DeepEqual(offered, []string{"en", "pl", "ur"}) {
				t.Errorf("languages offered = %v %v, want en, pl and ur", offered, err)
			}
		}},
		{"new staff", "/admin/staff/new", url.Values{"name": {"Ann Lee"}, "email": {"ann.lee@example.org"}, "role": {"worker"}, "team": {team}},
			"The member of staff has been added.", store.ActionUser, func(t *testing.T) {
				p, err := ts.store.StaffByEmail(ctx, "ann.lee@example.org")
				if err != nil || p.Name != "Ann Lee" || p.Kind != store.KindWorker || fmt.Sprint(p.TeamID) != team {
					t.Errorf("new staff = %+v %v", p, err)
				}
			}},
		{"role", fmt.Sprintf("/admin/staff/%d", jo), url.Values{"role": {"manager"}, "team": {team}}, "Your changes have been saved.", store.ActionUser, func(t *testing.T) {
			if m, err := ts.store.StaffMemberByID(ctx, jo); err != nil || m.Kind != store.KindManager {
				t.Errorf("Jo = %+v %v, want a manager", m, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := admin.get(t, tt.path)
			if res.StatusCode != http.StatusOK || page(t, body).Find("h1").Length() != 1 || page(t, body).Find(`form[method="post"] button[type="submit"]`).Length() == 0 {
				t.Fatalf("GET %s = %d, want a page with a form", tt.path, res.StatusCode)
			}
			res, body = admin.post(t, tt.path, tt.path, tt.values)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("POST %s = %d, want a redirect\n%s", tt.path, res.StatusCode, page(t, body).Find(".error-summary").Text())
			}
			_, body = admin.get(t, res.Header.Get("Location"))
			if got := page(t, body).Find(".notice--success").Text(); !strings.Contains(got, tt.banner) {
				t.Errorf("after saving: banner %q, want %q", got, tt.banner)
			}
			tt.check(t)
			trail, err := ts.store.SettingsTrail(ctx, 1)
			if err != nil || len(trail) == 0 || trail[0].Action != tt.action || trail[0].Actor != me {
				t.Errorf("audit trail = %+v %v, want %s by %s", trail, err, tt.action, me)
			}
		})
	}
	// The overview shows what was saved, and the header the council's new name.
	_, body := admin.get(t, "/admin")
	doc := page(t, body)
	if name := doc.Find("header .site-header__name").Text(); name != "Westshire Council" {
		t.Errorf("the header reads %q", name)
	}
	for _, want := range []string{"Westshire Council", "Wales", "#00703c", "Coram Voice", "15 working days", "Polski"} {
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("the settings page does not show %q", want)
		}
	}
	// And the list of recent changes names who made them.
	_, body = admin.get(t, "/admin/audit")
	if changes := page(t, body).Find("main li"); changes.Length() < len(tests) || !strings.Contains(changes.First().Text(), "Sam Admin") {
		t.Errorf("recent changes: %d, first %q", changes.Length(), changes.First().Text())
	}
}

// TestAdminRefusesBadSettings sends each setting something wrong: the form comes back
// (422) with the GOV.UK error summary linking to the field, a plain sentence, and nothing
// is saved.
func TestAdminRefusesBadSettings(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	admin := ts.asStaff(t, store.KindAdmin)
	adminEmail, _ := demoLogin(t, ts, store.KindAdmin)
	me := staffID(t, ts, adminEmail)
	notAnImage := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>`)
	tooBig := append(pngLogo(t), make([]byte, store.MaxLogoBytes)...)
	council := url.Values{"name": {"Westshire"}, "nation": {"england"}}
	with := func(v url.Values, name, value string) url.Values {
		out := url.Values{}
		for k, vs := range v {
			out[k] = vs
		}
		out.Set(name, value)
		return out
	}
	tests := []struct {
		name   string
		path   string
		values url.Values
		files  map[string][]byte
		field  string
	}{
		{"empty council name", "/admin/council", with(council, "name", "  "), nil, "name"},
		{"unknown nation", "/admin/council", with(council, "nation", "atlantis"), nil, "nation"},
		{"complaints website that is a script", "/admin/council", with(council, "complaints-web", "javascript:alert(1)"), nil, "complaints-web"},
		{"complaints phone without a name", "/admin/council", with(council, "complaints-phone", "0800 000"), nil, "complaints-name"},
		{"colour with poor contrast", "/admin/brand", url.Values{"colour": {"#777777"}}, nil, "colour"},
		{"colour not written as one", "/admin/brand", url.Values{"colour": {"green"}}, nil, "colour"},
		{"logo that is not an image", "/admin/brand", url.Values{"colour": {""}}, map[string][]byte{"logo": notAnImage}, "logo"},
		{"logo too big", "/admin/brand", url.Values{"colour": {""}}, map[string][]byte{"logo": tooBig}, "logo"},
		{"good colour, bad logo", "/admin/brand", url.Values{"colour": {"#00703c"}}, map[string][]byte{"logo": notAnImage}, "logo"},
		{"advocacy service without a name", "/admin/advocacy", url.Values{"advocacy-0-name": {"A"}, "advocacy-1-name": {""}, "advocacy-1-phone": {"0800"}}, nil, "advocacy-1-name"},
		{"negative days", "/admin/rules/minutes", url.Values{"days": {"-1"}, "counting": {"calendar"}}, nil, "days"},
		{"days not a number", "/admin/rules/minutes", url.Values{"days": {"ten"}, "counting": {"calendar"}}, nil, "days"},
		{"no days", "/admin/rules/minutes", url.Values{"days": {"0"}, "counting": {"calendar"}}, nil, "days"},
		{"unknown counting", "/admin/rules/minutes", url.Values{"days": {"10"}, "counting": {"lunar"}}, nil, "counting"},
		{"unknown language", "/admin/languages", url.Values{"lang-pl": {"yes"}, "lang-xx": {"yes"}}, nil, "languages"},
		{"staff without a name", "/admin/staff/new", url.Values{"name": {""}, "email": {"new@example.org"}, "role": {"admin"}, "team": {"none"}}, nil, "name"},
		{"duplicate email", "/admin/staff/new", url.Values{"name": {"Jo Again"}, "email": {"JO.SMITH@example.org"}, "role": {"admin"}, "team": {"none"}}, nil, "email"},
		{"not an email", "/admin/staff/new", url.Values{"name": {"Jo"}, "email": {"jo at home"}, "role": {"admin"}, "team": {"none"}}, nil, "email"},
		{"unknown role", "/admin/staff/new", url.Values{"name": {"Jo"}, "email": {"boss@example.org"}, "role": {"boss"}, "team": {"none"}}, nil, "role"},
		{"worker without a team", "/admin/staff/new", url.Values{"name": {"Jo"}, "email": {"w@example.org"}, "role": {"worker"}, "team": {"none"}}, nil, "team"},
		{"unknown team", "/admin/staff/new", url.Values{"name": {"Jo"}, "email": {"w@example.org"}, "role": {"worker"}, "team": {"999"}}, nil, "team"},
		{"changing one's own role", fmt.Sprintf("/admin/staff/%d", me), url.Values{"role": {"worker"}, "team": {"none"}}, nil, "role"},
		{"token without a name", "/admin/api-tokens", url.Values{"name": {""}}, nil, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := settingsNow(t, ts)
			var res *http.Response
			var body string
			if tt.files != nil {
				values := map[string]string{}
				for k := range tt.values {
					values[k] = tt.values.Get(k)
				}
				res, body = admin.postFiles(t, tt.path, tt.path, values, tt.files)
			} else {
				res, body = admin.post(t, tt.path, tt.path, tt.values)
			}
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			doc := page(t, body)
			link := doc.Find(`.error-summary a[href="#` + tt.field + `"]`)
			if link.Length() != 1 {
				t.Fatalf("no error in the summary for %s: %q", tt.field, doc.Find(".error-summary").Text())
			}
			if msg := link.Text(); msg == "" || strings.HasPrefix(msg, "admin.") {
				t.Errorf("the error reads %q, not a sentence", msg)
			}
			if doc.Find("#"+tt.field).Length() != 1 {
				t.Errorf("the summary links to #%s, which is not on the page", tt.field)
			}
			if after := settingsNow(t, ts); !reflect.DeepEqual(before, after) {
				t.Errorf("a refused change saved something:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// TestAdminLogoAndColourOnEveryPage: an uploaded logo and a colour reach the header of
// every page through a style sheet and an image served under their hashes.
func TestAdminLogoAndColourOnEveryPage(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	admin := ts.asStaff(t, store.KindAdmin)
	logo := pngLogo(t)
	res, body := admin.postFiles(t, "/admin/brand", "/admin/brand", map[string]string{"colour": "#00703c"}, map[string][]byte{"logo": logo})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d\n%s", res.StatusCode, page(t, body).Find(".error-summary").Text())
	}
	trail, _ := ts.store.SettingsTrail(context.Background(), 2)
	if len(trail) != 2 || trail[0].Action != store.ActionLogo || trail[1].Action != store.ActionCouncil {
		t.Errorf("audit trail = %+v, want the colour and the logo", trail)
	}
	_, body = ts.get(t, "/") // anybody, signed in or not
	doc := page(t, body)
	img := doc.Find("header img.site-header__logo")
	src, _ := img.Attr("src")
	if alt, ok := img.Attr("alt"); !ok || alt != "" || !strings.HasPrefix(src, "/council/logo/") {
		t.Fatalf("header logo: src %q, alt %q %v (the council's name beside it is its text)", src, alt, ok)
	}
	if w, _ := img.Attr("width"); w != "192" { // 200×50, shown 48 high
		t.Errorf("logo width %q, want 192", w)
	}
	res, got := ts.get(t, src)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" || got != string(logo) ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("logo = %d %q %q, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), len(got))
	}
	var style string
	doc.Find(`link[rel="stylesheet"]`).Each(func(_ int, l *goquery.Selection) {
		if href, _ := l.Attr("href"); strings.HasPrefix(href, "/council/style/") {
			style = href
		}
	})
	res, css := ts.get(t, style)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || !strings.Contains(css, "--brand: #00703c") {
		t.Errorf("council style %q = %d %q %q", style, res.StatusCode, res.Header.Get("Content-Type"), css)
	}
	for _, stale := range []string{"/council/logo/000000000000", "/council/style/000000000000"} {
		if res, _ := ts.get(t, stale); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", stale, res.StatusCode)
		}
	}
	// The admin, and only the admin, has a link to the settings in the header.
	if _, body := admin.get(t, "/my"); page(t, body).Find(`header a[href="/admin"]`).Length() != 1 {
		t.Error("no link to the settings in the admin's header")
	}
	if _, body := ts.asStaff(t, store.KindWorker).get(t, "/my"); page(t, body).Find(`header a[href="/admin"]`).Length() != 0 {
		t.Error("a worker's header links to the settings")
	}
	// Removing the logo takes it off every page.
	admin.postFiles(t, "/admin/brand", "/admin/brand", map[string]string{"colour": "#00703c", "remove-logo": "yes"}, nil)
	if _, body := ts.get(t, "/"); page(t, body).Find("header img").Length() != 0 {
		t.Error("the logo is still shown after it was removed")
	}
}

// TestAdminDeactivatesAWorker: a deactivated worker is signed out everywhere and cannot
// sign in again; their row stays; an admin cannot deactivate themselves.
func TestAdminDeactivatesAWorker(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	admin := ts.asStaff(t, store.KindAdmin)
	jo := ts.asStaff(t, store.KindWorker)
	email, password := demoLogin(t, ts, store.KindWorker)
	id := staffID(t, ts, email)
	res, _ := admin.post(t, fmt.Sprintf("/admin/staff/%d/deactivate", id), fmt.Sprintf("/admin/staff/%d", id), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/staff?saved=deactivated" {
		t.Fatalf("deactivate = %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := jo.get(t, "/my"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/sign-in") {
		t.Errorf("Jo is still signed in: %d", res.StatusCode)
	}
	res, body := ts.newClient(t).post(t, "/staff/sign-in", "/staff/sign-in", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, body).Find(".error-summary").Length() != 1 {
		t.Errorf("a deactivated worker signing in: %d, want 422 with the usual error", res.StatusCode)
	}
	m, err := ts.store.StaffMemberByID(context.Background(), id)
	if err != nil || m.Active() || m.Name != "Jo Smith" {
		t.Errorf("Jo's row: %+v %v, want kept and deactivated", m, err)
	}
	_, body = admin.get(t, "/admin/staff")
	if !strings.Contains(page(t, body).Find("main").Text(), "Deactivated on") {
		t.Error("the staff list does not say Jo was deactivated")
	}
	trail, _ := ts.store.SettingsTrail(context.Background(), 1)
	if len(trail) != 1 || trail[0].Action != store.ActionUser || !strings.Contains(trail[0].Detail, "Jo Smith: deactivated") {
		t.Errorf("audit = %+v", trail)
	}
	adminEmail, _ := demoLogin(t, ts, store.KindAdmin)
	me := staffID(t, ts, adminEmail)
	if res, _ := admin.post(t, fmt.Sprintf("/admin/staff/%d/deactivate", me), "/admin/staff", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an admin deactivating themselves: %d, want 400", res.StatusCode)
	}
}

// TestAdminAddsStaffWhoChooseTheirPassword: a new member of staff is emailed a link, with
// which they choose a password once, and then sign in.
func TestAdminAddsStaffWhoChooseTheirPassword(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	admin := ts.asStaff(t, store.KindAdmin)
	res, _ := admin.post(t, "/admin/staff/new", "/admin/staff/new", url.Values{"name": {"Ann Lee"}, "email": {"ann.lee@example.org"}, "role": {"admin"}, "team": {"none"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add = %d", res.StatusCode)
	}
	messages, err := ts.store.Outbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var link string
	for _, m := range messages {
		if m.Recipient == "ann.lee@example.org" {
			link = regexp.MustCompile(`/staff/password/\S+`).FindString(m.Body)
		}
	}
	if link == "" {
		t.Fatalf("no password link emailed: %+v", messages)
	}
	// The link is not a sign-in link.
	if res, _ := ts.get(t, strings.Replace(link, "/staff/password/", "/sign-in/link/", 1)); res.StatusCode != http.StatusNotFound {
		t.Errorf("a password link signs in as a family link: %d", res.StatusCode)
	}
	ann := ts.newClient(t)
	if res, body := ann.get(t, link); res.StatusCode != http.StatusOK || !strings.Contains(body, "Ann Lee") {
		t.Fatalf("GET the link = %d", res.StatusCode)
	}
	if res, _ := ann.post(t, link, link, url.Values{"password": {"short"}, "password-again": {"short"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a short password: %d, want 422", res.StatusCode)
	}
	good := "harbour lantern pebble"
	if res, _ := ann.post(t, link, link, url.Values{"password": {good}, "password-again": {good + "x"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("passwords that differ: %d, want 422", res.StatusCode)
	}
	if res, body := ann.post(t, link, link, url.Values{"password": {good}, "password-again": {good}}); res.StatusCode != http.StatusOK || !strings.Contains(body, "Your password is saved") {
		t.Fatalf("a good password: %d", res.StatusCode)
	}
	if res, _ := ann.get(t, link); res.StatusCode != http.StatusNotFound {
		t.Errorf("the link works twice: %d", res.StatusCode)
	}
	ts.staffClient(t, "ann.lee@example.org", good)
}

// TestAdminAPITokens: a token issued on the page is shown once and works on the API; the
// list never shows it; once revoked it stops working.
func TestAdminAPITokens(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	admin := ts.asStaff(t, store.KindAdmin)
	res, body := admin.post(t, "/admin/api-tokens", "/admin/api-tokens", url.Values{"name": {"Mosaic"}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("issue = %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	doc := page(t, body)
	token, _ := doc.Find("input#token").Attr("value")
	if len(token) < 20 || !strings.Contains(doc.Find("main").Text(), "it will not be shown again") {
		t.Fatalf("the token page: token %q, text %q", token, doc.Find("main").Text())
	}
	call := func() int {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/children/C-1001/events", strings.NewReader(`{"kind":"referral_received","on":"2026-11-20"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := call(); code != http.StatusCreated {
		t.Fatalf("the new token on the API: %d", code)
	}
	_, body = admin.get(t, "/admin/api-tokens")
	if strings.Contains(body, token) || !strings.Contains(body, "Mosaic") {
		t.Error("the list of tokens shows the token, or not its name")
	}
	tokens, _ := ts.store.APITokens(context.Background())
	res, _ = admin.post(t, fmt.Sprintf("/admin/api-tokens/%d/revoke", tokens[0].ID), "/admin/api-tokens", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke = %d", res.StatusCode)
	}
	if code := call(); code != http.StatusUnauthorized {
		t.Errorf("a revoked token on the API: %d, want 401", code)
	}
	if res, _ := admin.post(t, fmt.Sprintf("/admin/api-tokens/%d/revoke", tokens[0].ID), "/admin/api-tokens", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("revoking twice: %d, want 404", res.StatusCode)
	}
	trail, _ := ts.store.SettingsTrail(context.Background(), 2)
	if len(trail) != 2 || trail[0].Action != store.ActionAPITokenRevoked || trail[0].Subject != "system:Mosaic" || trail[1].Action != "settings.api_token" {
		t.Errorf("audit = %+v", trail)
	}
}

// TestAdminRevokesInvites: the outstanding codes are listed by whom and which child, never
// the code; a revoked code no longer signs in.
func TestAdminRevokesInvites(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	code, _, err := ts.srv.InviteFamilyMember(ctx, "test", "C-1001", "F-1")
	if err != nil {
		t.Fatal(err)
	}
	admin := ts.asStaff(t, store.KindAdmin)
	_, body := admin.get(t, "/admin/invites")
	text := page(t, body).Find("main").Text()
	if !strings.Contains(text, "Sara Khan") || !strings.Contains(text, "Amira Khan (C-1001)") || strings.Contains(body, code) {
		t.Fatalf("outstanding codes: %q", text)
	}
	invites, err := ts.store.OutstandingInvites(ctx)
	if err != nil || len(invites) == 0 {
		t.Fatalf("invites: %v %v", invites, err)
	}
	for _, in := range invites {
		if res, _ := admin.post(t, fmt.Sprintf("/admin/invites/%d/revoke", in.ID), "/admin/invites", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke = %d", res.StatusCode)
		}
	}
	if res, _ := ts.newClient(t).post(t, "/sign-in", "/sign-in", url.Values{"code": {code}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a revoked code signs in: %d", res.StatusCode)
	}
	if rest, _ := ts.store.OutstandingInvites(ctx); len(rest) != 0 {
		t.Errorf("still outstanding: %+v", rest)
	}
	trail, _ := ts.store.SettingsTrail(ctx, 1)
	if len(trail) != 1 || trail[0].Action != store.ActionInviteRevoked {
		t.Errorf("audit = %+v", trail)
	}
}

// TestAdminLanguagesOffered: every language the portal has until the council chooses, then
// English and those chosen.
func TestAdminLanguagesOffered(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	offered, err := ts.srv.languagesOffered(ctx)
	if err != nil || !reflect.DeepEqual(offered, ts.srv.renderer.Languages()) {
		t.Errorf("before choosing: %v %v, want all of %v", offered, err, ts.srv.renderer.Languages())
	}
	admin := ts.asStaff(t, store.KindAdmin)
	admin.post(t, "/admin/languages", "/admin/languages", url.Values{})
	if offered, _ := ts.srv.languagesOffered(ctx); !reflect.DeepEqual(offered, []string{"en"}) {
		t.Errorf("none chosen: %v, want English alone", offered)
	}
}

// TestAdminMessagesExist: every message the settings pages name at run time is in the
// catalogue: the banners, the audit actions and every problem code.
func TestAdminMessagesExist(t *testing.T) {
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, id := range settingsActions {
		ids = append(ids, id)
	}
	for _, b := range savedBanners {
		ids = append(ids, "admin.saved."+b)
	}
	for _, kind := range store.StaffKinds {
		ids = append(ids, "admin.role."+kind)
	}
	for _, n := range store.Nations {
		ids = append(ids, "admin.nation."+n)
	}
	// Problem codes: Problem{field, "code"}, {{"field", "code"}} and Code: "code".
	code := regexp.MustCompile(`Problem\{[^{}]*, "([a-z_]+)"\}|\{\{"[^"]*", "([a-z_]+)"\}\}|Code: "([a-z_]+)"`)
	files, _ := filepath.Glob("admin*.go")
	files = append(files, "store/settings.go")
	codes := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range code.FindAllStringSubmatch(string(src), -1) {
			ids = append(ids, "admin.error."+m[1]+m[2]+m[3])
			codes++
		}
	}
	if codes < 15 {
		t.Errorf("found only %d problem codes; is the pattern still right?", codes)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if !catalog.Knows(id) {
			t.Errorf("no message %s", id)
		}
	}
}

// TestAdminErrorPageOnASmallPhone: a settings form with its errors, under the council's
// own colour and logo, at 320 px: nothing scrolls sideways and axe-core finds no WCAG 2.2
// AA problem (the colour's contrast included).
func TestAdminErrorPageOnASmallPhone(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	c, _ := ts.store.Council(ctx)
	c.Colour = "#4c2c92"
	if err := ts.store.SetCouncil(ctx, "test", c); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SetCouncilLogo(ctx, "test", pngLogo(t)); err != nil {
		t.Fatal(err)
	}
	browser := browsertest.New(t)
	axe := browsertest.Axe(t)
	signInStaff(t, browser, ts, store.KindAdmin)
	err := chromedp.Do(browser,
		chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/admin/brand"),
		chromedp.SetValue(chromedp.CSS("#colour"), "#ffdd00"),
		chromedp.Submit(chromedp.CSS("#colour")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(browser, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil || width > 320 {
		t.Errorf("the page is %d px wide on a 320 px screen (%v)", width, err)
	}
	browsertest.CheckAccessible(t, browser, axe, "/admin/brand with an error")
	if *screenshots != "" {
		if png, err := chromedp.Run(browser, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(*screenshots, "admin-brand-error-320.png"), png, 0o644)
		}
	}
}
