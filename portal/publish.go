package portal

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// publishPage is what a worker checks before the family sees a version: the words the
// plain-language check still finds, what is not translated for each family member, and
// what will not be shown at all.
type publishPage struct {
	formPage
	ChildRef     string
	Version      store.PlanVersion
	Published    int // the version the family sees now; 0 for none
	Findings     []publishFinding
	AboveTarget  int
	Members      []publishMember
	Withheld     []publishWithheld
	NoChildWords int  // family texts with no child's wording: a child under 13 does not see them
	Unpublished  bool // just taken down
}

type publishFinding struct{ Name, Anchor, Term, Suggestion string }

type publishMember struct {
	Name, Language, LanguageName string
	Untranslated                 []string
}

type publishWithheld struct{ Name, Text, Reason string }

func (s *Server) publishPageFor(c echo.Context, ref string) (publishPage, *document.Document, error) {
	ctx := c.Request().Context()
	doc, v, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return publishPage{}, nil, err
	}
	page := publishPage{formPage: s.form(c, "publish.title"), ChildRef: ref, Version: v}
	page.Title = page.T("publish.title_for", "Name", doc.Child.Name)
	switch _, published, err := s.store.PublishedDocument(ctx, ref); {
	case err == nil:
		page.Published = published.Version
	case !errors.Is(err, store.ErrNotFound):
		return page, nil, err
	}
	report := s.renderer.Check(doc, "en")
	for _, f := range report.Findings {
		if !f.Withheld {
			path := strings.TrimSuffix(strings.TrimSuffix(f.Path, ".text"), ".for_child")
			page.Findings = append(page.Findings, publishFinding{Name: fieldName(page.Translator, f.Path), Anchor: render.Anchor(path), Term: f.Text, Suggestion: f.Suggestion})
		}
	}
	for _, r := range report.Readability {
		if !r.Withheld && r.AboveTarget() {
			page.AboveTarget++
		}
	}
	for path, t := range doc.Texts() {
		switch {
		case t.Withheld():
			page.Withheld = append(page.Withheld, publishWithheld{Name: fieldName(page.Translator, path), Text: t.Text, Reason: t.Reason})
		case t.ForChild == "":
			page.NoChildWords++
		}
	}
	for _, m := range doc.Family {
		pm := publishMember{Name: m.Name, Language: m.Language, LanguageName: render.LanguageName(page.Translator, m.Language)}
		for _, path := range render.Untranslated(doc, m.Language) {
			pm.Untranslated = append(pm.Untranslated, fieldName(page.Translator, path))
		}
		page.Members = append(page.Members, pm)
	}
	return page, doc, nil
}

// publishForm shows what publishing the latest version would give the family, and asks
// the worker to confirm.
func (s *Server) publishForm(c echo.Context) error {
	page, _, err := s.publishPageFor(c, c.Param("ref"))
	if err != nil {
		return err
	}
	page.Unpublished = c.QueryParam("unpublished") == "1"
	return s.render(c, http.StatusOK, "publish", page)
}

// publish makes the version the worker checked the one the family sees, records what that
// keeps (the minutes reach each family member whose language it is translated into), and
// tells the family, in their language, that something new is there.
func (s *Server) publish(c echo.Context) error {
	ctx := c.Request().Context()
	ref := c.Param("ref")
	page, doc, err := s.publishPageFor(c, ref)
	if err != nil {
		return err
	}
	if version, _ := strconv.Atoi(c.FormValue("version")); version != page.Version.Version {
		page.fail("confirm", "publish.stale", "Version", page.Version.Version)
		return s.render(c, http.StatusConflict, "publish", page)
	}
	if c.FormValue("confirm") != "yes" {
		page.fail("confirm", "publish.confirm.missing")
		return s.render(c, http.StatusUnprocessableEntity, "publish", page)
	}
	actor := actorOf(principal(c))
	if err := s.store.Publish(ctx, actor, ref, page.Version.PlanRef, page.Version.Version); err != nil {
		return err
	}
	if err := s.promises.AfterPublish(ctx, actor, doc, s.now()); err != nil {
		return err
	}
	s.tellFamily(c, ref, doc)
	return c.Redirect(http.StatusSeeOther, "/children/"+ref+"?published=1")
}

// tellFamily emails each family member who has signed in with an email address, and the
// young person, that there is something new, in their language. The message names nothing
// of the plan: an email may be read by someone else. A failure is logged, not the worker's.
func (s *Server) tellFamily(c echo.Context, ref string, doc *document.Document) {
	ctx := c.Request().Context()
	members := []string{""} // the young person's own sign-in
	for _, m := range doc.Family {
		members = append(members, m.Ref)
	}
	for _, member := range members {
		person, err := s.store.FamilyMemberPerson(ctx, ref, member)
		if err != nil || person.Email == "" {
			continue
		}
		tr := s.renderer.Translator(person.Language)
		m := notify.Message{To: person.Email, Subject: tr.T("published.subject"), Body: tr.T("published.body", "Link", s.baseURL(c)+"/my")}
		if err := s.notifier.Send(ctx, m); err != nil {
			s.log.Error("tell family about a publication", "child", ref, "err", err)
		}
	}
}

// unpublish takes down what the family sees, with the worker's reason, until the next
// publication.
func (s *Server) unpublish(c echo.Context) error {
	ref := c.Param("ref")
	reason := strings.TrimSpace(c.FormValue("reason"))
	if reason == "" {
		page, _, err := s.publishPageFor(c, ref)
		if err != nil {
			return err
		}
		page.fail("reason", "publish.unpublish.reason_missing")
		return s.render(c, http.StatusUnprocessableEntity, "publish", page)
	}
	err := s.store.Unpublish(c.Request().Context(), actorOf(principal(c)), ref, reason)
	if errors.Is(err, store.ErrNotFound) {
		return echo.NewHTTPError(http.StatusConflict, "nothing published")
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/children/"+ref+"/publish?unpublished=1")
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
