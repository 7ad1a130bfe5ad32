package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCouncilSettings sets the council's settings from a JSON file and reads them back;
// a file with a mistake is refused with a plain message and changes nothing.
func TestCouncilSettings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if got := runPortal(t, "council", "--db", db); got.code == exitOK || !strings.Contains(got.stderr, "no council is set yet") {
		t.Errorf("before any settings: exit %d, %q", got.code, got.stderr)
	}
	good := write("good.json", `{"name": "Westshire Council", "nation": "wales", "out_of_hours_phone": "01234 567890",
		"advocacy": [{"name": "Westshire Advocacy", "phone": "01234 000111"}, {"name": "Family Rights Group", "web": "https://frg.org.uk"}],
		"complaints": {"name": "Complaints team", "web": "https://westshire.example.org/complaints"}}`)
	got := runPortal(t, "council", "--db", db, "--set", good)
	if got.code != exitOK {
		t.Fatalf("set: exit %d: %s", got.code, got.stderr)
	}
	for _, want := range []string{`"name": "Westshire Council"`, `"out_of_hours_phone": "01234 567890"`, `"web": "https://frg.org.uk"`, `"nation": "wales"`} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("the settings printed lack %s:\n%s", want, got.stdout)
		}
	}
	for name, body := range map[string]string{
		"unknown.json": `{"name": "X", "nation": "wales", "complaint": {}}`,
		"nation.json":  `{"name": "X", "nation": "atlantis"}`,
		"noname.json":  `{"name": "X", "nation": "wales", "advocacy": [{"phone": "1"}]}`,
	} {
		if got := runPortal(t, "council", "--db", db, "--set", write(name, body)); got.code == exitOK {
			t.Errorf("%s was accepted", name)
		}
	}
	if got := runPortal(t, "council", "--db", db); !strings.Contains(got.stdout, "Westshire Advocacy") {
		t.Errorf("a refused file changed the settings:\n%s", got.stdout)
	}
}
