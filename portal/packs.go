package portal

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/pack"
)

// PackRequest says which packs to print for a caseload.
type PackRequest struct {
	Worker   string    // the worker's email; a manager's brings their team's children
	From, To time.Time // only children whose next meeting falls in these days; zero for all
	Combined bool      // one PDF with a bookmark for each pack, rather than a zip of PDFs
	Link     string    // the portal's sign-in address, printed on the forms
	Codes    bool      // a new sign-in code for each family member who has never signed in
}

// PackSummary is what a caseload's packs hold.
type PackSummary struct {
	Children, Packs, Pages int
	Skipped                []string // children left out, and why
}

// String says what the packs hold: "2 children, 7 packs, 100 pages".
func (s PackSummary) String() string {
	return fmt.Sprintf("%d children, %d packs, %d pages", s.Children, s.Packs, s.Pages)
}

// ErrNoSuchWorker is a caseload asked for by an email no worker has.
var ErrNoSuchWorker = errors.New("no worker with that email")

// CaseloadPacks writes the packs of every child on a worker's caseload to out: for each
// child's published plan, a meeting pack for each family member in their language (large
// print when their needs say so) and My Journey for the child. progress hears after each
// child how many of how many are done.
func (s *Server) CaseloadPacks(ctx context.Context, actor string, req PackRequest, out io.Writer, progress func(done, total int)) (PackSummary, error) {
	var sum PackSummary
	worker, err := s.store.StaffByEmail(ctx, req.Worker)
	if errors.Is(err, store.ErrNotFound) {
		return sum, fmt.Errorf("%w: %s", ErrNoSuchWorker, req.Worker)
	}
	if err != nil {
		return sum, err
	}
	links, err := s.store.LinksOf(ctx, worker)
	if err != nil {
		return sum, err
	}
	children := slices.Sorted(maps.Keys(links.Caseload))
	for ref := range links.Team {
		if !links.Caseload[ref] {
			children = append(children, ref)
		}
	}
	council, err := s.store.Council(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return sum, err
	}
	b := packBuilder{s: s, actor: actor, req: req, council: council, now: s.now()}
	for _, c := range council.Advocacy {
		b.services.Advocacy = append(b.services.Advocacy, pack.Contact(c))
	}
	b.services.Complaints = pack.Contact(council.Complaints)
	if req.Combined {
		b.file, err = pack.NewFile(pack.Meta{Title: "Packs for " + worker.Name + "'s caseload", Author: council.Name, Lang: "en", Created: b.now})
	} else {
		b.zip = zip.NewWriter(out)
	}
	if err != nil {
		return sum, err
	}
	var contents strings.Builder
	fmt.Fprintf(&contents, "Packs for %s's caseload, printed %s\n\n", worker.Name, b.now.Format("Monday 2 January 2006 15:04"))
	// Children are made side by side, one per core, into memory, and written to the zip in
	// order; a combined file is one PDF, made one child after another.
	workers := runtime.GOMAXPROCS(0)
	if req.Combined {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan childResult, len(children))
	for i := range results {
		results[i] = make(chan childResult, 1)
	}
	slots := make(chan struct{}, workers)
	go func() {
		for i, ref := range children {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				c, err := b.child(ctx, ref)
				if err != nil {
					err = fmt.Errorf("packs for %s: %w", ref, err)
				}
				results[i] <- childResult{c, err}
			}()
		}
	}()
	for i := range children {
		var res childResult
		select {
		case res = <-results[i]:
		case <-ctx.Done():
			return sum, ctx.Err()
		}
		<-slots // a slot is freed once its child is written out, so memory stays bounded
		if res.err != nil {
			return sum, res.err
		}
		if err := b.add(res.c, &sum, &contents); err != nil {
			return sum, err
		}
		if progress != nil {
			progress(i+1, len(children))
		}
	}
	fmt.Fprintf(&contents, "\n%s.\n", sum)
	if req.Combined {
		pdf, err := b.file.Bytes()
		if err != nil {
			return sum, err
		}
		if _, err := out.Write(pdf); err != nil {
			return sum, err
		}
	} else {
		f, err := b.zip.Create("contents.txt")
		if err != nil {
			return sum, err
		}
		if _, err := io.WriteString(f, contents.String()); err != nil {
			return sum, err
		}
		if err := b.zip.Close(); err != nil {
			return sum, err
		}
	}
	return sum, s.store.Record(ctx, actor, "pack.caseload", req.Worker, sum.String())
}

// packBuilder writes one caseload's packs, to a zip or to one combined file.
type packBuilder struct {
	s        *Server
	actor    string
	req      PackRequest
	council  store.Council
	services pack.Services // the council's, for every pack's rights part
	now      time.Time
	zip      *zip.Writer
	file     *pack.Writer
}

// childPacks are one child's packs, made but not yet written out.
type childPacks struct {
	lines   string // for the contents list
	skipped string
	counted bool // the child is in the date range
	files   []packFile
}

// packFile is one pack: its file name in the zip, and its PDF (nil when it went straight
// into the combined file).
type packFile struct {
	name  string
	pdf   []byte
	pages int
}

type childResult struct {
	c   childPacks
	err error
}

// add writes a child's packs into the zip and counts them.
func (b *packBuilder) add(c childPacks, sum *PackSummary, contents *strings.Builder) error {
	if c.skipped != "" {
		sum.Skipped = append(sum.Skipped, c.skipped)
	}
	if c.counted {
		sum.Children++
	}
	contents.WriteString(c.lines)
	for _, f := range c.files {
		sum.Packs++
		sum.Pages += f.pages
		if b.zip == nil {
			continue
		}
		w, err := b.zip.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := w.Write(f.pdf); err != nil {
			return err
		}
	}
	return nil
}

// child makes one child's packs.
func (b *packBuilder) child(ctx context.Context, ref string) (childPacks, error) {
	var c childPacks
	doc, _, err := b.s.store.PublishedDocument(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		c.skipped = ref + ": no plan published to the family yet"
		c.lines = ref + ": left out, no plan published to the family yet\n"
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if day := b.s.renderer.NextMeetingDay(doc, b.now); !b.req.From.IsZero() && (day.IsZero() || day.Time.Before(b.req.From) || day.Time.After(b.req.To)) {
		return c, nil
	}
	promises, err := b.s.store.ChildPromises(ctx, ref)
	if err != nil {
		return c, err
	}
	c.counted = true
	meeting := render.PackMeeting(doc, b.now)
	var lines strings.Builder
	fmt.Fprintf(&lines, "%s (%s)\n", doc.Child.Name, ref)
	dir := fileName(doc.Child.Name) + "_" + ref + "/"
	for _, m := range doc.Family {
		v, err := b.s.renderer.ParentView(doc, render.ParentOptions{Member: m.Ref, AsOf: b.now, Meeting: meeting, Promises: promiseLinesOf(promises, m.Ref, b.now)})
		if err != nil {
			return c, err
		}
		o, err := b.options(ctx, ref, m, v.Title)
		if err != nil {
			return c, err
		}
		name := dir + fileName(m.Ref+" "+m.Name+" "+v.Lang.String()) + ".pdf"
		f, err := b.write(name, doc.Child.Name+": "+m.Name, v.Translator, o, func(w *pack.Writer) error {
			if meeting == "" {
				return w.ParentPack(v, o)
			}
			return w.MeetingPack(v, o)
		})
		if err != nil {
			return c, err
		}
		c.files = append(c.files, f)
		large := ""
		if o.LargePrint {
			large = ", large print"
		}
		fmt.Fprintf(&lines, "  %s, %s (%s%s): %d pages, %s\n", m.Name, m.Relationship, v.Lang, large, f.pages, name)
	}
	cv := b.s.renderer.ChildView(doc, render.ChildOptions{AsOf: b.now})
	name := dir + fileName("My Journey "+cv.Name+" "+cv.Lang.String()) + ".pdf"
	o := pack.Options{Title: cv.Title, Author: b.council.Name, Created: b.now}
	f, err := b.write(name, doc.Child.Name+": "+cv.Title, cv.Translator, o, func(w *pack.Writer) error { return w.JourneyPack(cv) })
	if err != nil {
		return c, err
	}
	c.files = append(c.files, f)
	fmt.Fprintf(&lines, "  %s, %s (%s): %d pages, %s\n", cv.Title, cv.Name, cv.Lang, f.pages, name)
	c.lines = lines.String()
	return c, nil
}

// options are a family member's pack options: large print from their needs, the council's
// services, and how to answer online, with a new sign-in code when asked for.
func (b *packBuilder) options(ctx context.Context, ref string, m document.FamilyMember, title string) (pack.Options, error) {
	o := pack.Options{Title: title, Author: b.council.Name, Created: b.now, LargePrint: NeedsLargePrint(m), Services: b.services, Online: pack.Online{Link: b.req.Link}}
	if !b.req.Codes {
		return o, nil
	}
	person, err := b.s.store.FamilyMemberPerson(ctx, ref, m.Ref)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return o, err
	}
	if err == nil && person.SignInMethod != "" {
		return o, nil
	}
	code, _, err := b.s.InviteFamilyMember(ctx, b.actor, ref, m.Ref)
	if err != nil {
		return o, err
	}
	o.Online.Code = code
	o.Online.CodeUntil = b.s.renderer.LongDate(b.s.renderer.Translator(m.Language), document.NewDate(b.now.Add(b.s.cfg.InviteTTL)))
	return o, nil
}

// write makes one pack: a PDF of its own for the zip, or a bookmarked pack of the combined
// file.
func (b *packBuilder) write(name, bookmark string, tr locales.Translator, o pack.Options, fill func(*pack.Writer) error) (packFile, error) {
	f := packFile{name: name}
	if b.file != nil {
		first := b.file.Pages() + 1
		b.file.Start(tr, o.LargePrint, bookmark)
		if err := fill(b.file); err != nil {
			return f, err
		}
		f.pages = b.file.Pages() - first + 1
		return f, nil
	}
	w, err := pack.New(tr, o)
	if err != nil {
		return f, err
	}
	if err := fill(w); err != nil {
		return f, err
	}
	f.pdf, err = w.Bytes()
	f.pages = w.Pages()
	return f, err
}

// NeedsLargePrint reports whether a family member's needs ask for large print.
func NeedsLargePrint(m document.FamilyMember) bool {
	return slices.ContainsFunc(m.Needs, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), "large print") })
}

// fileName makes a name safe in a zip on any system: letters, digits and dashes, spaces
// turned to underscores.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ':
			return '_'
		case r == '-' || r == '_' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return r
		}
		return -1
	}, s)
}
