package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/pack"
)

type packFlags struct {
	member, lang, out, author string
	large                     bool
}

func packCommand() command {
	var f packFlags
	return command{
		name:    "pack",
		usage:   "--member F-1 [--lang ur] [--large-print] [--council NAME] FILE -o pack.pdf",
		summary: "write the printed pack of a plan document for one family member (PDF)",
		help: `Reads one plan document and writes the parent version for one family member as a PDF,
in their language (or --lang), with the fonts inside: Urdu and Arabic joined and right to
left, page numbers in the language, large print (16 pt) with --large-print or when the
member's needs include "large print". Withheld texts are never in it.`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&f.member, "member", "", "the family member the pack is for")
			fs.StringVar(&f.lang, "lang", "", "the pack's language (default: the member's own)")
			fs.StringVar(&f.out, "o", "", "the PDF file to write")
			fs.StringVar(&f.author, "council", "", "the council, as the PDF's author")
			fs.BoolVar(&f.large, "large-print", false, "large print (16 pt)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			if len(files) != 1 || f.member == "" || f.out == "" {
				fmt.Fprintln(e.stderr, "portal pack: name one plan document, the --member and the -o file.")
				fs.Usage()
				return exitUsage
			}
			return packFile(e, files[0], f)
		},
	}
}

func packFile(e *env, file string, f packFlags) int {
	doc, ok := readOneDocument(e, file, "packed")
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
	v, err := r.ParentView(doc, render.ParentOptions{Member: f.member, Lang: f.lang, AsOf: e.now()})
	if errors.Is(err, render.ErrNoSuchMember) {
		return fail(e, "there is no family member %q in %s; the family members are %s", f.member, file, memberRefs(doc))
	}
	if err != nil {
		return fail(e, "%v", err)
	}
	large := f.large || slices.ContainsFunc(v.Member.Needs, func(n string) bool { return strings.EqualFold(n, "large print") })
	pdf, err := pack.Parent(v, pack.Options{Author: f.author, LargePrint: large, Created: e.now()})
	if err != nil {
		return fail(e, "%v", err)
	}
	if err := os.WriteFile(f.out, pdf, 0o644); err != nil {
		return fail(e, "could not write %s: %v", f.out, err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d KB) for %s.\n", f.out, len(pdf)/1024, f.member)
	return exitOK
}
