package portal

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/portal/browsertest"

	"github.com/familyportal/portal/portal/demo"
)

var screenshots = flag.String("screenshots", "", "write page screenshots to this folder")

// signInStaff signs the browser in through the staff sign-in form.
func signInStaff(t *testing.T, ctx context.Context, ts *testServer, role string) {
	t.Helper()
	for _, st := range ts.people.Staff {
		if st.Role != role {
			continue
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/staff/sign-in"),
			chromedp.SendKeys(chromedp.CSS("#email"), st.Email),
			chromedp.SendKeys(chromedp.CSS("#password"), st.Password),
			chromedp.Submit(chromedp.CSS("#password")),
			chromedp.WaitVisible(chromedp.CSS(".site-header__account")),
		)
		if err != nil {
			t.Fatalf("sign in as %s: %v", role, err)
		}
		return
	}
	t.Fatalf("no demo %s", role)
}

// TestPagesOnASmallPhone opens every page at 320 px wide: nothing scrolls sideways, and
// axe-core finds no WCAG 2.2 AA problem.
func TestPagesOnASmallPhone(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	for _, path := range []string{"/", "/sign-in", "/sign-in/again", "/staff/sign-in", "/rights"} {
		t.Run(path, func(t *testing.T) { checkPhonePage(t, ctx, ts.URL+path, axe, path) })
	}
	signInStaff(t, ctx, ts, "worker")
	for _, path := range []string{"/my", "/children/C-1001", "/children/C-1002", "/children/C-404", "/packs", "/plans/new", "/children/C-1001/review", "/children/C-1001/translate/ur", "/children/C-1001/publish"} {
		t.Run(path, func(t *testing.T) { checkPhonePage(t, ctx, ts.URL+path, axe, path) })
	}
	// The manager's start page: the team's caseload, by worker. Signed out first, so that
	// signing in waits for the manager's page and not the worker's header still showing.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".site-header__account button")), chromedp.WaitNotPresent(chromedp.CSS(".site-header__account"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	signInStaff(t, ctx, ts, "manager")
	t.Run("/my as manager", func(t *testing.T) {
		checkPhonePage(t, ctx, ts.URL+"/my", axe, "/my-manager")
		if team, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#caseload-h') !== null`)); !team {
			t.Error("the manager's page has no team caseload")
		}
	})
	// The council admin's settings, with a code and a token in their lists.
	if _, _, err := ts.srv.InviteFamilyMember(context.Background(), "test", "C-1001", "F-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.srv.IssueAPIToken(context.Background(), "test", "Mosaic", ""); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".site-header__account button")), chromedp.WaitNotPresent(chromedp.CSS(".site-header__account"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	signInStaff(t, ctx, ts, "admin")
	jo := fmt.Sprintf("/admin/staff/%d", staffID(t, ts, "jo.smith@example.org"))
	for _, path := range []string{"/admin", "/admin/council", "/admin/brand", "/admin/advocacy", "/admin/rules/minutes", "/admin/languages",
		"/admin/staff", "/admin/staff/new", jo, "/admin/invites", "/admin/api-tokens", "/admin/audit"} {
		t.Run(path, func(t *testing.T) { checkPhonePage(t, ctx, ts.URL+path, axe, path) })
	}
}

// checkPhonePage opens a page at 320 px wide: nothing scrolls sideways and axe-core finds no
// WCAG 2.2 AA problem. With -screenshots it keeps a picture of the whole page.
func checkPhonePage(t *testing.T, ctx context.Context, url, axe, path string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 320 {
		t.Errorf("the page is %d px wide on a 320 px screen", width)
	}
	browsertest.CheckAccessible(t, ctx, axe, path)
	if *screenshots != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.Trim(strings.ReplaceAll(path, "/", "-"), "-")
		if name == "" {
			name = "home"
		}
		os.WriteFile(filepath.Join(*screenshots, fmt.Sprintf("%s-320.png", name)), png, 0o644)
	}
}

// TestAccessibilityCheckCanFail proves the check above finds problems when there are some.
func TestAccessibilityCheckCanFail(t *testing.T) {
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	bad := `data:text/html,<html><body><img src="x.png"><p style="color:%23777;background:%23888">low contrast</p></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range browsertest.Violations(t, ctx, axe) {
		found[v.ID] = true
	}
	for _, id := range []string{"image-alt", "color-contrast", "html-has-lang"} {
		if !found[id] {
			t.Errorf("axe did not report %s on a page that has it; found %v", id, found)
		}
	}
}

// TestFamilyPagesInABrowser opens the family views on a small phone and a laptop: nothing
// scrolls sideways, lang and dir are right, no withheld text is anywhere in the DOM, and
// axe-core finds no WCAG 2.2 AA problem.
func TestFamilyPagesInABrowser(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	signInStaff(t, ctx, ts, "worker")
	docs, err := demo.Documents(today)
	if err != nil {
		t.Fatal(err)
	}
	var withheld []string
	for _, in := range docs {
		for _, text := range in.Doc.Texts() {
			if text.Withheld() {
				withheld = append(withheld, text.Text[:min(40, len(text.Text))], text.Reason[:min(40, len(text.Reason))])
			}
		}
	}
	pages := []struct{ path, lang, dir string }{
		{"/children/C-1001/parent/F-3", "en", "ltr"},
		{"/children/C-1001/parent/F-1?lang=ar", "ar", "rtl"},
		{"/children/C-1001/journey", "en", "ltr"},
		{"/children/C-1001/journey?lang=ar", "ar", "rtl"},
		{"/children/C-1002/parent/F-1?lang=en", "en", "ltr"},
		{"/children/C-1002/journey", "en", "ltr"},
	}
	for _, size := range [][2]int64{{320, 640}, {1280, 800}} {
		for _, p := range pages {
			name := fmt.Sprintf("%dx%d %s", size[0], size[1], p.path)
			t.Run(name, func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1], chromedp.EmulateMobile), chromedp.Navigate(ts.URL+p.path)); err != nil {
					t.Fatal(err)
				}
				width, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				if width > int(size[0]) {
					t.Errorf("the page is %d px wide on a %d px screen", width, size[0])
				}
				lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
				if lang != p.lang+" "+p.dir {
					t.Errorf("<html> lang and dir = %q, want %q", lang, p.lang+" "+p.dir)
				}
				dom, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
				for _, secret := range withheld {
					if secret != "" && strings.Contains(dom, secret) {
						t.Errorf("withheld text in the DOM: %q", secret)
					}
				}
				browsertest.CheckAccessible(t, ctx, axe, name)
				if *screenshots != "" && size[0] == 320 {
					png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
					if err == nil {
						file := strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(strings.Trim(p.path, "/"))
						os.WriteFile(filepath.Join(*screenshots, file+".png"), png, 0o644)
					}
				}
			})
		}
	}
}
