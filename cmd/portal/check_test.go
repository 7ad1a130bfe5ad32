package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/familyportal/portal/render/document"
)

// TestCheckJSONContract: the JSON has exactly the agreed keys, and every finding's offsets
// point at its words in the text its path names.
func TestCheckJSONContract(t *testing.T) {
	got := runPortal(t, "check", "--format", "json", demoFile("amira.json"))
	if got.code != exitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(got.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	assertKeys(t, "report", raw, "findings", "readability", "summary")
	var report struct {
		Findings    []map[string]json.RawMessage `json:"findings"`
		Readability []map[string]json.RawMessage `json:"readability"`
		Summary     map[string]json.RawMessage   `json:"summary"`
	}
	json.Unmarshal([]byte(got.stdout), &report)
	assertKeys(t, "summary", report.Summary, "texts", "findings", "unexplained_acronyms")
	if len(report.Findings) < 100 || len(report.Readability) < 60 {
		t.Fatalf("%d findings, %d texts: the demo plan has far more", len(report.Findings), len(report.Readability))
	}

	texts := textsByPath(t, demoFile("amira.json"))
	unexplained := 0
	for _, f := range report.Findings {
		assertKeys(t, "finding", f, "path", "start", "end", "text", "kind", "entry", "explanation", "suggestion")
		var path, words, kind, entry, explanation string
		var start, end int
		json.Unmarshal(f["path"], &path)
		json.Unmarshal(f["text"], &words)
		json.Unmarshal(f["kind"], &kind)
		json.Unmarshal(f["entry"], &entry)
		json.Unmarshal(f["explanation"], &explanation)
		json.Unmarshal(f["start"], &start)
		json.Unmarshal(f["end"], &end)
		text, ok := texts[path]
		if !ok {
			t.Errorf("finding at %s: no such text", path)
			continue
		}
		if r := []rune(text); end > len(r) || string(r[start:end]) != words {
			t.Errorf("%s %d-%d: offsets do not give %q", path, start, end, words)
		}
		if explanation == "" || strings.HasPrefix(explanation, "glossary.") {
			t.Errorf("%s %q: explanation %q", path, words, explanation)
		}
		if kind == "unexplained_acronym" {
			unexplained++
			if entry != "" {
				t.Errorf("unexplained acronym %q has entry %q", words, entry)
			}
		} else if entry == "" {
			t.Errorf("%s %q (%s) has no entry", path, words, kind)
		}
	}
	var summary struct{ Texts, Findings, Unexplained int }
	json.Unmarshal(report.Summary["texts"], &summary.Texts)
	json.Unmarshal(report.Summary["findings"], &summary.Findings)
	json.Unmarshal(report.Summary["unexplained_acronyms"], &summary.Unexplained)
	if summary.Texts != len(report.Readability) || summary.Findings != len(report.Findings) || summary.Unexplained != unexplained {
		t.Errorf("summary %+v does not add up (%d texts, %d findings, %d unexplained)", summary, len(report.Readability), len(report.Findings), unexplained)
	}
	for _, r := range report.Readability {
		assertKeys(t, "readability", r, "path", "words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade", "reading_age")
	}
	for path := range texts {
		if strings.Contains(path, "translations") {
			t.Errorf("a translation was checked: %s", path)
		}
	}
}

func assertKeys(t *testing.T, what string, obj map[string]json.RawMessage, want ...string) {
	t.Helper()
	var got []string
	for k := range obj {
		got = append(got, k)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%s keys = %v, want exactly %v", what, got, want)
	}
}

// textsByPath maps every checked path ($.plan.why.text, $.plan.why.for_child, $.plan.worries[0])
// to its words.
func textsByPath(t *testing.T, file string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for path, text := range doc.Texts() {
		if text.IsObject() {
			out[path+".text"] = text.Text
			if text.ForChild != "" {
				out[path+".for_child"] = text.ForChild
			}
		} else {
			out[path] = text.Text
		}
	}
	return out
}

func TestCheckTextForWorkers(t *testing.T) {
	got := runPortal(t, "check", demoFile("amira.json"))
	if got.code != exitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	for _, want := range []string{
		"$.plan.why.text\n  reading age ",
		"[MASH]",
		"Plain words: ",
		"NOT FOR THE FAMILY",
		"$.plan.why.for_child",
		"3 texts withheld from the family.",
	} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if !strings.HasPrefix(lastLine(got.stdout), "Checked ") {
		t.Errorf("last line = %q, want the summary", lastLine(got.stdout))
	}
	// Each term is explained once; later findings of it point back.
	if n := strings.Count(got.stdout, "Plain words: checks to find out if your child is safe"); n != 1 {
		t.Errorf("the S.47 explanation is printed %d times, want once", n)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestCheckRefusesABrokenDocument(t *testing.T) {
	got := runPortal(t, "check", "--format", "json", demoFile("broken.json"))
	if got.code != exitProblems || got.stdout != "" {
		t.Fatalf("exit %d, stdout %q", got.code, got.stdout)
	}
	if !strings.Contains(got.stderr, `broken.json: $.plan.actions[2].by: "2026-13-01" is not a date (use YYYY-MM-DD)`) {
		t.Errorf("stderr = %s", got.stderr)
	}
	if got := runPortal(t, "check", "--format", "xml", demoFile("amira.json")); got.code != exitUsage {
		t.Errorf("--format xml: exit %d", got.code)
	}
}

func TestCheckMarksPathsOfStringAndObjectTexts(t *testing.T) {
	file := t.TempDir() + "/plan.json"
	os.WriteFile(file, []byte(`{"schema":"plan-document/v1","child":{"ref":"C","name":"N","date_of_birth":"2015-01-01"},
		"plan":{"ref":"P","kind":"child_in_need","why":"The ICPC met.",
		"worries":[{"text":"Mum missed the RCPC.","for_child":"Mum missed a meeting about you and the LADO called.","translations":{"pl":"ICPC"}}]}}`), 0o644)
	got := runPortal(t, "check", "--format", "json", file)
	var report struct {
		Findings []struct {
			Path, Text string
		}
	}
	json.Unmarshal([]byte(got.stdout), &report)
	var found []string
	for _, f := range report.Findings {
		found = append(found, f.Path+" "+f.Text)
	}
	want := []string{"$.plan.why ICPC", "$.plan.worries[0].text RCPC", "$.plan.worries[0].for_child LADO"}
	if strings.Join(found, "|") != strings.Join(want, "|") {
		t.Errorf("findings = %q, want %q", found, want)
	}
}

func TestDue(t *testing.T) {
	got := runPortal(t, "due", "--from", "2025-11-03", "--days", "10")
	if got.code != exitOK || got.stdout != "2025-11-13\n" {
		t.Errorf("10 days after Monday 3 November 2025: %+v", got)
	}
	got = runPortal(t, "due", "--from", "2026-12-23", "--days", "5", "--working", "--closed", "2026-12-29,2026-12-30,2026-12-31", "--explain")
	if got.code != exitOK || !strings.HasPrefix(got.stdout, "2027-01-07\n") || !strings.Contains(got.stdout, "skipped Mon 28 Dec 2026: Boxing Day (bank holiday)") || !strings.Contains(got.stdout, "council closure") {
		t.Errorf("over Christmas with a closure: %+v", got)
	}
	if got := runPortal(t, "due", "--from", "2026-12-31", "--days", "1", "--working", "--nation", "scotland"); got.stdout != "2027-01-05\n" {
		t.Errorf("Scotland's 2 January: %+v", got)
	}
	if got := runPortal(t, "due", "--from", "tomorrow", "--days", "1"); got.code != exitUsage {
		t.Errorf("a bad date: exit %d", got.code)
	}
	if got := runPortal(t, "due", "--from", "2026-01-01", "--days", "1", "--nation", "france"); got.code != exitProblems {
		t.Errorf("a bad nation: exit %d", got.code)
	}
}

// TestRulesChangeOnlyNewPromises: a longer rule applies to promises started after the
// change; the running ones keep their length.
func TestRulesChangeOnlyNewPromises(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if got := runPortal(t, "import", "--db", db, demoFile("amira.json")); got.code != exitOK {
		t.Fatal(got.stderr)
	}
	got := runPortal(t, "rules", "--db", db, "--set", "minutes", "--days", "15", "--working")
	if got.code != exitOK || !strings.Contains(got.stdout, "minutes") || !strings.Contains(got.stdout, "15 working days") {
		t.Fatalf("rules: %+v", got)
	}
	list := runPortal(t, "promises", "--db", db, "--child", "C-1001", "--format", "json", "--as-of", "2026-11-22")
	var promises []map[string]any
	if err := json.Unmarshal([]byte(list.stdout), &promises); err != nil || len(promises) == 0 {
		t.Fatalf("promises: %v %s", err, list.stdout)
	}
	for _, p := range promises {
		if p["rule"] == "minutes" && p["days"].(float64) != 10 {
			t.Errorf("a running promise changed length: %v", p)
		}
		for _, key := range []string{"rule", "started", "due", "kept_on", "status"} {
			if _, ok := p[key]; !ok {
				t.Errorf("promise JSON lacks %q", key)
			}
		}
	}
	if got := runPortal(t, "rules", "--db", db, "--set", "nope", "--days", "3"); got.code != exitProblems {
		t.Errorf("an unknown rule without its events: exit %d", got.code)
	}
}
