package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/familyportal/portal/portal"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/pack"
)

type packFlags struct {
	member, meeting, view, lang, out, author string
	large                                    bool
	// a caseload, from the database
	db, caseload, from, to, link string
	combined, noCodes            bool
}

func packCommand() command {
	var f packFlags
	return command{
		name:    "pack",
		usage:   "--member F-1 [--meeting M-3] [--view parent|child|worker] FILE -o pack.pdf | --caseload EMAIL [--out packs.zip]",
		summary: "print packs (PDF): one for a family member from a plan document, or a worker's whole caseload",
		help: `From a plan document: --member's pack in their language; with --meeting, the meeting pack
(letter, plan, notes, paper form, rights, words). Large print when their needs say so.
From the database: --caseload prints every child's packs from their published plan, into a
zip with contents.txt or one bookmarked PDF. Withheld texts are never in a family's pack.`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&f.member, "member", "", "the family member the pack is for")
			fs.StringVar(&f.meeting, "meeting", "", "the meeting the pack is for, for example M-3")
			fs.StringVar(&f.view, "view", "parent", "parent, child (My Journey) or worker")
			fs.StringVar(&f.lang, "lang", "", "the pack's language (default: the reader's own)")
			fs.StringVar(&f.out, "o", "", "the PDF file to write")
			fs.StringVar(&f.author, "council", "", "the council, as the PDF's author")
			fs.BoolVar(&f.large, "large-print", false, "large print (16 pt)")
			dbFlag(fs, &f.db)
			fs.StringVar(&f.caseload, "caseload", "", "the worker's email: print their whole caseload")
			fs.StringVar(&f.out, "out", "", "the zip (or with --combined, PDF) file to write")
			fs.BoolVar(&f.combined, "combined", false, "one PDF with bookmarks instead of a zip")
			fs.StringVar(&f.from, "from", "", "first day of the next meetings to print for (YYYY-MM-DD)")
			fs.StringVar(&f.to, "to", "", "last day of the next meetings to print for (YYYY-MM-DD)")
			fs.StringVar(&f.link, "link", "", "the portal's sign-in address, printed on the forms")
			fs.BoolVar(&f.noCodes, "no-codes", false, "print no new sign-in codes")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, files []string) int {
			switch {
			case f.caseload != "" && len(files) == 0:
				return packCaseload(ctx, e, f)
			case f.caseload == "" && len(files) == 1 && f.out != "" && (f.member != "" || f.view != "parent"):
				return packFile(e, files[0], f)
			}
			fmt.Fprintln(e.stderr, "portal pack: name one plan document, the --member and the -o file; or --caseload EMAIL.")
			fs.Usage()
			return exitUsage
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
	o := pack.Options{Author: f.author, LargePrint: f.large, Created: e.now()}
	var pdf []byte
	switch f.view {
	case "worker":
		pdf, err = pack.Worker(r.WorkerView(doc, 0, "en", e.now()), o)
	case "child":
		pdf, err = pack.Child(r.ChildView(doc, render.ChildOptions{Lang: f.lang, AsOf: e.now()}), o)
	case "parent":
		var v *render.ParentView
		v, err = r.ParentView(doc, render.ParentOptions{Member: f.member, Lang: f.lang, AsOf: e.now(), Meeting: f.meeting})
		switch {
		case errors.Is(err, render.ErrNoSuchMember):
			return fail(e, "there is no family member %q in %s; the family members are %s", f.member, file, memberRefs(doc))
		case errors.Is(err, render.ErrNoSuchMeeting):
			return fail(e, "there is no meeting %q in %s; the meetings are %s", f.meeting, file, meetingRefs(doc))
		case err != nil:
			return fail(e, "%v", err)
		}
		o.LargePrint = o.LargePrint || portal.NeedsLargePrint(v.Member)
		if f.meeting != "" {
			pdf, err = pack.Meeting(v, o)
		} else {
			pdf, err = pack.Parent(v, o)
		}
	default:
		return fail(e, "--view is parent, child or worker, not %q", f.view)
	}
	if err != nil {
		return fail(e, "%v", err)
	}
	if err := os.WriteFile(f.out, pdf, 0o644); err != nil {
		return fail(e, "could not write %s: %v", f.out, err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d KB).\n", f.out, len(pdf)/1024)
	return exitOK
}

func meetingRefs(doc *document.Document) string {
	return listOrNone(doc.Meetings, func(m document.Meeting) string { return m.Ref })
}

// packCaseload prints a worker's caseload, with a progress bar on a terminal.
func packCaseload(ctx context.Context, e *env, f packFlags) int {
	req := portal.PackRequest{Worker: f.caseload, Combined: f.combined, Link: f.link, Codes: !f.noCodes}
	if (f.from == "") != (f.to == "") {
		return fail(e, "give both --from and --to, or neither")
	}
	if f.from != "" {
		var err error
		if req.From, err = time.Parse(time.DateOnly, f.from); err != nil {
			return fail(e, "--from %q is not a date (use YYYY-MM-DD)", f.from)
		}
		if req.To, err = time.Parse(time.DateOnly, f.to); err != nil {
			return fail(e, "--to %q is not a date (use YYYY-MM-DD)", f.to)
		}
	}
	out := firstOf(f.out, map[bool]string{true: "packs.pdf", false: "packs.zip"}[f.combined])
	path := dbPath(e, f.db)
	st, err := store.Open(ctx, path)
	if err != nil {
		return fail(e, "could not open the database %s: %v", path, err)
	}
	defer st.Close()
	srv, err := offlineServer(e, st)
	if err != nil {
		return fail(e, "%v", err)
	}
	// Written beside the file and renamed when whole, so a stopped run leaves no half a zip.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".packs-*")
	if err != nil {
		return fail(e, "could not write %s: %v", out, err)
	}
	defer os.Remove(tmp.Name())
	started := time.Now()
	sum, err := srv.CaseloadPacks(ctx, actor(), req, tmp, progressBar(e))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, portal.ErrNoSuchWorker):
		return fail(e, "no worker signs in with %s", f.caseload)
	case err != nil:
		return fail(e, "%v", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fail(e, "could not write %s: %v", out, err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: packs for %d children, %s, %s, in %.1f s.\n", out, sum.Children, plural(sum.Packs, "pack"), plural(sum.Pages, "page"), time.Since(started).Seconds())
	for _, s := range sum.Skipped {
		fmt.Fprintf(e.stdout, "Left out %s\n", s)
	}
	return exitOK
}

// progressBar draws "[#####     ] 9 of 18 children" on a terminal, and nothing elsewhere.
func progressBar(e *env) func(done, total int) {
	if !e.isTerminal {
		return nil
	}
	return func(done, total int) {
		const width = 30
		filled := width * done / max(total, 1)
		fmt.Fprintf(e.stderr, "\r[%s%s] %d of %d children", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total)
		if done == total {
			io.WriteString(e.stderr, "\n")
		}
	}
}
