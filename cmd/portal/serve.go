package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal"
	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

type serveFlags struct {
	db, addr string
	demo     bool
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
			fs.BoolVar(&f.demo, "demo", false, "create the demo council and family, and show them without sign-in")
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
	if f.demo {
		imported, err := demo.Seed(ctx, st, e.now())
		if err != nil {
			return fail(e, "could not create the demo: %v", err)
		}
		fmt.Fprintf(e.stdout, "Demo council %q with %d plans in %s.\n", demo.Council.Name, len(imported), path)
	}
	catalog, err := locales.Load()
	if err != nil {
		return fail(e, "could not load the messages: %v", err)
	}
	renderer, err := render.New(catalog)
	if err != nil {
		return fail(e, "could not load the views: %v", err)
	}
	srv, err := portal.New(portal.Config{Demo: f.demo}, st, renderer, log, e.now)
	if err != nil {
		return fail(e, "could not start: %v", err)
	}
	addr := firstOf(f.addr, e.getenv("PORTAL_ADDR"), "127.0.0.1:8080")
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fail(e, "could not listen on %s: %v", addr, err)
	}
	fmt.Fprintf(e.stdout, "Open http://%s/ in a browser. Stop with Ctrl-C.\n", l.Addr())
	if f.demo {
		fmt.Fprintln(e.stdout, "Sign-in is not built yet: the demo shows the worker view of the fictional family to anyone.")
	}
	log.Info("serving", "addr", l.Addr().String(), "demo", f.demo)
	if err := srv.Serve(ctx, l); err != nil {
		return fail(e, "%v", err)
	}
	log.Info("stopped")
	return exitOK
}
