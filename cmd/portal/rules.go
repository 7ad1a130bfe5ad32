package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/familyportal/portal/portal/store"
)

func rulesCommand() command {
	var db, id, startsOn, keptBy, closed, why string
	var days int
	var working, enabled, off bool
	return command{
		name:    "rules",
		usage:   "[--db PATH] [--set ID --days N [--working] [--off]] [--closed YYYY-MM-DD]",
		summary: "list or change the promise rules and the council's closure days",
		help: `Lists the promise rules; --set changes or adds one (running promises keep their length);
--closed adds a day the council is closed, which working days skip.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&id, "set", "", "the rule to change or add")
			fs.IntVar(&days, "days", 0, "its length in days")
			fs.BoolVar(&working, "working", false, "count working days")
			fs.BoolVar(&off, "off", false, "turn the rule off")
			fs.StringVar(&startsOn, "starts-on", "", "for a new rule: the event that starts it")
			fs.StringVar(&keptBy, "kept-by", "", "for a new rule: the event that keeps it")
			fs.StringVar(&closed, "closed", "", "a day the council is closed (YYYY-MM-DD)")
			fs.StringVar(&why, "why", "council closure", "why the council is closed that day")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			st, err := store.Open(ctx, dbPath(e, db))
			if err != nil {
				return fail(e, "could not open the database: %v", err)
			}
			defer st.Close()
			if closed != "" {
				day, err := time.Parse(time.DateOnly, closed)
				if err != nil {
					return fail(e, "--closed %q is not a date (use YYYY-MM-DD)", closed)
				}
				if err := st.SetClosureDay(ctx, actor(), day, why); err != nil {
					return fail(e, "%v", err)
				}
			}
			rules, err := st.PromiseRules(ctx)
			if err != nil {
				return fail(e, "%v", err)
			}
			if id != "" {
				enabled = !off
				rule := store.PromiseRule{ID: id, StartsOn: startsOn, KeptBy: keptBy, Days: days, Working: working, Enabled: enabled, Local: true}
				found := false
				for _, r := range rules {
					if r.ID == id {
						rule.StartsOn, rule.KeptBy, rule.PerMember, rule.Local, found = r.StartsOn, r.KeptBy, r.PerMember, r.Local, true
					}
				}
				if !found && (startsOn == "" || keptBy == "") {
					return fail(e, "there is no rule %q; to add one, say what starts and keeps it (--starts-on, --kept-by)", id)
				}
				if rule.Check() != nil {
					return fail(e, "give the rule's length with --days N, from 1 to %d", store.MaxRuleDays)
				}
				if err := st.SetPromiseRule(ctx, actor(), rule); err != nil {
					return fail(e, "%v", err)
				}
				if rules, err = st.PromiseRules(ctx); err != nil {
					return fail(e, "%v", err)
				}
			}
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "RULE\tSTARTS ON\tKEPT BY\tLENGTH\tON")
			for _, r := range rules {
				kind := "days"
				if r.Working {
					kind = "working days"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%d %s\t%v\n", r.ID, r.StartsOn, r.KeptBy, r.Days, kind, r.Enabled)
			}
			return map[bool]int{true: exitOK, false: exitProblems}[w.Flush() == nil]
		},
	}
}
