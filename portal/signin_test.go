package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/familyportal/portal/portal/store"
)

func (ts *testServer) personNamed(t *testing.T, name string) int64 {
	t.Helper()
	for _, f := range ts.people.Family {
		if f.Name == name {
			return f.PersonID
		}
	}
	t.Fatalf("no demo %s", name)
	return 0
}

func signInWith(t *testing.T, c *client, code string) (*http.Response, string) {
	t.Helper()
	return c.post(t, "/sign-in", "/sign-in", url.Values{"code": {code}})
}

func TestInviteCodeWorksOnceAndExpires(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	sara := ts.personNamed(t, "Sara Khan")
	code, _ := ts.srv.IssueInvite(context.Background(), "test", sara)

	// Typed in lower case with a space instead of the dash: still the code.
	res, _ := signInWith(t, ts.newClient(t), strings.ToLower(strings.Replace(code, "-", " ", 1)))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/sign-in/choose") {
		t.Fatalf("first use: %d to %s, want the choice of sign-in", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := signInWith(t, ts.newClient(t), code)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already been used") {
		t.Errorf("second use: %d", res.StatusCode)
	}
	old, _ := ts.srv.IssueInvite(context.Background(), "test", sara)
	*ts.clock = today.Add(15 * 24 * time.Hour)
	res, body = signInWith(t, ts.newClient(t), old)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "too old") {
		t.Errorf("a 15-day-old code: %d", res.StatusCode)
	}
}

func TestGuessingCodesIsRateLimited(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	c := ts.newClient(t)
	for i := range perAddress {
		if res, _ := signInWith(t, c, "AAAA-AAA"+string(rune('A'+i))); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("guess %d: %d", i+1, res.StatusCode)
		}
	}
	code, _ := ts.srv.IssueInvite(context.Background(), "test", ts.personNamed(t, "Sara Khan"))
	res, body := signInWith(t, c, code)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Wait 15 minutes") {
		t.Fatalf("after %d wrong guesses the right code got %d, want 429", perAddress, res.StatusCode)
	}
	// A made-up X-Forwarded-For does not give a guesser a new address.
	spoofed := ts.newClient(t)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/sign-in", strings.NewReader(url.Values{"code": {code}, "csrf": {spoofed.csrf(t, "/sign-in")}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	if res, err := spoofed.Do(req); err != nil || res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("with a made-up X-Forwarded-For: %v %v, want 429", res.StatusCode, err)
	}
	// Nobody is locked out for ever: after the window the real code works.
	*ts.clock = today.Add(attemptWindow + time.Minute)
	if res, _ := signInWith(t, c, code); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d, want signed in", res.StatusCode)
	}
}

func TestFormsNeedTheirCSRFToken(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	c := ts.newClient(t)
	c.get(t, "/sign-in") // the visitor cookie, but no token sent
	res, err := c.PostForm(ts.URL+"/sign-in", url.Values{"code": {"AAAA-AAAA"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without a CSRF token: %d, want 403", res.StatusCode)
	}
	sara := ts.asFamily(t, "Sara Khan")
	res, _ = sara.post(t, "/sign-out/everywhere", "", url.Values{"csrf": {"forged"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("sign out with a forged token: %d, want 403", res.StatusCode)
	}
	if res, _ := sara.get(t, "/my"); res.StatusCode != http.StatusOK {
		t.Error("the forged form signed her out")
	}
}

func TestSignOutEverywhere(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	phone, laptop := ts.asFamily(t, "Sara Khan"), ts.asFamily(t, "Sara Khan")
	if res, _ := laptop.post(t, "/sign-out/everywhere", "/my", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out everywhere: %d", res.StatusCode)
	}
	for name, c := range map[string]*client{"phone": phone, "laptop": laptop} {
		if res, _ := c.get(t, "/my"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the %s is still signed in", name)
		}
	}
}

// TestChosenSignIns: a passphrase that is too short or too common is refused; a good one
// signs in next time. A sign-in link goes through the notifier, works once.
func TestChosenSignIns(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	sara := ts.asFamily(t, "Sara Khan")
	choose := func(c *client, v url.Values) (*http.Response, string) {
		return c.post(t, "/sign-in/choose", "/sign-in/choose", v)
	}
	// Sara reads Urdu: the errors are in Urdu, so look for the error summary, not words.
	for _, pass := range []string{"short", "password1234", "river purple teapot", "Sara Khan at home 1"} {
		res, body := choose(sara, url.Values{"method": {"passphrase"}, "passphrase": {pass}, "passphrase_again": {pass}})
		if res.StatusCode != http.StatusUnprocessableEntity || page(t, body).Find(".error-summary a[href='#passphrase']").Length() != 1 {
			t.Errorf("passphrase %q: %d, want refused with an error on the field", pass, res.StatusCode)
		}
	}
	res, _ := choose(sara, url.Values{"method": {"passphrase"}, "passphrase": {"lantern orchard biscuit"}, "passphrase_again": {"lantern orchard biscuit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good passphrase: %d", res.StatusCode)
	}
	again := ts.newClient(t)
	res, _ = again.post(t, "/sign-in/passphrase", "/sign-in/again", url.Values{"contact": {"sara.khan@example.org"}, "passphrase": {"lantern orchard biscuit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign in with the passphrase: %d", res.StatusCode)
	}
	res, _ = ts.newClient(t).post(t, "/sign-in/passphrase", "/sign-in/again", url.Values{"contact": {"sara.khan@example.org"}, "passphrase": {"wrong guess here"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a wrong passphrase: %d", res.StatusCode)
	}

	tomasz := ts.asFamily(t, "Tomasz Nowak")
	if res, _ := choose(tomasz, url.Values{"method": {"email_link"}, "email": {"tomasz.nowak@example.org"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choose a link: %d", res.StatusCode)
	}
	visitor := ts.newClient(t)
	visitor.post(t, "/sign-in/email", "/sign-in/again", url.Values{"email": {"tomasz.nowak@example.org"}})
	outbox, err := ts.store.Outbox(context.Background(), 1)
	if err != nil || len(outbox) != 1 || outbox[0].Recipient != "tomasz.nowak@example.org" {
		t.Fatalf("outbox = %+v %v", outbox, err)
	}
	link := outbox[0].Body[strings.Index(outbox[0].Body, ts.URL):]
	link = strings.Fields(link)[0]
	res, err = visitor.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("the emailed link: %d", res.StatusCode)
	}
	if res, _ := visitor.get(t, strings.TrimPrefix(link, ts.URL)); res.StatusCode != http.StatusNotFound {
		t.Errorf("the link used twice: %d", res.StatusCode)
	}
	// An address nobody has gets the same answer, and no message.
	_, body := ts.newClient(t).post(t, "/sign-in/email", "/sign-in/again", url.Values{"email": {"nobody@example.org"}})
	if !strings.Contains(body, "If we know this email address") {
		t.Error("an unknown address is answered differently")
	}
	if n, _ := ts.store.Outbox(context.Background(), 10); len(n) != 1 {
		t.Errorf("%d messages in the outbox, want 1", len(n))
	}
}

func TestSessionCookie(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true, TrustProxy: true})
	c := ts.newClient(t)
	code, _ := ts.srv.IssueInvite(context.Background(), "test", ts.personNamed(t, "Sara Khan"))
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/sign-in", strings.NewReader(url.Values{"code": {code}, "csrf": {c.csrf(t, "/sign-in")}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode || session.MaxAge != int(familySessionTTL.Seconds()) {
		t.Errorf("session cookie = %+v", session)
	}
}

// TestYoungPersonChoosesWhatParentsSee: Bilal keeps his views private; his mother's page
// then says only that some parts are private.
func TestYoungPersonChoosesWhatParentsSee(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	bilal := ts.asFamily(t, "Bilal Khan")
	res, _ := bilal.post(t, "/children/C-1002/privacy", "/children/C-1002/privacy", url.Values{"private": {"child_views", "worries", "not-a-section"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	sections, ok, err := ts.store.PrivateSections(context.Background(), "C-1002")
	if err != nil || !ok || strings.Join(sections, ",") != "child_views,worries" {
		t.Fatalf("private sections = %v %v %v", sections, ok, err)
	}
	sara := ts.asFamily(t, "Sara Khan")
	_, body := sara.get(t, "/children/C-1002/parent/F-1?lang=en")
	if !strings.Contains(body, "has chosen to keep them private") || strings.Contains(body, `id="worries"`) {
		t.Error("the parent version shows what Bilal made private")
	}
	trail, _ := ts.store.AuditTrail(context.Background(), "child:C-1002", 20)
	found := false
	for _, e := range trail {
		found = found || e.Action == store.ActionPrivacy
	}
	if !found {
		t.Error("the choice is not in the audit trail")
	}
}

// TestStaffAuthenticatorApp: a worker turns on an authenticator app; from then on the
// password alone does not sign them in, the password and a code do.
func TestStaffAuthenticatorApp(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	var email, password string
	for _, s := range ts.people.Staff {
		if s.Role == store.KindWorker {
			email, password = s.Email, s.Password
		}
	}
	jo := ts.staffClient(t, email, password)
	_, body := jo.get(t, "/staff/totp")
	secret, _ := page(t, body).Find(`input[name="secret"]`).Attr("value")
	if secret == "" {
		t.Fatal("no key offered")
	}
	if res, _ := jo.post(t, "/staff/totp", "/staff/totp", url.Values{"secret": {secret}, "code": {"000000"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a wrong code turned it on: %d", res.StatusCode)
	}
	code, _ := totp.GenerateCode(secret, time.Now())
	if res, _ := jo.post(t, "/staff/totp", "/staff/totp", url.Values{"secret": {secret}, "code": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("turn on: %d", res.StatusCode)
	}
	c := ts.newClient(t)
	if res, _ := c.post(t, "/staff/sign-in", "/staff/sign-in", url.Values{"email": {email}, "password": {password}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("password without a code: %d, want refused", res.StatusCode)
	}
	code, _ = totp.GenerateCode(secret, time.Now())
	if res, _ := c.post(t, "/staff/sign-in", "/staff/sign-in", url.Values{"email": {email}, "password": {password}, "totp": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("password and code: %d, want signed in", res.StatusCode)
	}
}
