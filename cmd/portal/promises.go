package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/familyportal/portal/portal/store"
)

func promisesCommand() command {
	var db, child, asOf, format string
	return command{
		name:    "promises",
		usage:   "[--db PATH] --child REF [--as-of YYYY-MM-DD] [--format text|json]",
		summary: "list a child's promises: started, due, kept, and whether on time",
		help: `Lists the service's promises to a child's family from the database: the rule, what it is
about, the family member it is to (for promises kept in each member's language), when it
started, when it is due, when it was kept, and its status on --as-of (default today): due,
kept, kept_late or late.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&child, "child", "", "the child's ref, for example C-1001")
			fs.StringVar(&asOf, "as-of", "", "the day to judge the promises on (default today)")
			fs.StringVar(&format, "format", "text", "text or json")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			day := e.now()
			if asOf != "" {
				t, err := time.Parse(time.DateOnly, asOf)
				if err != nil {
					return fail(e, "--as-of %q is not a date (use YYYY-MM-DD)", asOf)
				}
				day = t
			}
			if child == "" || len(args) > 0 || (format != "text" && format != "json") {
				fmt.Fprintln(e.stderr, "portal promises: name the child with --child; --format is text or json.")
				fs.Usage()
				return exitUsage
			}
			st, err := store.Open(ctx, dbPath(e, db))
			if err != nil {
				return fail(e, "could not open the database: %v", err)
			}
			defer st.Close()
			promises, err := st.ChildPromises(ctx, child)
			if err != nil {
				return fail(e, "%v", err)
			}
			return printPromises(e, promises, day, format)
		},
	}
}

// promiseJSON is the JSON shape of one promise for scripts.
type promiseJSON struct {
	Rule    string `json:"rule"`
	Subject string `json:"subject"`
	Member  string `json:"member"`
	Days    int    `json:"days"`
	Working bool   `json:"working_days"`
	Started string `json:"started"`
	Due     string `json:"due"`
	KeptOn  string `json:"kept_on"`
	Status  string `json:"status"`
}

func printPromises(e *env, promises []store.Promise, day time.Time, format string) int {
	out := make([]promiseJSON, 0, len(promises))
	for _, p := range promises {
		j := promiseJSON{Rule: p.Rule, Subject: p.Subject, Member: p.MemberRef, Days: p.Days, Working: p.Working,
			Started: p.Started.Format(time.DateOnly), Due: p.Due.Format(time.DateOnly), Status: p.Status(day)}
		if !p.Kept.IsZero() {
			j.KeptOn = p.Kept.Format(time.DateOnly)
		}
		out = append(out, j)
	}
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(e, "%v", err)
		}
		return exitOK
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "RULE\tABOUT\tMEMBER\tSTARTED\tDUE\tKEPT ON\tSTATUS")
	for _, j := range out {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", j.Rule, dash(j.Subject), dash(j.Member), j.Started, j.Due, dash(j.KeptOn), j.Status)
	}
	w.Flush()
	return exitOK
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
