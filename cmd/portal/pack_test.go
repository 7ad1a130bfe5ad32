package main

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/familyportal/portal/portal/demo"
)

// pdfText reads a PDF back with poppler's pdftotext; it skips where poppler is missing,
// except in CI.
func pdfText(t *testing.T, file string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; .ci/run should have installed poppler-utils")
		}
		t.Skip("pdftotext is not installed")
	}
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// TestPackCommand prints packs straight from a plan document: the parent version, the
// meeting pack, My Journey and the worker's pack; and says plainly what is wrong.
func TestPackCommand(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"parent.pdf", []string{"--member", "F-2", "--council", "Northbridge City Council (demo)"}, "Co nas niepokoi"},
		{"meeting.pdf", []string{"--meeting", "M-3", "--member", "F-3"}, "About the meeting"},
		{"journey.pdf", []string{"--view", "child"}, "My Journey"},
		{"worker.pdf", []string{"--view", "worker"}, "Not for the family"},
	} {
		out := filepath.Join(dir, c.name)
		got := runPortal(t, append(append([]string{"pack"}, c.args...), demoFile("amira.json"), "-o", out)...)
		if got.code != exitOK {
			t.Fatalf("pack %v: exit %d: %s", c.args, got.code, got.stderr)
		}
		if text := pdfText(t, out); !strings.Contains(text, c.want) {
			t.Errorf("pack %v lacks %q:\n%.500s", c.args, c.want, text)
		}
	}
	out := filepath.Join(dir, "x.pdf")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--member", "F-9", demoFile("amira.json"), "-o", out}, exitProblems, "F-9"},
		{[]string{"--member", "F-1", "--meeting", "M-9", demoFile("amira.json"), "-o", out}, exitProblems, "M-1, M-2, M-3"},
		{[]string{demoFile("amira.json")}, exitUsage, ""},
		{[]string{"--view", "aunt", demoFile("amira.json"), "-o", out}, exitProblems, "parent, child or worker"},
	} {
		if got := runPortal(t, append([]string{"pack"}, c.args...)...); got.code != c.code || !strings.Contains(got.stderr, c.want) {
			t.Errorf("pack %v: exit %d, %q", c.args, got.code, got.stderr)
		}
	}
}

// TestCaseloadPackCommand prints Jo Smith's caseload from the demo database into a zip:
// one PDF per family member per child and My Journey, with a contents list; Sara's pack is
// in Urdu with a sign-in code and without the withheld police information. --combined
// makes one PDF, and an unknown worker is told plainly.
func TestCaseloadPackCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	st := openDB(t, db)
	if _, _, err := demo.Seed(context.Background(), st, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	st.Close()

	zipped := filepath.Join(dir, "packs.zip")
	got := runPortal(t, "pack", "--db", db, "--caseload", "jo.smith@example.org", "--link", "https://portal.example.org/sign-in", "--out", zipped)
	if got.code != exitOK || !strings.Contains(got.stdout, "packs for 2 children") {
		t.Fatalf("exit %d: %s %s", got.code, got.stdout, got.stderr)
	}
	z, err := zip.OpenReader(zipped)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	read := func(name string) []byte {
		f, ok := files[name]
		if !ok {
			t.Fatalf("the zip has no %s; it has %v", name, z.File)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	contents := string(read("contents.txt"))
	for _, want := range []string{"Amira Khan (C-1001)", "Sara Khan, mother (ur)", "My Journey, Mimi", "Bilal Khan (C-1002)"} {
		if !strings.Contains(contents, want) {
			t.Errorf("contents.txt lacks %q:\n%s", want, contents)
		}
	}
	sara := filepath.Join(dir, "sara.pdf")
	if err := os.WriteFile(sara, read("Amira_Khan_C-1001/F-1_Sara_Khan_ur.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, sara)
	if !strings.Contains(text, "portal.example.org") {
		t.Errorf("Sara's pack lacks the sign-in address:\n%.800s", text)
	}
	for _, withheld := range []string{"PVP unit", "professionals-only part"} {
		if strings.Contains(text, withheld) {
			t.Errorf("Sara's pack has the withheld %q", withheld)
		}
	}

	combined := filepath.Join(dir, "packs.pdf")
	if got := runPortal(t, "pack", "--db", db, "--caseload", "jo.smith@example.org", "--combined", "--no-codes", "--out", combined); got.code != exitOK {
		t.Fatalf("combined: exit %d: %s", got.code, got.stderr)
	}
	if text := pdfText(t, combined); !strings.Contains(text, "About the meeting") || !strings.Contains(text, "Informacje o spotkaniu") || strings.Count(text, "My Journey") < 2 {
		t.Errorf("the combined PDF does not hold every family member's pack and both children's My Journey")
	}
	if got := runPortal(t, "pack", "--db", db, "--caseload", "nobody@example.org"); got.code != exitProblems || !strings.Contains(got.stderr, "nobody@example.org") {
		t.Errorf("unknown worker: exit %d, %q", got.code, got.stderr)
	}
}
