package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/familyportal/portal/assets"
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

type renderFlags struct {
	view, member, lang, asOf string
}

func renderCommand() command {
	var f renderFlags
	return command{
		name:    "render",
		usage:   "--view parent|child|worker [--member F-1] [--lang ur] [--as-of YYYY-MM-DD] FILE",
		summary: "write a view of a plan document as a standalone HTML page",
		help: `Reads one plan document and writes one whole HTML page to standard output, with its
style sheet inside, to open in a browser or send on.
  parent  the plan and meeting notes for one family member (--member), in plain words,
          in their language (or --lang); withheld texts are never in it
  child   My Journey, for the child's age on --as-of, in their first language (or --lang)
  worker  everything, with the texts kept from the family marked and their reasons
An unknown view, member or language is refused with exit status 1.`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&f.view, "view", "worker", "which view: parent, child or worker")
			fs.StringVar(&f.member, "member", "", "the family member the parent view is for (default: the first)")
			fs.StringVar(&f.lang, "lang", "", "the language of the page (default: the reader's own)")
			fs.StringVar(&f.asOf, "as-of", "", "the date the page is read on, for ages and \"in 3 weeks\" (default today)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			if len(files) != 1 {
				fmt.Fprintln(e.stderr, "portal render: name one plan document.")
				fs.Usage()
				return exitUsage
			}
			return renderFile(e, files[0], f)
		},
	}
}

func renderFile(e *env, file string, f renderFlags) int {
	if f.view != "parent" && f.view != "child" && f.view != "worker" {
		return fail(e, "there is no view %q; the views are parent, child and worker", f.view)
	}
	day := e.now()
	if f.asOf != "" {
		t, err := time.Parse(time.DateOnly, f.asOf)
		if err != nil {
			return fail(e, "--as-of %q is not a date (use YYYY-MM-DD)", f.asOf)
		}
		day = t
	}
	doc, ok := readOneDocument(e, file, "rendered")
	if !ok {
		return exitProblems
	}
	r, err := newRenderer()
	if err != nil {
		return fail(e, "could not %v", err)
	}
	if f.lang != "" && !r.Offers(f.lang) {
		return fail(e, "the portal is not offered in %q; it is offered in %s", f.lang, strings.Join(r.Languages(), ", "))
	}
	var body template.HTML
	var title string
	var tr locales.Translator
	switch f.view {
	case "parent":
		member := f.member
		if member == "" && len(doc.Family) > 0 {
			member = doc.Family[0].Ref
		}
		if m := findMember(doc, member); m != nil && f.lang == "" && m.Language != "" && !r.Offers(m.Language) {
			fmt.Fprintf(e.stderr, "portal render: %s's language %q is not offered yet; the page is in English.\n", member, m.Language)
		}
		var v *render.ParentView
		body, v, err = r.Parent(doc, render.ParentOptions{Member: member, Lang: f.lang, AsOf: day})
		if errors.Is(err, render.ErrNoSuchMember) {
			return fail(e, "there is no family member %q in %s; the family members are %s", member, file, memberRefs(doc))
		}
		if err == nil {
			title, tr = v.Title, v.Translator
		}
	case "child":
		var v *render.ChildView
		body, v, err = r.Child(doc, render.ChildOptions{Lang: f.lang, AsOf: day})
		if err == nil {
			title, tr = v.Title, v.Translator
		}
	default:
		lang := firstOf(f.lang, "en")
		body, err = r.Worker(doc, 0, lang, day)
		title, tr = doc.Child.Name, r.Translator(lang)
	}
	if err != nil {
		return fail(e, "%v", err)
	}
	if err := r.Standalone(e.stdout, tr, title, body, assets.StyleSheet()); err != nil {
		return fail(e, "%v", err)
	}
	return exitOK
}

func findMember(doc *document.Document, ref string) *document.FamilyMember {
	for i := range doc.Family {
		if doc.Family[i].Ref == ref {
			return &doc.Family[i]
		}
	}
	return nil
}

func memberRefs(doc *document.Document) string {
	return listOrNone(doc.Family, func(m document.FamilyMember) string { return m.Ref + " (" + m.Name + ")" })
}

// listOrNone names each item, for a message: "F-1 (Sara Khan), F-2 (Tomasz Nowak)", or "none".
func listOrNone[T any](items []T, name func(T) string) string {
	if len(items) == 0 {
		return "none"
	}
	names := make([]string, len(items))
	for i, item := range items {
		names[i] = name(item)
	}
	return strings.Join(names, ", ")
}
