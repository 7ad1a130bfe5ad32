package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/familyportal/portal/render/days"
)

func dueCommand() command {
	var from, nation, closed string
	var n int
	var working, explain bool
	return command{
		name:    "due",
		usage:   "--from YYYY-MM-DD --days N [--working] [--nation england-and-wales|scotland|northern-ireland] [--closed DATES] [--explain]",
		summary: "work out when a promise is due",
		help: `Prints the date (YYYY-MM-DD) a promise of N days is due after an event on --from. The day
of the event never counts: 10 days after a meeting on Monday 3 November is Thursday 13
November. With --working only working days count: not weekends, not the bank holidays of
the nation (with their substitute days), not the council's closure days (--closed, a
comma-separated list of dates). --explain also lists the days skipped and why.`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&from, "from", "", "the day of the event (YYYY-MM-DD)")
			fs.IntVar(&n, "days", 0, "how many days the promise gives")
			fs.BoolVar(&working, "working", false, "count working days, not calendar days")
			fs.StringVar(&nation, "nation", "england-and-wales", "whose bank holidays: england-and-wales, scotland or northern-ireland")
			fs.StringVar(&closed, "closed", "", "the council's closure days, comma-separated (YYYY-MM-DD,...)")
			fs.BoolVar(&explain, "explain", false, "list the days skipped and why")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			start, err := time.Parse(time.DateOnly, from)
			if err != nil || n < 0 || len(args) > 0 {
				fmt.Fprintf(e.stderr, "portal due: give the event's date with --from YYYY-MM-DD and --days N (not %q, %d).\n", from, n)
				fs.Usage()
				return exitUsage
			}
			nat, err := days.ParseNation(nation)
			if err != nil {
				return fail(e, "%v", err)
			}
			closures := map[time.Time]string{}
			for _, c := range strings.Split(closed, ",") {
				if c = strings.TrimSpace(c); c == "" {
					continue
				}
				day, err := time.Parse(time.DateOnly, c)
				if err != nil {
					return fail(e, "--closed: %q is not a date (use YYYY-MM-DD)", c)
				}
				closures[day] = "closed"
			}
			due, skipped := days.NewCalendar(nat, closures).Due(start, n, working)
			fmt.Fprintln(e.stdout, due.Format(time.DateOnly))
			if explain {
				kind := "calendar days"
				if working {
					kind = "working days in " + string(nat)
				}
				fmt.Fprintf(e.stdout, "%d %s after %s (that day does not count)\n", n, kind, start.Format("Monday 2 January 2006"))
				for _, s := range skipped {
					fmt.Fprintf(e.stdout, "  skipped %s: %s\n", s.Day.Format("Mon 2 Jan 2006"), s.Why)
				}
			}
			return exitOK
		},
	}
}
