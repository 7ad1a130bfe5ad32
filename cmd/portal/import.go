package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"

	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

func importCommand() command {
	var db string
	return command{
		name:    "import",
		usage:   "[--db PATH] FILE...",
		summary: "check plan documents and store them as new plan versions",
		help: `Reads plan documents (JSON, plan-document/v1; "-" reads standard input), checks them
all, and stores them in one go. If any file has a problem, every problem of every file is
listed, one line each with its JSON path, nothing is stored, and the exit status is 1.
A document identical to its plan's latest version adds nothing; a changed one becomes
a new version and the earlier versions are kept.`,
		flags: func(fs *flag.FlagSet) { dbFlag(fs, &db) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			if len(files) == 0 {
				fmt.Fprintln(e.stderr, "portal import: name at least one plan document to import.")
				fs.Usage()
				return exitUsage
			}
			return importFiles(ctx, e, dbPath(e, db), files)
		},
	}
}

// readDocuments reads and checks every file, printing each problem as "FILE: PATH: sentence".
// It returns the documents and how many problems it printed.
func readDocuments(e *env, files []string) ([]store.Incoming, int) {
	var docs []store.Incoming
	problems := 0
	for _, name := range files {
		data, err := readInput(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %s\n", name, readProblem(err))
			problems++
			continue
		}
		doc, err := document.Parse(data)
		var ps document.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintf(e.stderr, "%s: %s\n", name, p)
			}
			problems += len(ps)
			continue
		}
		docs = append(docs, store.Incoming{Source: name, Doc: doc})
	}
	return docs, problems
}

// readOneDocument reads and checks one file for a command that does what (checked,
// rendered); on problems it prints them and says nothing was done.
func readOneDocument(e *env, file, what string) (*document.Document, bool) {
	docs, problems := readDocuments(e, []string{file})
	if problems > 0 {
		fmt.Fprintf(e.stderr, "Nothing was %s: %s.\n", what, plural(problems, "problem"))
		return nil, false
	}
	return docs[0].Doc, true
}

func readInput(e *env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(e.stdin, document.MaxSize+1))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, document.MaxSize+1))
}

// readProblem says in words why a file could not be read.
func readProblem(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "there is no such file"
	case errors.Is(err, os.ErrPermission):
		return "the file may not be read (permission denied)"
	}
	return "the file could not be read: " + err.Error()
}

func importFiles(ctx context.Context, e *env, path string, files []string) int {
	docs, problems := readDocuments(e, files)
	if problems > 0 {
		fmt.Fprintf(e.stderr, "Nothing was imported: %s in %s.\n", plural(problems, "problem"), plural(len(files), "file"))
		return exitProblems
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return fail(e, "could not open the database %s: %v", path, err)
	}
	defer st.Close()
	imported, err := st.Import(ctx, actor(), docs)
	if err != nil {
		return fail(e, "nothing was imported: %v", err)
	}
	tracker := promise.New(st, e.now)
	for _, in := range docs {
		if err := tracker.AfterImport(ctx, actor(), in.Doc); err != nil {
			return fail(e, "imported, but the promises could not be updated: %v", err)
		}
	}
	for _, im := range imported {
		if im.New {
			fmt.Fprintf(e.stdout, "%s: child %s, plan %s: stored as version %d\n", im.Source, im.ChildRef, im.PlanRef, im.Version)
		} else {
			fmt.Fprintf(e.stdout, "%s: child %s, plan %s: unchanged, the same as version %d\n", im.Source, im.ChildRef, im.PlanRef, im.Version)
		}
	}
	return exitOK
}

// actor names who ran a command, for the audit trail.
func actor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "command line: " + u.Username
	}
	return "command line"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
