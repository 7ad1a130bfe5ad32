package portal

import (
	"encoding/csv"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

type auditPage struct {
	layout
	ChildRef string
	Actor    string
	Action   string
	Entries  []store.AuditEntry
}

// auditShow is "who saw what" for a child, for the manager of the team working with them,
// filtered by who and by what, as a page or as CSV (?format=csv).
func (s *Server) auditShow(c echo.Context) error {
	ref := c.Param("ref")
	entries, err := s.store.AuditTrail(c.Request().Context(), "child:"+ref, 5000)
	if err != nil {
		return err
	}
	actor, action := c.QueryParam("actor"), c.QueryParam("action")
	var shown []store.AuditEntry
	for _, e := range entries {
		if (actor == "" || strings.Contains(e.Actor, actor)) && (action == "" || strings.HasPrefix(e.Action, action)) {
			shown = append(shown, e)
		}
	}
	if err := s.store.Record(c.Request().Context(), actorOf(principal(c)), "audit.view", "child:"+ref, c.QueryString()); err != nil {
		return err
	}
	if c.QueryParam("format") == "csv" {
		c.Response().Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
		c.Response().Header().Set("Content-Disposition", `attachment; filename="audit-`+ref+`.csv"`)
		c.Response().WriteHeader(http.StatusOK)
		w := csv.NewWriter(c.Response())
		w.Write([]string{"at", "actor", "action", "subject", "detail"})
		for _, e := range shown {
			w.Write([]string{e.At.UTC().Format("2006-01-02T15:04:05Z"), e.Actor, e.Action, e.Subject, e.Detail})
		}
		w.Flush()
		return w.Error()
	}
	page := auditPage{layout: s.layoutFor(c, ""), ChildRef: ref, Actor: actor, Action: action, Entries: shown}
	page.Title = page.T("worker.audit.title")
	return s.render(c, http.StatusOK, "audit", page)
}

type outboxPage struct {
	layout
	Messages []store.OutboxMessage
}

// outboxShow lists the messages the local notifier kept, for the admin (and the demo).
func (s *Server) outboxShow(c echo.Context) error {
	messages, err := s.store.Outbox(c.Request().Context(), 100)
	if err != nil {
		return err
	}
	page := outboxPage{layout: s.layoutFor(c, ""), Messages: messages}
	page.Title = page.T("worker.outbox.title")
	return s.render(c, http.StatusOK, "outbox", page)
}
