package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/familyportal/portal/portal"
	"github.com/familyportal/portal/portal/store"
)

func inviteCommand() command {
	var db, child, member string
	var count int
	return command{
		name:    "invite",
		usage:   "[--db PATH] --child C-1001 [--member F-1] [--count N]",
		summary: "issue one-time sign-in codes for a family member or a young person",
		help: `Prints a new one-time sign-in code (valid for 14 days) for family member --member of the
child, or for the young person themselves when --member is left out, making their sign-in
from the child's latest plan the first time. Only the code's hash is kept: print it in the
meeting pack or read it over the phone. --count prints several (one per line).`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&child, "child", "", "the child's ref, for example C-1001")
			fs.StringVar(&member, "member", "", "the family member's ref in the plan, for example F-1")
			fs.IntVar(&count, "count", 1, "how many codes")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			if child == "" || len(args) > 0 || count < 1 {
				fmt.Fprintln(e.stderr, "portal invite: name the child with --child.")
				fs.Usage()
				return exitUsage
			}
			return invite(ctx, e, dbPath(e, db), child, member, count)
		},
	}
}

func invite(ctx context.Context, e *env, path, child, member string, count int) int {
	st, err := store.Open(ctx, path)
	if err != nil {
		return fail(e, "could not open the database %s: %v", path, err)
	}
	defer st.Close()
	srv, err := offlineServer(e, st)
	if err != nil {
		return fail(e, "%v", err)
	}
	for range count {
		code, name, err := srv.InviteFamilyMember(ctx, actor(), child, member)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return fail(e, "there is no plan for child %s in %s", child, path)
		case errors.Is(err, portal.ErrNoSuchMember):
			return fail(e, "child %s's plan has no family member %q", child, member)
		case err != nil:
			return fail(e, "%v", err)
		}
		fmt.Fprintf(e.stdout, "%s\t%s\n", code, name)
	}
	return exitOK
}
