package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/familyportal/portal/portal/browsertest"
	"github.com/familyportal/portal/portal/store"
)

var demoDir = filepath.Join("..", "..", "render", "document", "examples")

type result struct {
	code           int
	stdout, stderr string
}

// runPortal runs the command line in-process, as main would.
func runPortal(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" },
		now:    func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) },
	}
	code := run(context.Background(), args, e)
	return result{code, stdout.String(), stderr.String()}
}

func demoFile(name string) string { return filepath.Join(demoDir, name) }

func openDB(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestImportRefusesEveryFileIfOneIsBroken: one line per mistake with its file and JSON
// path, exit 1, and nothing in the database.
func TestImportRefusesEveryFileIfOneIsBroken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	got := runPortal(t, "import", "--db", db, demoFile("amira.json"), demoFile("broken.json"), "missing.json")
	if got.code != exitProblems {
		t.Fatalf("exit = %d, want 1\n%s", got.code, got.stderr)
	}
	lines := strings.Split(strings.TrimSpace(got.stderr), "\n")
	line := regexp.MustCompile(`^\S+broken\.json: \$(\.[a-z_]+(\[\d+\])?)+: .+`)
	var brokenLines int
	for _, l := range lines {
		if strings.Contains(l, "broken.json") {
			brokenLines++
			if !line.MatchString(l) {
				t.Errorf("line %q is not FILE: PATH: sentence", l)
			}
		}
	}
	if brokenLines != 10 {
		t.Errorf("%d problem lines for broken.json, want its 10 mistakes:\n%s", brokenLines, got.stderr)
	}
	for _, want := range []string{
		`$.plan.actions[2].by: "2026-13-01" is not a date (use YYYY-MM-DD)`,
		"missing.json: there is no such file",
		"Nothing was imported: 11 problems in 3 files.",
	} {
		if !strings.Contains(got.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if got.stdout != "" {
		t.Errorf("stdout = %q, want nothing", got.stdout)
	}
	if _, err := os.Stat(db); err == nil {
		children, _ := openDB(t, db).Children(context.Background())
		if len(children) != 0 {
			t.Errorf("the database has %d children after a refused import", len(children))
		}
	}
}

func TestImportTwiceAddsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	first := runPortal(t, "import", "--db", db, demoFile("amira.json"), demoFile("bilal.json"))
	if first.code != exitOK || !strings.Contains(first.stdout, "child C-1001, plan PL-77: stored as version 1") {
		t.Fatalf("first import: %+v", first)
	}
	again := runPortal(t, "import", "--db", db, demoFile("amira.json"))
	if again.code != exitOK || !strings.Contains(again.stdout, "unchanged, the same as version 1") {
		t.Fatalf("second import: %+v", again)
	}
	history, err := openDB(t, db).PlanHistory(context.Background(), "C-1001", "PL-77")
	if err != nil || len(history) != 1 {
		t.Errorf("history = %v, %v; want one version", history, err)
	}
}

// TestExportGivesBackWhatWasImported: unknown fields survive import -> store -> export.
func TestExportGivesBackWhatWasImported(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if got := runPortal(t, "import", "--db", db, demoFile("amira.json")); got.code != exitOK {
		t.Fatal(got.stderr)
	}
	got := runPortal(t, "export", "--db", db, "C-1001")
	if got.code != exitOK {
		t.Fatal(got.stderr)
	}
	in, _ := os.ReadFile(demoFile("amira.json"))
	var want, out any
	json.Unmarshal(in, &want)
	if err := json.Unmarshal([]byte(got.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, out) {
		t.Error("exported document differs from the imported one")
	}
	if !strings.Contains(got.stdout, `"source_system"`) || !strings.Contains(got.stdout, `"translation_status": "draft"`) {
		t.Error("unknown fields are missing from the export")
	}
	if missing := runPortal(t, "export", "--db", db, "C-404"); missing.code != exitProblems || !strings.Contains(missing.stderr, "there is no stored plan for child C-404") {
		t.Errorf("export of an unknown child: %+v", missing)
	}
}

func TestRenderWorkerView(t *testing.T) {
	got := runPortal(t, "render", "--view", "worker", demoFile("amira.json"))
	if got.code != exitOK {
		t.Fatal(got.stderr)
	}
	page, err := goquery.NewDocumentFromReader(strings.NewReader(got.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if lang, _ := page.Find("html").Attr("lang"); lang != "en" {
		t.Errorf("lang = %q", lang)
	}
	if h1 := page.Find("h1").Text(); !strings.Contains(h1, "Amira Khan") {
		t.Errorf("h1 = %q", h1)
	}
	if n := page.Find(".text--withheld").Length(); n != 3 {
		t.Errorf("%d withheld texts marked, want 3", n)
	}
	if page.Find("style").Length() != 1 {
		t.Error("the standalone page should carry its style sheet")
	}
	broken := runPortal(t, "render", "--view", "worker", demoFile("broken.json"))
	if broken.code != exitProblems || broken.stdout != "" || !strings.Contains(broken.stderr, "Nothing was rendered: 10 problems.") {
		t.Errorf("render of a broken document: %+v", broken)
	}
	if other := runPortal(t, "render", "--view", "timeline", demoFile("amira.json")); other.code != exitProblems || !strings.Contains(other.stderr, `there is no view "timeline"`) {
		t.Errorf("unknown view: exit %d", other.code)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	db, dest := filepath.Join(dir, "portal.db"), filepath.Join(dir, "copy.db")
	if got := runPortal(t, "backup", "--db", db, dest); got.code != exitProblems || !strings.Contains(got.stderr, "there is no database at") {
		t.Errorf("backup of no database: %+v", got)
	}
	runPortal(t, "import", "--db", db, demoFile("amira.json"))
	if got := runPortal(t, "backup", "--db", db, dest); got.code != exitOK || !strings.Contains(got.stdout, "Backed up") {
		t.Fatalf("backup: %+v", got)
	}
	if got := runPortal(t, "backup", "--db", db, dest); got.code != exitProblems || !strings.Contains(got.stderr, "already exists") {
		t.Errorf("backup over an existing file: %+v", got)
	}
	children, err := openDB(t, dest).Children(context.Background())
	if err != nil || len(children) != 1 {
		t.Errorf("backup holds %v, %v", children, err)
	}
}

func TestUsage(t *testing.T) {
	if got := runPortal(t, "frobnicate"); got.code != exitUsage || !strings.Contains(got.stderr, `there is no command "frobnicate"`) {
		t.Errorf("unknown command: %+v", got)
	}
	if got := runPortal(t, "--help"); got.code != exitOK || !strings.Contains(got.stdout, "Commands:") {
		t.Errorf("--help: %+v", got)
	}
	for _, c := range commands() {
		got := runPortal(t, c.name, "--help")
		if got.code != exitOK || !strings.Contains(got.stderr, "Usage: portal "+c.name) {
			t.Errorf("%s --help: %+v", c.name, got)
		}
		if lines := strings.Count(got.stderr, "\n"); lines > 24 {
			t.Errorf("%s --help is %d lines; keep it to one screen", c.name, lines)
		}
	}
	if got := runPortal(t, "import"); got.code != exitUsage {
		t.Errorf("import with no files: exit %d", got.code)
	}
}

// TestDemoBinary builds the real binary, starts the demo as a person would, checks the
// pages answer, and stops it with SIGTERM.
func TestDemoBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	cmd := exec.Command(buildPortal(t), "--demo", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "PORTAL_DB=")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	base, out := waitForDemo(t, stdout, stderr.String)
	codes := signInCodes(out)
	staff := regexp.MustCompile(`(?m)^\s+(jo\.smith@example\.org)\s+(\S+)`).FindStringSubmatch(out)
	if codes["Sara Khan"] == "" || codes["Bilal Khan"] == "" || staff == nil {
		t.Fatalf("the demo did not print sign-in codes and staff passwords:\n%s", out)
	}

	if res, err := http.Get(base + "healthz"); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	// The worker, over plain HTTP with the printed password.
	jar, _ := cookiejar.New(nil)
	web := &http.Client{Jar: jar}
	csrf := func(path string) string {
		res, err := web.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		doc, _ := goquery.NewDocumentFromReader(res.Body)
		v, _ := doc.Find(`input[name="csrf"]`).Attr("value")
		return v
	}
	res, err := web.PostForm(base+"staff/sign-in", url.Values{"csrf": {csrf("staff/sign-in")}, "email": {staff[1]}, "password": {staff[2]}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = web.Get(base + "children/C-1001")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Not for the family") {
		t.Errorf("the worker's view of Amira: %d", res.StatusCode)
	}
	signInAsParent(t, base, codes["Sara Khan"])

	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Error("the server did not stop within 15 s of SIGTERM")
	}
	if logs := stderr.String(); strings.Contains(logs, "C-1001") || strings.Contains(logs, "Amira") {
		t.Errorf("the logs name a child:\n%s", logs)
	}
}

// buildPortal builds the server binary into a temporary folder and returns its path.
func buildPortal(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "portal")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// waitForDemo reads the demo's stdout up to the line with its address, and returns the
// address and everything printed until then (the sign-in codes). It goes on reading in the
// background so the demo never blocks on a full pipe.
func waitForDemo(t *testing.T, stdout io.Reader, logs func() string) (base, printed string) {
	t.Helper()
	type shown struct{ base, printed string }
	addr := make(chan shown, 1)
	go func() {
		open := regexp.MustCompile(`Open (http://\S+/) in a browser`)
		var text strings.Builder
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			text.WriteString(sc.Text() + "\n")
			if m := open.FindStringSubmatch(sc.Text()); m != nil {
				addr <- shown{m[1], text.String()}
				io.Copy(io.Discard, stdout)
				return
			}
		}
		close(addr)
	}()
	select {
	case s, ok := <-addr:
		if !ok {
			t.Fatalf("the demo stopped before printing its address\n%s", logs())
		}
		return s.base, s.printed
	case <-time.After(60 * time.Second):
		t.Fatalf("the demo did not print its address\n%s", logs())
	}
	return "", ""
}

// signInCodes are the one-time codes the demo printed, by the person's name.
func signInCodes(printed string) map[string]string {
	codes := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s+([2-9A-Z]{4}-[2-9A-Z]{4})\s+(\S+ \S+) \(`).FindAllStringSubmatch(printed, -1) {
		codes[m[2]] = m[1]
	}
	return codes
}

// signInAsParent signs in in Chromium as the demo mother with the code the demo printed, on
// a 320 px screen, chooses a passphrase, and reads Amira's plan in Urdu.
func signInAsParent(t *testing.T, base, code string) {
	ctx := browsertest.New(t)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile),
		chromedp.Navigate(base+"sign-in"),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#method-passphrase")),
		chromedp.Click(chromedp.CSS("#method-passphrase")),
		chromedp.SendKeys(chromedp.CSS("#passphrase"), "lantern orchard biscuit"),
		chromedp.SendKeys(chromedp.CSS("#passphrase_again"), "lantern orchard biscuit"),
		chromedp.Submit(chromedp.CSS("#passphrase")),
		chromedp.WaitVisible(chromedp.CSS(".child-list")),
		chromedp.Click(chromedp.CSS(`a[href="/children/C-1001/parent/F-1"]`)),
		chromedp.WaitVisible(chromedp.CSS(".family--parent")),
	)
	if err != nil {
		t.Fatalf("signing in as the demo parent: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir + " " + document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "ur rtl 320" {
		t.Errorf("the parent version: lang, dir and width = %q, want \"ur rtl 320\"", got)
	}
}
