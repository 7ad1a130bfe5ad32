package portal

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
)

// apiProblems is how the JSON API says what is wrong: every problem, with its JSON path.
type apiProblems []apiProblem

type apiProblem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

type apiEvent struct {
	Kind string `json:"kind"`
	On   string `json:"on"`
}

// apiRecordEvent records an event a case management system reports for a child:
// {"kind": "referral_received", "on": "2026-11-20"}.
func (s *Server) apiRecordEvent(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	var e apiEvent
	dec := json.NewDecoder(http.MaxBytesReader(c.Response(), c.Request().Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return c.JSON(http.StatusBadRequest, apiProblems{{Path: "$", Message: "the body should be JSON like {\"kind\": \"referral_received\", \"on\": \"2026-11-20\"}"}})
	}
	var problems apiProblems
	if !slices.Contains(promise.WorkerEvents, e.Kind) {
		problems = append(problems, apiProblem{Path: "$.kind", Message: "use one of " + strings.Join(promise.WorkerEvents, ", ")})
	}
	on, err := time.Parse(time.DateOnly, e.On)
	if err != nil {
		problems = append(problems, apiProblem{Path: "$.on", Message: "a date as YYYY-MM-DD"})
	} else if on.After(s.now()) {
		problems = append(problems, apiProblem{Path: "$.on", Message: "is in the future"})
	}
	if len(problems) > 0 {
		return c.JSON(http.StatusBadRequest, problems)
	}
	if ok, err := s.apiChild(c, ref); !ok {
		return err
	}
	doc, _, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return err
	}
	if err := s.promises.Record(ctx, "system:"+principal(c).Name, ref, store.Event{Kind: e.Kind, On: on}, doc.Family); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"recorded": e})
}

// noSuchChild answers a system asking about a child it may not see the same as for a child
// nobody knows, so a token cannot learn which children another council holds.
func noSuchChild(c echo.Context, ref string) error {
	return c.JSON(http.StatusNotFound, apiProblems{{Path: "$", Message: "no child " + ref + " for this token's council"}})
}

// apiChild reports whether the child exists and belongs to the calling system's council;
// when not, it has answered 404 (or failed) and its error is the handler's.
func (s *Server) apiChild(c echo.Context, ref string) (bool, error) {
	council, err := s.store.ChildCouncil(c.Request().Context(), ref)
	switch {
	case errors.Is(err, store.ErrNotFound), err == nil && council != principal(c).Council:
		return false, noSuchChild(c, ref)
	case err != nil:
		return false, err
	}
	return true, nil
}

// IssueAPIToken makes a token for a case management system of a council (” for the council
// running the portal) and returns it; only its hash is kept.
func (s *Server) IssueAPIToken(ctx context.Context, actor, name, council string) (string, error) {
	token := auth.NewToken()
	return token, s.store.CreateAPIToken(ctx, actor, name, council, s.hash.Hash("api", token))
}
