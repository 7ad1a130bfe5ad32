package portal

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/access"
)

// myPage is a signed-in person's start page: the children they may see, and how.
type myPage struct {
	formPage
	Kind     string
	Children []myChild
}

type myChild struct {
	Ref, Name, Member string
	Journey           bool
	Privacy           bool
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
			add(ref, myChild{Member: member, Journey: !signsIn})
		}
	case access.YoungPerson:
		add(p.Own, myChild{Journey: true, Privacy: true})
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
	return s.render(c, http.StatusOK, "my", page)
}
