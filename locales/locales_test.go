package locales

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
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

// TestEveryLanguageHasEveryMessage: each language other than English has a family and a
// glossary file with exactly the message IDs of the English ones (none missing, none stale),
// plural forms wherever English has them, and says whether it is a draft.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	ids := func(name string) map[string]any {
		var m map[string]any
		if _, err := toml.DecodeFS(files, name, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	langs := map[string]bool{}
	names, _ := fs.Glob(files, "*.toml")
	for _, n := range names {
		parts := strings.Split(n, ".")
		if parts[1] != "en" && (parts[0] == "family" || parts[0] == "glossary" || parts[0] == "account" || parts[0] == "promises" || parts[0] == "forms" || parts[0] == "pack") {
			langs[parts[1]] = true
		}
	}
	if len(langs) == 0 {
		t.Skip("no translations yet")
	}
	for lang := range langs {
		for _, kind := range []string{"family", "glossary", "account", "promises", "forms", "pack"} {
			english, name := ids(kind+".en.toml"), kind+"."+lang+".toml"
			if _, err := fs.Stat(files, name); err != nil {
				t.Errorf("%s is missing: every language needs a family and a glossary file", name)
				continue
			}
			translated := ids(name)
			for id, en := range english {
				tr, ok := translated[id]
				if !ok {
					t.Errorf("%s: no %q", name, id)
					continue
				}
				if _, plural := en.(map[string]any); plural {
					forms, ok := tr.(map[string]any)
					if !ok || forms["other"] == nil {
						t.Errorf("%s: %q needs plural forms, with at least \"other\"", name, id)
					}
				}
			}
			for id := range translated {
				if _, ok := english[id]; !ok {
					t.Errorf("%s: %q is not in the English file (stale?)", name, id)
				}
			}
			if kind == "family" {
				if s := translated["translation.status"]; s != "draft" && s != "checked" {
					t.Errorf("%s: translation.status is %v, want draft or checked", name, s)
				}
			}
		}
	}
}
