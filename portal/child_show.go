package portal

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

type childPage struct {
	layout
	ChildRef  string
	CSRF      string
	Promises  []promiseRow
	Events    []string
	Today     string
	Published bool
	Family    []familyLink
	Version   store.PlanVersion
	History   []store.PlanVersion
	View      template.HTML
	Sent      []sentItem
}

type familyLink struct{ Ref, Name, Language string }

// promiseRow is a promise as a worker sees it.
type promiseRow struct {
	store.Promise
	Status  string
	RuleNow string // the rule's length today, when it differs from the one this promise started with
}

func (s *Server) promiseRows(ctx context.Context, ref string) ([]promiseRow, error) {
	all, err := s.store.ChildPromises(ctx, ref)
	if err != nil {
		return nil, err
	}
	rules, err := s.store.PromiseRules(ctx)
	if err != nil {
		return nil, err
	}
	now := map[string]store.PromiseRule{}
	for _, r := range rules {
		now[r.ID] = r
	}
	rows := make([]promiseRow, len(all))
	for i, p := range all {
		rows[i] = promiseRow{Promise: p, Status: p.Status(s.now())}
		if r, ok := now[p.Rule]; ok && (r.Days != p.Days || r.Working != p.Working) {
			rows[i].RuleNow = fmt.Sprintf("%d", r.Days)
			if r.Working {
				rows[i].RuleNow += " working"
			}
		}
	}
	return rows, nil
}

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
	if page.Promises, err = s.promiseRows(ctx, ref); err != nil {
		return err
	}
	var youSaid map[string][]render.FamilySaid
	if page.Sent, youSaid, err = s.sentToWorker(c, page.Translator, ref, doc); err != nil {
		return err
	}
	page.Events, page.Today, page.Published = promise.WorkerEvents, s.now().Format(time.DateOnly), c.QueryParam("published") == "1"
	view := s.renderer.WorkerView(doc, v.Version, page.Lang.String(), s.now())
	view.YouSaid = youSaid
	page.View, err = s.renderer.WorkerHTML(view)
	if err != nil {
		return err
	}
	if err := s.store.Record(ctx, actorOf(principal(c)), store.ActionView, "child:"+ref, "worker view of plan "+v.PlanRef+" version "+strconv.Itoa(v.Version)); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "child", page)
}
