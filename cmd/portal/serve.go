package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/familyportal/portal/portal"
	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/store"
)

type serveFlags struct {
	db, addr   string
	demo       bool
	trustProxy bool
}

func serveCommand() command {
	var f serveFlags
	return command{
		name:    "serve",
		usage:   "[--demo] [--db PATH] [--addr HOST:PORT]",
		summary: "start the web server (the default command)",
		help: `Starts the portal's web server and keeps it running until it is stopped (Ctrl-C or
SIGTERM), then lets requests in flight finish. With --demo it first creates the demo
council and a fictional family, in a new temporary database unless --db is given, and
prints the address to open.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &f.db)
			fs.StringVar(&f.addr, "addr", "", "the address to listen on (default $PORTAL_ADDR or 127.0.0.1:8080)")
			fs.BoolVar(&f.demo, "demo", false, "create the demo council, family and staff, and print how to sign in as each")
			fs.BoolVar(&f.trustProxy, "trust-proxy", false, "trust X-Forwarded-Proto from a proxy in front (for Secure cookies)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			if len(args) > 0 {
				fmt.Fprintf(e.stderr, "portal serve: unexpected argument %q\n", args[0])
				fs.Usage()
				return exitUsage
			}
			return serve(ctx, e, f)
		},
	}
}

func serve(ctx context.Context, e *env, f serveFlags) int {
	log := e.logger()
	path := dbPath(e, f.db)
	if f.demo && f.db == "" && e.getenv("PORTAL_DB") == "" {
		dir, err := os.MkdirTemp("", "portal-demo-")
		if err != nil {
			return fail(e, "could not make a folder for the demo database: %v", err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return fail(e, "could not open the database %s: %v", path, err)
	}
	defer st.Close()
	var people demo.People
	if f.demo {
		if _, err := st.Council(ctx); err == nil {
			return fail(e, "%s already holds a council: start it without --demo to carry on with it, or give a new --db for a fresh demo", path)
		}
		imported, p, err := demo.Seed(ctx, st, e.now())
		if err != nil {
			return fail(e, "could not create the demo: %v", err)
		}
		people = p
		fmt.Fprintf(e.stdout, "Demo council %q with %d plans in %s.\n", demo.Council.Name, len(imported), path)
	}
	renderer, err := newRenderer()
	if err != nil {
		return fail(e, "could not %v", err)
	}
	srv, err := portal.New(portal.Config{Demo: f.demo, TrustProxy: f.trustProxy}, st, renderer, notifier(e), log, e.now)
	if err != nil {
		return fail(e, "could not start: %v", err)
	}
	addr := firstOf(f.addr, e.getenv("PORTAL_ADDR"), "127.0.0.1:8080")
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fail(e, "could not listen on %s: %v", addr, err)
	}
	if f.demo {
		if err := printDemoSignIns(ctx, e, srv, people, l.Addr().String()); err != nil {
			return fail(e, "could not make the demo's sign-in codes: %v", err)
		}
	}
	fmt.Fprintf(e.stdout, "Open http://%s/ in a browser. Stop with Ctrl-C.\n", l.Addr())
	log.Info("serving", "addr", l.Addr().String(), "demo", f.demo)
	if err := srv.Serve(ctx, l); err != nil {
		return fail(e, "%v", err)
	}
	log.Info("stopped")
	return exitOK
}

// printDemoSignIns prints how to walk in as each demo person: a one-time code for the family
// and the young person, an email and password for staff.
func printDemoSignIns(ctx context.Context, e *env, srv *portal.Server, people demo.People, addr string) error {
	fmt.Fprintf(e.stdout, "\nSign in at http://%s/sign-in with a one-time code (each works once, for 14 days):\n", addr)
	for _, f := range people.Family {
		code, err := srv.IssueInvite(ctx, "demo", f.PersonID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "  %-10s %s (%s)\n", code, f.Name, f.About)
	}
	fmt.Fprintf(e.stdout, "Staff sign in at http://%s/staff/sign-in:\n", addr)
	for _, st := range people.Staff {
		fmt.Fprintf(e.stdout, "  %-26s %-26s %s (%s)\n", st.Email, st.Password, st.Name, st.Role)
	}
	fmt.Fprintln(e.stdout, "Sign-in links by email land in the outbox: sign in as the admin and open /outbox.")
	fmt.Fprintln(e.stdout)
	return nil
}

// notifier sends through GOV.UK Notify when PORTAL_NOTIFY_API_KEY and
// PORTAL_NOTIFY_TEMPLATE are set; otherwise messages stay in the local outbox.
func notifier(e *env) notify.Notifier {
	key, template := e.getenv("PORTAL_NOTIFY_API_KEY"), e.getenv("PORTAL_NOTIFY_TEMPLATE")
	if key == "" || template == "" {
		return nil
	}
	return notify.Notify{APIKey: key, TemplateID: template}
}
