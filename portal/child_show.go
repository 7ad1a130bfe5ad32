package portal

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

type childPage struct {
	layout
	ChildRef string
	CSRF     string
	Family   []familyLink
	Version  store.PlanVersion
	History  []store.PlanVersion
	View     template.HTML
}

type familyLink struct{ Ref, Name, Language string }

// childShow shows the worker view of a child's latest plan, or of an earlier version with
// ?version=N. Every view is written to the audit trail.
func (s *Server) childShow(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	version := 0
	if v := c.QueryParam("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return echo.NewHTTPError(http.StatusBadRequest, "version")
		}
		version = n
	}
	doc, v, err := s.store.PlanDocument(ctx, ref, c.QueryParam("plan"), version)
	if err != nil {
		return err
	}
	history, err := s.store.PlanHistory(ctx, ref, v.PlanRef)
	if err != nil {
		return err
	}
	page := childPage{layout: s.layoutFor(c, doc.Child.Name), ChildRef: ref, Version: v, History: history, CSRF: s.csrfToken(c)}
	for _, m := range doc.Family {
		page.Family = append(page.Family, familyLink{Ref: m.Ref, Name: m.Name, Language: m.Language})
	}
	page.View, err = s.renderer.Worker(doc, v.Version, page.Lang.String(), s.now())
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "worker view of plan "+v.PlanRef+" version "+strconv.Itoa(v.Version)); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "child", page)
}
