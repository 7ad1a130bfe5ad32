package portal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

// packsPage is "Print packs for your caseload": the form, and the latest jobs.
type packsPage struct {
	formPage
	Jobs []store.PackJob
	Job  store.PackJob
}

// packsForm shows the form and the worker's latest packs.
func (s *Server) packsForm(c echo.Context) error {
	return s.packsFormWith(c, http.StatusOK, "")
}

// packsFormWith shows the form, with an error on the dates when errID is set.
func (s *Server) packsFormWith(c echo.Context, status int, errID string) error {
	jobs, err := s.store.PackJobs(c.Request().Context(), principal(c).PersonID, 10)
	if err != nil {
		return err
	}
	page := packsPage{formPage: s.form(c, "worker.packs.title"), Jobs: jobs}
	if errID != "" {
		page.fail("from", errID)
		page.Values["from"], page.Values["to"] = c.FormValue("from"), c.FormValue("to")
	}
	return s.render(c, status, "packs", page)
}

// packsStart starts printing the caseload's packs in the background and shows its
// progress; the job goes on if the page is closed.
func (s *Server) packsStart(c echo.Context) error {
	ctx := c.Request().Context()
	p := principal(c)
	req := PackRequest{Combined: c.FormValue("format") == "combined", Codes: c.FormValue("codes") == "yes", Link: s.signInLink(c)}
	from, to := c.FormValue("from"), c.FormValue("to")
	if from != "" || to != "" {
		var errFrom, errTo error
		req.From, errFrom = time.Parse(time.DateOnly, from)
		req.To, errTo = time.Parse(time.DateOnly, to)
		if errFrom != nil || errTo != nil || req.To.Before(req.From) {
			return s.packsFormWith(c, http.StatusUnprocessableEntity, "worker.packs.bad_date")
		}
	}
	person, err := s.store.PersonByID(ctx, p.PersonID)
	if err != nil {
		return err
	}
	req.Worker = person.Email
	id, err := s.store.CreatePackJob(ctx, actorOf(p), p.PersonID, req.Combined)
	if err != nil {
		return err
	}
	s.jobs.Go(func() { s.runPackJob(id, actorOf(p), req) })
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/packs/%d", id))
}

// runPackJob prints the packs, recording progress as each child is done, and keeps the file.
func (s *Server) runPackJob(id int64, actor string, req PackRequest) {
	// The job outlives the request that started it.
	ctx := context.Background()
	var out bytes.Buffer
	sum, err := s.CaseloadPacks(ctx, actor, req, &out, func(done, total int) {
		if err := s.store.PackJobProgress(ctx, id, done, total); err != nil {
			s.log.Error("pack job progress", "job", id, "err", err)
		}
	})
	summary, file := sum.String(), out.Bytes()
	if err != nil {
		s.log.Error("pack job", "job", id, "err", err)
		summary, file = "something went wrong while printing; try again, or tell your admin", nil
	}
	if err := s.store.FinishPackJob(ctx, id, summary, file); err != nil {
		s.log.Error("pack job finish", "job", id, "err", err)
	}
}

// signInLink is the portal's sign-in address as this request reached it.
func (s *Server) signInLink(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host + "/sign-in"
}

// packJob shows a job's progress, and the download once done.
func (s *Server) packJob(c echo.Context) error {
	job, err := s.ownPackJob(c)
	if err != nil {
		return err
	}
	page := packsPage{formPage: s.form(c, "worker.packs.title"), Job: job}
	if job.Status == store.PackRunning {
		page.Refresh = 2 // progress without JavaScript: the page reloads itself
	}
	return s.render(c, http.StatusOK, "pack-job", page)
}

// packDownload sends a finished job's file.
func (s *Server) packDownload(c echo.Context) error {
	job, err := s.ownPackJob(c)
	if err != nil {
		return err
	}
	file, err := s.store.PackJobFile(c.Request().Context(), actorOf(principal(c)), job.ID, job.PersonID)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	name, kind := "packs.zip", "application/zip"
	if job.Combined {
		name, kind = "packs.pdf", "application/pdf"
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s"`, job.Created.Format("2006-01-02"), name))
	return c.Blob(http.StatusOK, kind, file)
}

// ownPackJob is the job in the address, when it is the signed-in worker's.
func (s *Server) ownPackJob(c echo.Context) (store.PackJob, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return store.PackJob{}, echo.ErrNotFound
	}
	job, err := s.store.PackJob(c.Request().Context(), id, principal(c).PersonID)
	if errors.Is(err, store.ErrNotFound) {
		return job, echo.ErrNotFound
	}
	return job, err
}
