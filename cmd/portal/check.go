package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/plain"
)

func checkCommand() command {
	var format, lang string
	targets := plain.DefaultTargets
	return command{
		name:    "check",
		usage:   "[--format text|json] [--parent-age N] [--child-age N] FILE",
		summary: "find jargon, unexplained acronyms and hard reading in a plan document",
		help: `Checks every family-facing text of a plan document (the words and the child's wording;
withheld texts too, marked as such; translations are not checked): glossary terms with
their plain explanation and suggested plain words, acronyms nobody explained, and the
reading age of each text against its audience's target. The text format is for a worker;
--format json is for programs. Exit status 0 when the document was checked (findings are
advice), 1 when it could not be read (the problems are listed as for import).`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&format, "format", "text", "text (for people) or json (for programs)")
			fs.StringVar(&lang, "lang", "en", "the language of the explanations")
			fs.IntVar(&targets.Parent, "parent-age", targets.Parent, "the highest reading age for parents' wording")
			fs.IntVar(&targets.Child, "child-age", targets.Child, "the highest reading age for the child's wording")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			if len(files) != 1 {
				fmt.Fprintln(e.stderr, "portal check: name one plan document.")
				fs.Usage()
				return exitUsage
			}
			if format != "text" && format != "json" {
				fmt.Fprintf(e.stderr, "portal check: --format is text or json, not %q\n", format)
				return exitUsage
			}
			return check(e, files[0], format, lang, targets)
		},
	}
}

func check(e *env, file, format, lang string, targets plain.Targets) int {
	doc, ok := readOneDocument(e, file, "checked")
	if !ok {
		return exitProblems
	}
	glossary, err := plain.LoadGlossary()
	if err != nil {
		return fail(e, "could not load the glossary: %v", err)
	}
	catalog, err := locales.Load()
	if err != nil {
		return fail(e, "could not load the messages: %v", err)
	}
	report := glossary.Check(doc, catalog.Translator(lang), targets)
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return fail(e, "%v", err)
		}
		return exitOK
	}
	writeCheck(e.stdout, file, report, e.isTerminal)
	return exitOK
}

// writeCheck prints the report for a worker: each text with its reading age, then its
// findings with the term marked in its sentence, the explanation and the plain words to use.
func writeCheck(w io.Writer, file string, r plain.Report, terminal bool) {
	mark := func(s string) string { return "[" + s + "]" }
	if terminal {
		mark = func(s string) string { return "\x1b[1;4m" + s + "\x1b[0m" }
	}
	fmt.Fprintf(w, "Plain-language check of %s\n", file)
	next := 0
	explained := map[string]bool{} // each term is explained once, where it is first found
	for _, text := range r.Readability {
		fmt.Fprintf(w, "\n%s", text.Path)
		if text.Withheld {
			fmt.Fprint(w, "  (NOT FOR THE FAMILY: withheld; checked for when it is shared)")
		}
		fmt.Fprintf(w, "\n  reading age %d", text.ReadingAge)
		if text.AboveTarget() {
			fmt.Fprintf(w, ", above the target of %d", text.Target)
		}
		fmt.Fprintf(w, ": %s in %s, %.0f words a sentence\n", plural(text.Words, "word"), plural(text.Sentences, "sentence"), text.WordsPerSentence)
		for ; next < len(r.Findings) && r.Findings[next].Path == text.Path; next++ {
			f := r.Findings[next]
			in := strings.TrimSpace(f.Before + mark(f.Text) + f.After)
			fmt.Fprintf(w, "  %d–%d %s (%s): %s\n", f.Start, f.End, f.Text, strings.ReplaceAll(f.Kind, "_", " "), in)
			key := f.Entry
			if key == "" {
				key = f.Text
			}
			if explained[key] {
				continue
			}
			explained[key] = true
			fmt.Fprintf(w, "      %s\n", f.Explanation)
			if f.Suggestion != "" {
				fmt.Fprintf(w, "      Plain words: %s\n", f.Suggestion)
			}
		}
	}
	s := r.Summary
	fmt.Fprintf(w, "\nChecked %s: %s (%s), %s above the reading age target",
		plural(s.Texts, "text"), plural(s.Findings, "finding"), plural(s.UnexplainedAcronyms, "unexplained acronym"), plural(s.AboveTarget, "text"))
	if s.Withheld > 0 {
		fmt.Fprintf(w, "; %s withheld from the family", plural(s.Withheld, "text"))
	}
	fmt.Fprintln(w, ".")
}
