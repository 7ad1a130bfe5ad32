package portal

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/portal/demo"
)

var screenshots = flag.String("screenshots", "", "write page screenshots to this folder")

// newBrowser starts headless Chromium for one test. It skips when Chromium is absent on a
// developer's machine; CI installs it (.ci/run), so there the tests always run.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run should have installed it")
		}
		t.Skip("chromium is not installed (apt-get install chromium); skipping browser tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// axeSource reads axe-core, installed by .ci/run into .ci/node_modules.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", ".ci", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is not installed: %v", err)
		}
		t.Skip("axe-core is not installed (cd .ci && npm install); skipping accessibility checks")
	}
	return string(src)
}

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axeViolations runs axe-core's WCAG 2.2 AA rules on the page open in ctx.
func axeViolations(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("load axe: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var violations []axeViolation
	if err := json.Unmarshal(raw, &violations); err != nil {
		t.Fatalf("axe result: %v", err)
	}
	return violations
}

// checkAccessible fails the test for every WCAG problem axe-core finds on the open page.
func checkAccessible(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	for _, v := range axeViolations(t, ctx, axe) {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, strings.Join(n.Target, " "))
		}
		t.Errorf("%s: %s: %s (%s)", name, v.ID, v.Help, strings.Join(targets, "; "))
	}
}

// TestPagesOnASmallPhone opens every page at 320 px wide: nothing scrolls sideways, and
// axe-core finds no WCAG 2.2 AA problem.
func TestPagesOnASmallPhone(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := newBrowser(t)
	axe := axeSource(t)
	for _, path := range []string{"/", "/children/C-1001", "/children/C-1002", "/children/C-404"} {
		t.Run(path, func(t *testing.T) {
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile),
				chromedp.Navigate(ts.URL+path),
			)
			if err != nil {
				t.Fatal(err)
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width > 320 {
				t.Errorf("the page is %d px wide on a 320 px screen", width)
			}
			checkAccessible(t, ctx, axe, path)
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
		})
	}
}

// TestAccessibilityCheckCanFail proves the check above finds problems when there are some.
func TestAccessibilityCheckCanFail(t *testing.T) {
	ctx := newBrowser(t)
	axe := axeSource(t)
	bad := `data:text/html,<html><body><img src="x.png"><p style="color:%23777;background:%23888">low contrast</p></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range axeViolations(t, ctx, axe) {
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
	ctx := newBrowser(t)
	axe := axeSource(t)
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
				checkAccessible(t, ctx, axe, name)
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
