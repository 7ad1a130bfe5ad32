package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustParse(t testing.TB, data []byte) *Document {
	t.Helper()
	d, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func problemsOf(t *testing.T, data []byte) Problems {
	t.Helper()
	_, err := Parse(data)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse error = %v, want Problems", err)
	}
	return ps
}

func TestParseDesignExample(t *testing.T) {
	d := mustParse(t, readFile(t, "design-example.json"))
	if d.Child.Name != "Amira Khan" || d.Child.DateOfBirth.String() != "2015-04-02" {
		t.Errorf("child = %+v", d.Child)
	}
	if got := d.Family[0]; !got.ParentalResponsibility || got.Language != "ur" || len(got.Needs) != 2 {
		t.Errorf("family[0] = %+v", got)
	}
	if a := d.Plan.Actions[0]; a.Who != "F-1" || a.By.String() != "2026-12-01" || a.Outcome != "O1" || a.What.Text != "text" {
		t.Errorf("action = %+v", a)
	}
	if m := d.Meetings[0]; m.Kind != "cin_review" || m.HeldOn.Time.Day() != 3 || len(m.Apologies) != 1 {
		t.Errorf("meeting = %+v", m)
	}
}

func TestTextForms(t *testing.T) {
	d := mustParse(t, readFile(t, "unknown-fields.json"))
	why := d.Plan.Why
	if why.Text != "Kai's nursery asked for help." || why.ForChild == "" || why.Translations["zh-Hant"] == "" || why.Withheld() {
		t.Errorf("why = %+v", why)
	}
	if hidden := d.Plan.GoingWell[1]; !hidden.Withheld() || hidden.Reason == "" {
		t.Errorf("withheld text = %+v", hidden)
	}
	if got := d.Plan.ApprovedOn.Time.Format("2006-01-02"); got != "2026-10-01" {
		t.Errorf("date-time approved_on read as %s", got)
	}
	if got := d.Plan.Extra.Unknown(); !reflect.DeepEqual(got, []string{"local_reference", "extension"}) {
		t.Errorf("plan unknown fields = %v", got)
	}
}

// TestRoundTrip proves that what a document says, including every field this version does
// not read, survives reading and writing back.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"design-example.json", "unknown-fields.json"} {
		t.Run(name, func(t *testing.T) {
			in := readFile(t, name)
			out, err := mustParse(t, in).JSON()
			if err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, in, out)
			again, err := mustParse(t, out).JSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Errorf("writing is not stable:\n%s\n---\n%s", out, again)
			}
		})
	}
}

func assertSameJSON(t testing.TB, want, got []byte) {
	t.Helper()
	var a, b any
	if err := json.Unmarshal(want, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatalf("written JSON does not parse: %v\n%s", err, got)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed the document:\nin:  %s\nout: %s", compact(want), compact(got))
	}
}

func compact(b []byte) string {
	var buf bytes.Buffer
	json.Compact(&buf, b)
	return buf.String()
}

// TestBrokenDocumentListsEveryProblem checks the whole list against a golden file: every
// mistake, in every part of the document, each once, with its path.
func TestBrokenDocumentListsEveryProblem(t *testing.T) {
	got := problemsOf(t, readFile(t, "broken.json")).Error() + "\n"
	golden := filepath.Join("testdata", "broken.problems.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := string(readFile(t, "broken.problems.txt"))
	if got != want {
		t.Errorf("problems differ from %s (run with -update to accept):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

// TestProblems changes one thing in a good document and checks the one problem it causes.
func TestProblems(t *testing.T) {
	tests := []struct {
		name     string
		path     string // where to set value in the design example
		value    any
		wantPath string
		want     string
	}{
		{"bad month", "plan.actions.0.by", "2026-13-01", "$.plan.actions[0].by", `"2026-13-01" is not a date (use YYYY-MM-DD)`},
		{"day first", "child.date_of_birth", "02/04/2015", "$.child.date_of_birth", `"02/04/2015" is not a date (use YYYY-MM-DD)`},
		{"date as number", "plan.approved_on", 20261102, "$.plan.approved_on", "should be text in quotes, not the number 20261102"},
		{"unknown plan kind", "plan.kind", "child_in_needs", "$.plan.kind", "(did you mean child_in_need?)"},
		{"plan kind case", "plan.kind", "Child In Need", "$.plan.kind", "(did you mean child_in_need?)"},
		{"meeting kind", "meetings.0.kind", "annual_party", "$.meetings[0].kind", "is not a kind of meeting; use one of strategy_discussion,"},
		{"status", "plan.actions.0.status", "pending", "$.plan.actions[0].status", `"pending" is not an action status`},
		{"share", "plan.worries.0", map[string]any{"text": "x", "share": "everyone"}, "$.plan.worries[0].share", `"everyone" is not who may see this text`},
		{"withheld without reason", "plan.worries.0", map[string]any{"text": "x", "share": "workers"}, "$.plan.worries[0].reason", "needs a reason"},
		{"text as number", "plan.why", 7, "$.plan.why", "should be text in quotes, or a set of fields"},
		{"text object without text", "plan.why", map[string]any{"for_child": "hi"}, "$.plan.why.text", "is missing"},
		{"outcome unresolved", "plan.actions.0.outcome", "O9", "$.plan.actions[0].outcome", `"O9" is not the ref of any outcome`},
		{"who unresolved ref", "plan.actions.0.who", "F-9", "$.plan.actions[0].who", `"F-9" is not the ref of anyone in the family list`},
		{"who role not in team", "plan.actions.0.who", "independent_reviewing_officer", "$.plan.actions[0].who", "nobody in the team has the role"},
		{"family view unresolved", "plan.family_views.0.by", "F-2", "$.plan.family_views[0].by", `"F-2" is not the ref of anyone`},
		{"duplicate outcome", "plan.outcomes.1", map[string]any{"ref": "O1", "text": "again"}, "$.plan.outcomes[1].ref", "is the ref of another outcome"},
		{"duplicate family", "family.1", map[string]any{"ref": "F-1", "name": "B"}, "$.family[1].ref", "is the ref of another family member"},
		{"missing what", "plan.actions.0.what", nil, "$.plan.actions[0].what", "is missing: what will be done"},
		{"missing child", "child", nil, "$.child", "is missing: the child the plan is for"},
		{"wrong schema", "schema", "plan-document/v2", "$.schema", "is not a version this portal reads"},
		{"language", "family.0.language", "Urdu", "$.family[0].language", "is not a language code"},
		{"email", "team.0.email", "jo at example", "$.team[0].email", "is not an email address"},
		{"bool", "family.0.parental_responsibility", "yes", "$.family[0].parental_responsibility", "should be true or false, not text"},
		{"list", "plan.worries", "all of them", "$.plan.worries", "should be a list in [ ], not text"},
		{"object", "plan.child_views", []any{}, "$.plan.child_views", "should be a set of fields in { }, not a list"},
		{"list element", "meetings.0", "M-3", "$.meetings[0]", "should be a set of fields in { }, not text"},
		{"review before approval", "plan.next_review", "2026-01-01", "$.plan.next_review", "is before the plan was approved"},
		{"translation language", "plan.why", map[string]any{"text": "x", "translations": map[string]any{"polish": "y"}}, "$.plan.why.translations.polish", "is not a language code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := problemsOf(t, withValue(t, readFile(t, "design-example.json"), tt.path, tt.value))
			if len(ps) != 1 || ps[0].Path != tt.wantPath || !strings.Contains(ps[0].Message, tt.want) {
				t.Errorf("problems = %q, want one at %s containing %q", ps.Error(), tt.wantPath, tt.want)
			}
		})
	}
}

// withValue returns the JSON document with the value at a dotted path replaced; nil deletes
// a field, and an index one past the end of a list appends.
func withValue(t *testing.T, data []byte, path string, value any) []byte {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(set(doc, strings.Split(path, "."), value))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func set(node any, keys []string, value any) any {
	if len(keys) == 0 {
		return value
	}
	switch n := node.(type) {
	case map[string]any:
		if len(keys) == 1 && value == nil {
			delete(n, keys[0])
		} else {
			n[keys[0]] = set(n[keys[0]], keys[1:], value)
		}
		return n
	case []any:
		var i int
		fmt.Sscan(keys[0], &i)
		if i == len(n) {
			n = append(n, nil)
		}
		n[i] = set(n[i], keys[1:], value)
		return n
	}
	panic(fmt.Sprintf("cannot set %v in %T", keys, node))
}

func TestNotADocument(t *testing.T) {
	deep := strings.Repeat("[", 1000) + strings.Repeat("]", 1000)
	tests := []struct {
		name string
		data string
		code string
		want string
	}{
		{"empty", "", CodeEmpty, "the document is empty"},
		{"blank", " \n\t ", CodeEmpty, "the document is empty"},
		{"bom", "\xef\xbb\xbf{}", CodeBOM, "byte order mark"},
		{"utf16", "\xff\xfe{\x00}\x00", CodeNotUTF8, "UTF-16"},
		{"latin1", "{\"schema\": \"caf\xe9\"}", CodeNotUTF8, "not UTF-8 text (line 1, column 16)"},
		{"prose", "Dear Jo, here is the plan.", CodeNotJSON, `at line 1, column 1 ("D")`},
		{"trailing comma", "{\n \"schema\": \"x\",\n}", CodeNotJSON, "there is a comma just before this }; remove it"},
		{"single quotes", "{'schema': 1}", CodeNotJSON, "double quotes"},
		{"bare key", "{schema: 1}", CodeNotJSON, "field names must be in double quotes"},
		{"missing comma", "{\"a\": \"b\" \"c\": 1}", CodeNotJSON, "a comma is missing"},
		{"cut short", "{\"schema\": \"plan-document/v1\", \"child\": {", CodeNotJSON, "ends too early"},
		{"a list", "[]", CodeWrongType, "should be a set of fields in { }"},
		{"deep", deep, CodeTooDeep, "nested more than 64 levels deep (line 1, column 65)"},
		{"huge", strings.Repeat("[", 50<<20), CodeTooLarge, "the document is 50.0 MB; the largest plan document the portal reads is 5.0 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := problemsOf(t, []byte(tt.data))
			if len(ps) != 1 || ps[0].Code != tt.code || ps[0].Path != "$" || !strings.Contains(ps[0].Message, tt.want) {
				t.Errorf("problems = %+v, want one %s containing %q", ps, tt.code, tt.want)
			}
		})
	}
}

func TestTextsWalksEveryFamilyFacingText(t *testing.T) {
	d := mustParse(t, readFile(t, "design-example.json"))
	var paths []string
	for path, text := range d.Texts() {
		if text.Text == "" {
			t.Errorf("%s: empty text yielded", path)
		}
		paths = append(paths, path)
	}
	want := []string{
		"$.plan.why", "$.plan.going_well[0]", "$.plan.worries[0]", "$.plan.outcomes[0].text",
		"$.plan.outcomes[0].how_we_will_know", "$.plan.actions[0].what", "$.plan.keeping_safe",
		"$.plan.if_things_go_wrong", "$.plan.not_negotiable[0]", "$.plan.child_views.text",
		"$.plan.child_views.how_gathered", "$.plan.family_views[0].text", "$.plan.family_time",
		"$.meetings[0].place", "$.meetings[0].purpose", "$.meetings[0].summary", "$.meetings[0].decisions[0]",
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("paths =\n%q\nwant\n%q", paths, want)
	}
}

// FuzzParse: the parser never panics, and whatever it accepts it writes back as a document
// it accepts again, saying the same thing.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"design-example.json", "unknown-fields.json", "broken.json"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(""))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Add([]byte(`{"schema": "plan-document/v1", "child": {"ref": "C", "name": "N", "date_of_birth": "2020-02-30"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not a problem list: %v", err)
			}
			return
		}
		out, err := d.JSON()
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("written document does not parse: %v\n%s", err, out)
		}
		assertSameJSON(t, data, out)
	})
}

// largeDocument builds a valid document with the given number of plan actions and meetings.
func largeDocument(actions, meetings int) []byte {
	var b strings.Builder
	b.WriteString(`{"schema":"plan-document/v1","child":{"ref":"C-1","name":"Amira Khan","date_of_birth":"2015-04-02"},`)
	b.WriteString(`"family":[{"ref":"F-1","name":"Sara Khan","language":"ur","parental_responsibility":true}],`)
	b.WriteString(`"team":[{"role":"social_worker","name":"Jo Smith","email":"jo@example.org"}],"plan":{"ref":"PL-1","kind":"child_protection",`)
	b.WriteString(`"why":{"text":"Following the s47 enquiry the ICPC agreed a CP plan.","for_child":"People want to keep you safe.","translations":{"ur":"منصوبہ","pl":"Plan"}},`)
	b.WriteString(`"outcomes":[`)
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ref":"O%d","text":"Outcome %d for the child","how_we_will_know":"We will see it at home visits."}`, i, i)
	}
	b.WriteString(`],"actions":[`)
	writeActions := func(n int) {
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"ref":"A%d","what":{"text":"Mum to engage with CAMHS and attend the core group meeting number %d as agreed at the RCPC.","for_child":"Mum will go to meetings."},"who":"F-1","by":"2026-12-%02d","outcome":"O%d","status":"to_do","priority":%d}`, i, i, i%28+1, i%20, i)
		}
	}
	writeActions(actions)
	b.WriteString(`]},"meetings":[`)
	for i := range meetings {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ref":"M-%d","kind":"core_group","held_on":"2026-%02d-03","summary":"The core group met and reviewed the plan; mum engaged well.","attendees":[{"name":"Jo Smith","role":"social_worker"}],"decisions":["The plan continues."],"actions":[`, i, i%12+1)
		writeActions(5)
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	data := largeDocument(200, 20)
	mustParse(b, data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	d := mustParse(b, largeDocument(200, 20))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.JSON(); err != nil {
			b.Fatal(err)
		}
	}
}
