package portal

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/portal/browsertest"
	"github.com/familyportal/portal/render/document/examples"
)

// TestWorkerPathInABrowser is the worker's whole path, as the demo worker in a real browser:
// bring in a document with a mistake and see the error summary, fix it and bring it in,
// read the findings, write a child's wording, add the Urdu translation, publish; then Sara
// signs in and reads the new wording in Urdu. axe-core checks every worker page on the way.
func TestWorkerPathInABrowser(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := browsertest.New(t)
	axe := browsertest.Axe(t)
	dir := t.TempDir()
	amira, _ := examples.File("amira.json")
	// The case system's export, with one mistake: a date of birth written the British way.
	fixed := bytes.Replace(amira, []byte(`"known_as": "Mimi"`), []byte(`"known_as": "Mimi K"`), 1)
	mistake := bytes.Replace(fixed, []byte(`"date_of_birth": "2015-04-02"`), []byte(`"date_of_birth": "02/04/2015"`), 1)
	if bytes.Equal(mistake, fixed) {
		t.Fatal("the mistake was not made: is Amira's date of birth still 2015-04-02?")
	}
	for name, data := range map[string][]byte{"mistake.json": mistake, "fixed.json": fixed} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return got
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	signInStaff(t, ctx, ts, "worker")

	step("upload with a mistake",
		chromedp.Navigate(ts.URL+"/plans/new"),
		chromedp.SetUploadFiles(chromedp.CSS("#document"), []string{filepath.Join(dir, "mistake.json")}),
		chromedp.Submit(chromedp.CSS("#document")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if got := text("main table"); !strings.Contains(got, "Child: date of birth") {
		t.Errorf("the problems do not name the field as a worker knows it:\n%s", got)
	}
	browsertest.CheckAccessible(t, ctx, axe, "upload with problems")

	step("fix and upload",
		chromedp.SetUploadFiles(chromedp.CSS("#document"), []string{filepath.Join(dir, "fixed.json")}),
		chromedp.Submit(chromedp.CSS("#document")),
		chromedp.WaitVisible(chromedp.CSS("#plan-worries-0")),
	)
	if got := text(".notice--success"); !strings.Contains(got, "version 2") {
		t.Errorf("no word that version 2 came in: %q", got)
	}
	findings, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#plan-why .findings li').length`))
	if findings < 5 {
		t.Errorf("%d findings shown for why we are working with the family", findings)
	}
	browsertest.CheckAccessible(t, ctx, axe, "review")

	const childWords = "Sometimes the grown-ups at home shout, and that is scary."
	step("write the child's wording",
		chromedp.SetValue(chromedp.CSS("#child-plan-worries-0"), childWords),
		chromedp.Submit(chromedp.CSS("#child-plan-worries-0")),
		chromedp.WaitVisible(chromedp.CSS(".notice--success a[href='#plan-worries-0']")),
	)
	if got := text(".notice--success"); !strings.Contains(got, "version 3") {
		t.Errorf("saving did not make version 3: %q", got)
	}

	const urdu = "کبھی کبھی گھر میں بڑے زور سے بولتے ہیں، اور یہ ڈرا دینے والا ہے۔"
	step("add the Urdu translation",
		chromedp.Navigate(ts.URL+"/children/C-1001/translate/ur"),
		chromedp.WaitVisible(chromedp.CSS("#target-plan-worries-0")),
	)
	browsertest.CheckAccessible(t, ctx, axe, "translate")
	step("save the Urdu translation",
		chromedp.SetValue(chromedp.CSS("#target-plan-worries-0"), urdu),
		chromedp.Submit(chromedp.CSS("#target-plan-worries-0")),
		chromedp.WaitVisible(chromedp.CSS(".notice--success")),
	)

	step("open the publish page", chromedp.Navigate(ts.URL+"/children/C-1001/publish"), chromedp.WaitVisible(chromedp.CSS("#confirm")))
	if got := text("#withheld-h"); !strings.Contains(got, "3") {
		t.Errorf("the withheld texts are not counted: %q", got)
	}
	browsertest.CheckAccessible(t, ctx, axe, "publish")
	step("publish",
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.Submit(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS(".notice--success")),
	)
	if url, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(url, "/children/C-1001?published=1") {
		t.Errorf("after publishing: %s", url)
	}

	step("sign out", chromedp.Click(chromedp.CSS(".site-header__account button")), chromedp.WaitNotPresent(chromedp.CSS(".site-header__account")))
	signInFamily(t, ctx, ts, "Sara Khan")
	step("read the plan", chromedp.Navigate(ts.URL+"/children/C-1001/parent/F-1"), chromedp.WaitVisible(chromedp.CSS("main")))
	lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if lang != "ur" {
		t.Errorf("Sara's page is in %q, want Urdu", lang)
	}
	if got := text("main"); !strings.Contains(got, urdu) {
		t.Errorf("Sara does not read the new Urdu wording")
	}
	step("read My Journey with Amira", chromedp.Navigate(ts.URL+"/children/C-1001/journey?lang=en"), chromedp.WaitVisible(chromedp.CSS("main")))
	if got := text("main"); !strings.Contains(got, childWords) {
		t.Errorf("My Journey does not have the child's new wording")
	}
}
