package portal

import (
	_ "embed"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

// The OpenAPI 3.1 description of the JSON API, served as it is written.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) openAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", openAPI)
}

// importedJSON is what the API says about a document it took in.
type importedJSON struct {
	Child   string `json:"child"`
	Plan    string `json:"plan"`
	Version int    `json:"version"`
	New     bool   `json:"new"`    // false when it was the same as the latest version
	Status  string `json:"status"` // where to ask what the family has been shown
}

// apiImportDocument takes in a plan document from a case management system: the same checks
// as `portal import`, every problem listed by its JSON path, nothing stored unless all is
// well. A worker then reviews and publishes it; the API never publishes to a family.
func (s *Server) apiImportDocument(c echo.Context) error {
	ctx := c.Request().Context()
	body, err := io.ReadAll(c.Request().Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return c.JSON(http.StatusRequestEntityTooLarge, apiProblems{{Path: "$", Message: "a plan document is at most 1 MB"}})
	}
	if err != nil {
		return err
	}
	doc, err := document.Parse(body)
	var problems document.Problems
	if errors.As(err, &problems) {
		return c.JSON(http.StatusUnprocessableEntity, problems)
	}
	if err != nil {
		return err
	}
	p := principal(c)
	got, err := s.store.Import(ctx, "system:"+p.Name, []store.Incoming{{Source: p.Name, Doc: doc, Council: p.Council}})
	if errors.Is(err, store.ErrOtherCouncil) {
		return noSuchChild(c, doc.Child.Ref)
	}
	if err != nil {
		return err
	}
	if err := s.promises.AfterImport(ctx, "system:"+p.Name, doc); err != nil {
		return err
	}
	in := got[0]
	status := http.StatusCreated
	if !in.New {
		status = http.StatusOK
	}
	return c.JSON(status, importedJSON{Child: in.ChildRef, Plan: in.PlanRef, Version: in.Version, New: in.New, Status: "/api/v1/children/" + in.ChildRef + "/status"})
}

// statusJSON is what a case management system may know of a child: which version the
// family has been shown and which promises are open. It carries no words of the plan.
type statusJSON struct {
	Child     string        `json:"child"`
	Latest    versionJSON   `json:"latest"`
	Published *versionJSON  `json:"published"` // null until a worker publishes
	Promises  []promiseJSON `json:"open_promises"`
}

type versionJSON struct {
	Plan       string    `json:"plan"`
	Version    int       `json:"version"`
	ImportedAt time.Time `json:"imported_at"`
}

type promiseJSON struct {
	Rule    string `json:"rule"`
	Subject string `json:"subject"`
	Member  string `json:"member,omitempty"`
	Due     string `json:"due"`
	Status  string `json:"status"` // due or late
}

// apiChildStatus says what was published to a child's family and which promises are open.
func (s *Server) apiChildStatus(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	if ok, err := s.apiChild(c, ref); !ok {
		return err
	}
	_, latest, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return err
	}
	out := statusJSON{Child: ref, Latest: versionOf(latest), Promises: []promiseJSON{}}
	_, published, err := s.store.PublishedDocument(ctx, ref)
	switch {
	case err == nil:
		v := versionOf(published)
		out.Published = &v
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	promises, err := s.store.ChildPromises(ctx, ref)
	if err != nil {
		return err
	}
	for _, p := range promises {
		if !p.Kept.IsZero() {
			continue
		}
		out.Promises = append(out.Promises, promiseJSON{Rule: p.Rule, Subject: p.Subject, Member: p.MemberRef, Due: p.Due.Format(time.DateOnly), Status: p.Status(s.now())})
	}
	return c.JSON(http.StatusOK, out)
}

func versionOf(v store.PlanVersion) versionJSON {
	return versionJSON{Plan: v.PlanRef, Version: v.Version, ImportedAt: v.ImportedAt}
}
