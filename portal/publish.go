package portal

import (
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
)

// publish makes the child's latest plan version the one the family sees, and records what
// that keeps: the minutes reach each family member whose language it is translated into.
// (The full publishing page, with the findings and translations to check first, is the
// worker's side of the portal; this is its last step.)
func (s *Server) publish(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	doc, v, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return err
	}
	actor := actorOf(principal(c))
	if err := s.store.Publish(ctx, actor, ref, v.PlanRef, v.Version); err != nil {
		return err
	}
	if err := s.promises.AfterPublish(ctx, actor, doc, s.now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+ref+"?published=1")
}

// recordEvent records something a worker did or learned (a referral decided, the child
// seen ...) on a day, starting and keeping promises.
func (s *Server) recordEvent(c echo.Context) error {
	ctx := c.Request().Context()
	ref, kind := c.Param("ref"), field(c, "kind")
	on, err := time.Parse(time.DateOnly, field(c, "on"))
	if err != nil || !slices.Contains(promise.WorkerEvents, kind) || on.After(s.now()) {
		return echo.NewHTTPError(http.StatusBadRequest, "event")
	}
	doc, _, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return err
	}
	if err := s.promises.Record(ctx, actorOf(principal(c)), ref, store.Event{Kind: kind, On: on}, doc.Family); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+ref+"#promises")
}

// markAnswered records that the worker answered what a family sent.
func (s *Server) markAnswered(c echo.Context) error {
	ref := c.Param("ref")
	err := s.store.MarkAnswered(c.Request().Context(), actorOf(principal(c)), ref, c.Param("reference"))
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+ref+"#sent-"+c.Param("reference"))
}
