package portal

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/store"
)

// myPage is a signed-in person's start page: the children they may see, and how.
type myPage struct {
	formPage
	Kind     string
	Children []myChild
	Late     []store.Promise    // staff: promises past their day, not kept
	Soon     []store.Promise    // staff: due within 2 working days: the reminder
	Sent     []store.Submission // staff: what families sent that nobody has answered yet
	Urgent   []store.UrgentTask // staff: children who said they do not feel safe
	Caseload []caseloadTable    // staff: their children (a manager's team's, by worker), what needs doing first
}

type myChild struct {
	Ref, Name, Member string
	Journey           bool
	Privacy           bool
	Views             bool // the child's own views can be given from here
}

// my lists what the signed-in person may open: a parent their children's plans, a young
// person their own, a worker their caseload, a manager their team's.
func (s *Server) my(c echo.Context) error {
	p := principal(c)
	ctx := c.Request().Context()
	page := myPage{formPage: s.form(c, "my.title"), Kind: p.Kind}
	if p.Language != "" && !p.Staff() {
		page.Translator = s.renderer.Translator(p.Language)
		page.Title = page.T("my.title")
	}
	names, err := s.store.ChildNames(ctx)
	if err != nil {
		return err
	}
	add := func(ref string, ch myChild) {
		ch.Ref, ch.Name = ref, names[ref]
		page.Children = append(page.Children, ch)
	}
	switch p.Kind {
	case access.Family:
		for ref, member := range p.Family {
			signsIn, err := s.store.ChildSignsIn(ctx, ref)
			if err != nil {
				return err
			}
			add(ref, myChild{Member: member, Journey: !signsIn, Views: !signsIn})
		}
	case access.YoungPerson:
		add(p.Own, myChild{Journey: true, Privacy: true, Views: true})
	case access.Worker, access.Manager:
		for ref := range p.Caseload {
			add(ref, myChild{Journey: true})
		}
		for ref := range p.Team {
			if !p.Caseload[ref] {
				add(ref, myChild{Journey: true})
			}
		}
	}
	slices.SortFunc(page.Children, func(a, b myChild) int { return strings.Compare(a.Name, b.Name) })
	if p.Kind == access.Worker || p.Kind == access.Manager {
		if err := s.duePromises(c, &page); err != nil {
			return err
		}
		if page.Caseload, err = s.caseloadTables(ctx, p, page.Translator); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "my", page)
}

// duePromises puts the worker's (or manager's team's) late promises and those due within 2
// working days first on their page.
func (s *Server) duePromises(c echo.Context, page *myPage) error {
	ctx := c.Request().Context()
	cal, err := s.promises.Calendar(ctx)
	if err != nil {
		return err
	}
	soon, _ := cal.Due(s.now(), 2, true)
	var refs []string
	for _, ch := range page.Children {
		refs = append(refs, ch.Ref)
	}
	if len(refs) == 0 {
		return nil
	}
	if page.Urgent, err = s.store.UrgentTasks(ctx, refs); err != nil {
		return err
	}
	if page.Sent, err = s.store.UnansweredSubmissions(ctx, refs); err != nil {
		return err
	}
	open, err := s.store.OpenPromises(ctx, soon, refs)
	if err != nil {
		return err
	}
	for _, p := range open {
		if p.Status(s.now()) == "late" {
			page.Late = append(page.Late, p)
		} else {
			page.Soon = append(page.Soon, p)
		}
	}
	return nil
}
