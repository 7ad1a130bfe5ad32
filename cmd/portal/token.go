package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/familyportal/portal/portal/store"
)

func tokenCommand() command {
	var db, name, council string
	return command{
		name:    "token",
		usage:   "[--db PATH] --name SYSTEM",
		summary: "issue a token for a case management system to call the JSON API",
		help: `Prints a new token for the JSON API (POST /api/v1/children/REF/events), for the system
named. It is shown once; only its hash is kept. The system sends it as
"Authorization: Bearer TOKEN". A token sees and changes only its own council's
children: the portal's own, or with --council those of a neighbour it hosts.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&name, "name", "", "the system's name, for example Mosaic")
			fs.StringVar(&council, "council", "", "a neighbouring council's code, when this portal hosts its system")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			if name == "" || len(args) > 0 {
				fmt.Fprintln(e.stderr, "portal token: name the system with --name.")
				fs.Usage()
				return exitUsage
			}
			st, err := store.Open(ctx, dbPath(e, db))
			if err != nil {
				return fail(e, "could not open the database: %v", err)
			}
			defer st.Close()
			srv, err := offlineServer(e, st)
			if err != nil {
				return fail(e, "%v", err)
			}
			token, err := srv.IssueAPIToken(ctx, actor(), name, council)
			if err != nil {
				return fail(e, "%v", err)
			}
			fmt.Fprintln(e.stdout, token)
			return exitOK
		},
	}
}
