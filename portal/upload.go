package portal

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

// uploadPage is the form to bring in a plan document, and what was wrong with the last one.
type uploadPage struct {
	formPage
	Problems []uploadProblem // every problem, with the field's name and its JSON path
}

type uploadProblem struct {
	Field, Path, Message string
}

func (s *Server) uploadForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "upload", uploadPage{formPage: s.form(c, "upload.title")})
}

// upload brings in a plan document from a file or pasted text, with the same checks as
// `portal import`. A document with problems is refused with each one named as a worker knows
// the field; pasted text is kept so nothing typed is lost. A good one becomes a new version
// of the child's plan, and the worker goes on to review it.
func (s *Server) upload(c echo.Context) error {
	ctx := c.Request().Context()
	page := uploadPage{formPage: s.form(c, "upload.title")}
	data, source, err := uploadedDocument(c)
	page.Values["pasted"] = c.FormValue("pasted")
	if err != nil {
		return err
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		page.fail("document", "upload.none")
		return s.render(c, http.StatusUnprocessableEntity, "upload", page)
	}
	doc, err := document.Parse(data)
	var problems document.Problems
	if errors.As(err, &problems) {
		page.fail("document", "upload.problems", "Count", len(problems))
		for _, p := range problems {
			page.Problems = append(page.Problems, uploadProblem{Field: fieldName(page.Translator, p.Path), Path: p.Path, Message: p.Message})
		}
		return s.render(c, http.StatusUnprocessableEntity, "upload", page)
	}
	if err != nil {
		return err
	}
	p := principal(c)
	ref := doc.Child.Ref
	if _, err := s.store.ChildCouncil(ctx, ref); err == nil && !p.WorksWith(ref) {
		page.fail("document", "upload.not_yours", "Child", ref)
		return s.render(c, http.StatusUnprocessableEntity, "upload", page)
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	actor := actorOf(p)
	got, err := s.store.Import(ctx, actor, []store.Incoming{{Source: source, Doc: doc, Worker: p.PersonID}})
	if errors.Is(err, store.ErrOtherCouncil) {
		page.fail("document", "upload.not_yours", "Child", ref)
		return s.render(c, http.StatusUnprocessableEntity, "upload", page)
	}
	if err != nil {
		return err
	}
	if err := s.promises.AfterImport(ctx, actor, doc); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/children/%s/review?imported=%d", ref, got[0].Version))
}

// uploadedDocument reads the document from the file chosen, or else the text pasted, and
// names where it came from for the plan's history.
func uploadedDocument(c echo.Context) ([]byte, string, error) {
	file, err := c.FormFile("document")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return []byte(c.FormValue("pasted")), "upload: pasted", nil
	}
	if err != nil {
		return nil, "", echo.NewHTTPError(http.StatusBadRequest, "document")
	}
	f, err := file.Open()
	if err != nil {
		return nil, "", fmt.Errorf("open upload %s: %w", file.Filename, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, "", fmt.Errorf("read upload %s: %w", file.Filename, err)
	}
	if len(data) == 0 && c.FormValue("pasted") != "" {
		return []byte(c.FormValue("pasted")), "upload: pasted", nil
	}
	return data, "upload: " + file.Filename, nil
}
