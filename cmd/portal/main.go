// Command portal is the family portal: a web server that turns children's plans and meeting
// minutes into versions families can read, and the tools to bring plans in and look after
// the database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, now: time.Now, isTerminal: isTerminal(os.Stdout),
	}))
}

// env is what a command may touch of the outside world, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	isTerminal     bool
}

func (e *env) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1 // the input was refused or the work failed
	exitUsage    = 2 // the command line was wrong
)

// command is one sub-command.
type command struct {
	name    string
	usage   string // the arguments after the name
	summary string
	help    string // what it does, in a few lines
	run     func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int
	flags   func(fs *flag.FlagSet)
}

func commands() []command {
	return []command{serveCommand(), importCommand(), checkCommand(), renderCommand(), exportCommand(), inviteCommand(), dueCommand(), promisesCommand(), rulesCommand(), councilCommand(), packCommand(), tokenCommand(), backupCommand()}
}

const overview = `portal: the family portal for children's services.

Usage:
  portal [serve] [--demo] [--db PATH] [--addr HOST:PORT]
  portal COMMAND [flags] [arguments]

Commands:
%s
Run 'portal COMMAND --help' for one command's flags.
Environment: PORTAL_DB and PORTAL_ADDR set the defaults of --db and --addr.
`

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, e *env) int {
	cmds := commands()
	name, rest := "serve", args
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		printOverview(e.stdout, cmds)
		return exitOK
	}
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, rest = args[0], args[1:]
	}
	for _, c := range cmds {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet("portal "+c.name, flag.ContinueOnError)
		fs.SetOutput(e.stderr)
		fs.Usage = func() {
			fmt.Fprintf(e.stderr, "Usage: portal %s %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.help)
			printFlags(e.stderr, fs)
		}
		c.flags(fs)
		// Flags may come after the files too ("portal pack FILE -o pack.pdf").
		var positional []string
		for {
			if err := fs.Parse(rest); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return exitOK
				}
				return exitUsage
			}
			if rest = fs.Args(); len(rest) == 0 {
				break
			}
			positional, rest = append(positional, rest[0]), rest[1:]
		}
		return c.run(ctx, e, fs, positional)
	}
	fmt.Fprintf(e.stderr, "portal: there is no command %q.\n\n", name)
	printOverview(e.stderr, cmds)
	return exitUsage
}

func printOverview(w io.Writer, cmds []command) {
	var list string
	for _, c := range cmds {
		list += fmt.Sprintf("  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, overview, list)
}

// dbFlag adds --db with its default from PORTAL_DB.
func dbFlag(fs *flag.FlagSet, target *string) {
	fs.StringVar(target, "db", "", "the SQLite database file (default $PORTAL_DB or portal.db)")
}

func dbPath(e *env, flagValue string) string {
	return firstOf(flagValue, e.getenv("PORTAL_DB"), "portal.db")
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// fail prints a plain message for a failed command and returns exitProblems.
// printFlags lists a command's flags one a line, so that --help fits on one screen.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		fmt.Fprintf(w, "  %-22s %s\n", strings.TrimSpace(dash+f.Name+" "+name), usage)
	})
}

func fail(e *env, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "portal: "+format+"\n", args...)
	return exitProblems
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// newRenderer loads the messages and the views' templates.
func newRenderer() (*render.Renderer, error) {
	catalog, err := locales.Load()
	if err != nil {
		return nil, fmt.Errorf("load the messages: %w", err)
	}
	r, err := render.New(catalog)
	if err != nil {
		return nil, fmt.Errorf("load the views: %w", err)
	}
	return r, nil
}

// offlineServer is the portal's server for a command that uses its logic (invite codes,
// API tokens) without serving: it shares the database and its signing key.
func offlineServer(e *env, st *store.Store) (*portal.Server, error) {
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	return portal.New(portal.Config{}, st, r, nil, e.logger(), e.now)
}
