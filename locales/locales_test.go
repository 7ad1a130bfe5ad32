package locales

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"golang.org/x/text/language"
)

// TestEveryUsedMessageExists finds every message ID the templates and handlers name
// literally and checks the catalogue has it. IDs built at run time (plan.kind.%s) are
// checked by the tests of the code that builds them.
func TestEveryUsedMessageExists(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`\bT\(?\s*"([a-z_]+(\.[a-z_]+)+)"`)
	var files []string
	for _, pattern := range []string{"../render/templates/*.html", "../portal/templates/*.html", "../portal/*.go", "../render/*.go"} {
		matches, _ := filepath.Glob(pattern)
		files = append(files, matches...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d files to check", len(files))
	}
	seen := 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(body), -1) {
			seen++
			if !c.Knows(m[1]) {
				t.Errorf("%s uses message %q, which no message file has", f, m[1])
			}
		}
	}
	if seen < 50 {
		t.Errorf("found only %d message uses; is the pattern still right?", seen)
	}
}

func TestTranslator(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en := c.Translator("en-GB")
	if got := en.T("worker.version", "Version", 3); got != "version 3" {
		t.Errorf("with data: %q", got)
	}
	if got := en.T("common.yes"); got != "Yes" {
		t.Errorf("plain: %q", got)
	}
	if got := en.T("no.such.message"); got != "no.such.message" {
		t.Errorf("missing: %q", got)
	}
	if en.Dir() != "ltr" || (Translator{Lang: language.Urdu}).Dir() != "rtl" || (Translator{Lang: language.Arabic}).Dir() != "rtl" {
		t.Error("wrong writing direction")
	}
}
