package portal

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/portal/browsertest"
)

// signInFamily signs the browser in with a new invite code and a chosen passphrase.
func signInFamily(t *testing.T, ctx context.Context, ts *testServer, name string) {
	t.Helper()
	code, err := ts.srv.IssueInvite(context.Background(), "test", ts.personNamed(t, name))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sign-in"),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#method-passphrase")),
		chromedp.Click(chromedp.CSS("#method-passphrase")),
		chromedp.SendKeys(chromedp.CSS("#passphrase"), "lantern orchard biscuit"),
		chromedp.SendKeys(chromedp.CSS("#passphrase_again"), "lantern orchard biscuit"),
		chromedp.Submit(chromedp.CSS("#passphrase")),
		chromedp.WaitVisible(chromedp.CSS(".child-list")),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", name, err)
	}
}

// TestThoughtsJourneyInABrowser fills "Your thoughts and comments" as Sara, in Urdu, on a
// 320 px phone: every page right to left, nothing scrolling sideways, no axe-core problem,
// an error that keeps what she typed, the reference; then her worker finds it.
func TestThoughtsJourneyInABrowser(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	signInFamily(t, ctx, ts, "Sara Khan")
	checkPage := func(name string) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir + " " + Math.max(document.documentElement.scrollWidth, 320)`))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got != "ur rtl 320" {
			t.Errorf("%s: lang, dir and width = %q, want \"ur rtl 320\"", name, got)
		}
		browsertest.CheckAccessible(t, ctx, axe, name)
	}
	next := chromedp.CSS(`form[action^="/children/"] button.button`)
	do := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkPage(name)
	}

	do("parent version", chromedp.Navigate(ts.URL+"/children/C-1001/parent/F-1"), chromedp.WaitVisible(chromedp.CSS(`a[href="/children/C-1001/thoughts"]`)))
	do("start", chromedp.Click(chromedp.CSS(`a[href="/children/C-1001/thoughts"]`)), chromedp.WaitVisible(chromedp.CSS(`a[href$="/thoughts/going_well"]`)))
	do("going well", chromedp.Click(chromedp.CSS(`a[href$="/thoughts/going_well"]`)), chromedp.WaitVisible(chromedp.CSS("#going_well")))
	for _, text := range []struct{ field, value, next string }{
		{"going_well", "ہم ہر روز ساتھ کھانا کھاتے ہیں", "worries"},
		{"worries", "آمنہ اسکول میں خوش نہیں ہے", "agenda"},
		{"agenda", "اسکول بس", "who"},
		{"who", "میری بہن", "time_place"},
	} {
		do(text.next, chromedp.SendKeys(chromedp.CSS("#"+text.field), text.value), chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS("#"+text.next)))
	}
	do("needs", chromedp.Click(chromedp.CSS("#time_place")), chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS("#needs")))
	do("advocate", chromedp.Click(chromedp.CSS("#needs")), chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS("#advocate-help")))
	do("phone", chromedp.Click(chromedp.CSS("#advocate-help")), chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS("#phone_when")))
	do("phone with an error",
		chromedp.Click(chromedp.CSS("#phone")),
		chromedp.SendKeys(chromedp.CSS("#phone_when"), "شام چھ بجے کے بعد"),
		chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#phone_when").value + "|" + document.querySelector("#phone").checked + "|" + document.querySelector(".error-summary a").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "شام چھ بجے کے بعد|true|" + ts.srv.renderer.Translator("ur").T("forms.error.phone"); kept != want {
		t.Errorf("after the error: %q, want %q", kept, want)
	}
	do("check answers", chromedp.SendKeys(chromedp.CSS("#phone_number"), "07700 900123"), chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS(".check-answers")))
	answers, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".check-answers").textContent`))
	for _, want := range []string{"آمنہ اسکول میں خوش نہیں ہے", "اسکول بس", "07700 900123"} {
		if !strings.Contains(answers, want) {
			t.Errorf("the check answers page lacks %q", want)
		}
	}
	do("confirmation", chromedp.Click(next), chromedp.WaitVisible(chromedp.CSS(".panel-confirm")))
	ref, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".panel-confirm .invite-code").textContent`))
	if !regexp.MustCompile(`^TC-[0-9A-Z]{6}$`).MatchString(ref) {
		t.Fatalf("the confirmation shows %q, not a reference", ref)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/sign-out"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`form[action="/sign-out"]`))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	signInStaff(t, ctx, ts, "worker")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/children/C-1001")); err != nil {
		t.Fatal(err)
	}
	sent, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#sent").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{ref, "آمنہ اسکول میں خوش نہیں ہے", "Phone them back"} {
		if !strings.Contains(sent, want) {
			t.Errorf("the worker's page lacks %q in what the family sent", want)
		}
	}
}

// TestOtherFormsInABrowser opens the pages of My views (with the page a child sees when
// they do not feel safe, and the younger child's pictures) and of "Tell us what you think"
// on a 320 px phone: nothing scrolls
// sideways and axe-core finds no problem.
func TestOtherFormsInABrowser(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	check := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if width, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); width > 320 {
			t.Errorf("%s: the page is %d px wide on a 320 px screen", name, width)
		}
		browsertest.CheckAccessible(t, ctx, axe, name)
	}
	signInFamily(t, ctx, ts, "Bilal Khan")
	check("My views", chromedp.Navigate(ts.URL+"/children/C-1002/views"))
	check("do you feel safe", chromedp.Navigate(ts.URL+"/children/C-1002/views/safe"), chromedp.WaitVisible(chromedp.CSS("#safe-no")))
	check("help now", chromedp.Click(chromedp.CSS("#safe-no")), chromedp.Click(chromedp.CSS(`form[action$="/views/safe"] button.button`)), chromedp.WaitVisible(chromedp.CSS(".safety-contacts")))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/sign-out"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`form[action="/sign-out"]`))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	signInFamily(t, ctx, ts, "Sara Khan")
	check("My views with pictures", chromedp.Navigate(ts.URL+"/children/C-1001/views/hard"), chromedp.WaitVisible(chromedp.CSS(".question-picture")))
	check("tell us what you think", chromedp.Navigate(ts.URL+"/children/C-1001/after"))
	check("a part of the plan", chromedp.Navigate(ts.URL+"/children/C-1001/after/part_worries"), chromedp.WaitVisible(chromedp.CSS("#part_worries_comment")))
	check("the meeting", chromedp.Navigate(ts.URL+"/children/C-1001/after/interpreter"), chromedp.WaitVisible(chromedp.CSS("#interpreter")))
	check("rights", chromedp.Navigate(ts.URL+"/rights"))
}
