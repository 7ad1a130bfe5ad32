package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/familyportal/portal/assets"
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render"
)

func renderCommand() command {
	var view, lang, today string
	return command{
		name:    "render",
		usage:   "--view worker [--lang en] [--today YYYY-MM-DD] FILE",
		summary: "write a plan document as an HTML page to standard output",
		help: `Reads one plan document and writes a whole HTML page to standard output, with its
style sheet inside, to open in a browser or send on. The worker view shows everything,
with the texts kept from the family marked and their reasons.`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&view, "view", "worker", "which view: worker")
			fs.StringVar(&lang, "lang", "en", "the language of the page's headings")
			fs.StringVar(&today, "today", "", "the date to work out ages from (default today)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			if len(files) != 1 {
				fmt.Fprintln(e.stderr, "portal render: name one plan document.")
				fs.Usage()
				return exitUsage
			}
			if view != "worker" {
				fmt.Fprintf(e.stderr, "portal render: there is no view %q yet; the views are: worker\n", view)
				return exitUsage
			}
			day := e.now()
			if today != "" {
				t, err := time.Parse(time.DateOnly, today)
				if err != nil {
					fmt.Fprintf(e.stderr, "portal render: --today %q is not a date (use YYYY-MM-DD)\n", today)
					return exitUsage
				}
				day = t
			}
			return renderFile(e, files[0], lang, day)
		},
	}
}

func renderFile(e *env, file, lang string, day time.Time) int {
	doc, ok := readOneDocument(e, file, "rendered")
	if !ok {
		return exitProblems
	}
	catalog, err := locales.Load()
	if err != nil {
		return fail(e, "could not load the messages: %v", err)
	}
	r, err := render.New(catalog)
	if err != nil {
		return fail(e, "could not load the views: %v", err)
	}
	body, err := r.Worker(doc, 0, lang, day)
	if err != nil {
		return fail(e, "%v", err)
	}
	if err := r.Standalone(e.stdout, r.Translator(lang), doc.Child.Name, body, assets.StyleSheet()); err != nil {
		return fail(e, "%v", err)
	}
	return exitOK
}
