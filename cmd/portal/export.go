package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/familyportal/portal/portal/store"
)

func exportCommand() command {
	var db, plan string
	var version int
	return command{
		name:    "export",
		usage:   "[--db PATH] [--plan REF] [--version N] CHILD-REF",
		summary: "write a stored plan document back out as JSON",
		help: `Writes a child's plan document, as stored, to standard output: the latest version of
the plan imported most recently, or the plan and version asked for. Fields the portal
does not read are written back unchanged.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&plan, "plan", "", "the plan's ref (default: the plan imported most recently)")
			fs.IntVar(&version, "version", 0, "the version (default: the latest)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			if len(args) != 1 {
				fmt.Fprintln(e.stderr, "portal export: name the child's ref, for example C-1001.")
				fs.Usage()
				return exitUsage
			}
			path := dbPath(e, db)
			st, err := store.Open(ctx, path)
			if err != nil {
				return fail(e, "could not open the database %s: %v", path, err)
			}
			defer st.Close()
			doc, _, err := st.PlanDocument(ctx, args[0], plan, version)
			if errors.Is(err, store.ErrNotFound) {
				return fail(e, "there is no stored plan for child %s with that plan and version", args[0])
			}
			if err != nil {
				return fail(e, "%v", err)
			}
			out, err := doc.JSON()
			if err != nil {
				return fail(e, "%v", err)
			}
			e.stdout.Write(out)
			return exitOK
		},
	}
}
