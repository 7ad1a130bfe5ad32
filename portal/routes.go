package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/store"
)

// routes lists every route in one place, each with the one access rule it answers to.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	// The address rate limits count by: the connection's, unless a proxy the council runs
	// says whose it is. Trusting X-Forwarded-For from anyone would let a guesser pick theirs.
	e.IPExtractor = echo.ExtractIPDirect()
	if s.cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.Use(s.logRequests, s.recoverPanics, s.securityHeaders, s.limitBodies, s.loadPrincipal, s.checkCSRF)
	s.rules = map[string]access.Rule{}
	add := func(method, path string, rule access.Rule, h echo.HandlerFunc) {
		e.Add(method, path, s.guard(rule, h))
		s.rules[method+" "+path] = rule
	}
	get, post := http.MethodGet, http.MethodPost

	add(get, "/healthz", access.Public, s.health)
	add(get, "/assets/:hash/*", access.Public, s.asset)
	add(get, "/", access.Public, s.home)

	// Families and young people: an invite code, then a link or passphrase of their choice.
	add(get, "/sign-in", access.Public, s.signInForm)
	add(post, "/sign-in", access.Public, s.signInWithCode)
	add(get, "/sign-in/again", access.Public, s.signInAgainForm)
	add(post, "/sign-in/email", access.Public, s.sendSignInLink)
	add(get, "/sign-in/link/:token", access.Public, s.signInWithLink)
	add(post, "/sign-in/passphrase", access.Public, s.signInWithPassphrase)
	add(get, "/sign-in/choose", access.SignedIn, s.chooseSignInForm)
	add(post, "/sign-in/choose", access.SignedIn, s.chooseSignIn)
	// Staff: email and password, and a code from an authenticator app when they have one.
	add(get, "/staff/sign-in", access.Public, s.staffSignInForm)
	add(post, "/staff/sign-in", access.Public, s.staffSignIn)
	add(get, "/staff/totp", access.StaffOnly, s.totpForm)
	add(post, "/staff/totp", access.StaffOnly, s.totpSave)
	add(post, "/sign-out", access.SignedIn, s.signOut)
	add(post, "/sign-out/everywhere", access.SignedIn, s.signOutEverywhere)

	add(get, "/my", access.SignedIn, s.my)
	add(get, "/children/:ref", access.WorkerOfChild, s.childShow)
	add(get, "/children/:ref/parent/:member", access.MemberOrWorker, s.parentShow)
	add(get, "/children/:ref/journey", access.JourneyReaders, s.childJourney)
	// "Your thoughts and comments" before a meeting: one question a page, saved as they go.
	add(get, "/rights", access.Public, s.rights)
	s.addJourney(add, thoughtsJourney, access.FamilyOfChild)
	s.addJourney(add, afterJourney, access.FamilyOfChild)
	// "My views": the young person's own words, or a younger child's with their family.
	s.addJourney(add, viewsJourney, access.ChildOrFamily)
	add(get, "/children/:ref/privacy", access.TheYoungPerson, s.privacyForm)
	add(post, "/children/:ref/privacy", access.TheYoungPerson, s.privacySave)
	add(post, "/children/:ref/invites", access.WorkerOfChild, s.issueInvite)
	add(get, "/plans/new", access.CaseloadHolder, s.uploadForm)
	add(post, "/plans", access.CaseloadHolder, s.upload)
	add(get, "/children/:ref/review", access.WorkerOfChild, s.review)
	add(post, "/children/:ref/review", access.WorkerOfChild, s.reviewSave)
	add(get, "/children/:ref/translate/:lang", access.WorkerOfChild, s.translate)
	add(post, "/children/:ref/translate/:lang", access.WorkerOfChild, s.translateSave)
	add(post, "/children/:ref/translate/:lang/import", access.WorkerOfChild, s.translateImport)
	add(get, "/children/:ref/translate/:lang/export/:format", access.WorkerOfChild, s.translateExport)
	add(get, "/children/:ref/publish", access.WorkerOfChild, s.publishForm)
	add(post, "/children/:ref/publish", access.WorkerOfChild, s.publish)
	add(post, "/children/:ref/unpublish", access.WorkerOfChild, s.unpublish)
	add(post, "/children/:ref/sent/:reference/answered", access.WorkerOfChild, s.markAnswered)
	add(post, "/children/:ref/events", access.WorkerOfChild, s.recordEvent)
	add(get, "/children/:ref/audit", access.ManagerOfChild, s.auditShow)
	add(get, "/team/promises", access.TeamManager, s.teamPromises)
	add(get, "/packs", access.CaseloadHolder, s.packsForm)
	add(post, "/packs", access.CaseloadHolder, s.packsStart)
	add(get, "/packs/:id", access.CaseloadHolder, s.packJob)
	add(get, "/packs/:id/download", access.CaseloadHolder, s.packDownload)
	add(get, "/outbox", access.AdminOnly, s.outboxShow)
	// The council admin's settings, each change audited (admin*.go).
	add(get, "/admin", access.AdminOnly, s.adminShow)
	add(get, "/admin/council", access.AdminOnly, s.showSettings(s.councilForm()))
	add(post, "/admin/council", access.AdminOnly, s.saveSettings(s.councilForm()))
	add(get, "/admin/brand", access.AdminOnly, s.showSettings(s.brandForm()))
	add(post, "/admin/brand", access.AdminOnly, s.saveSettings(s.brandForm()))
	add(get, "/admin/advocacy", access.AdminOnly, s.showSettings(s.advocacyForm()))
	add(post, "/admin/advocacy", access.AdminOnly, s.saveSettings(s.advocacyForm()))
	add(get, "/admin/languages", access.AdminOnly, s.showSettings(s.languagesForm()))
	add(post, "/admin/languages", access.AdminOnly, s.saveSettings(s.languagesForm()))
	add(get, "/admin/rules/:id", access.AdminOnly, s.showSettings(s.ruleForm()))
	add(post, "/admin/rules/:id", access.AdminOnly, s.saveSettings(s.ruleForm()))
	add(get, "/admin/staff", access.AdminOnly, s.staffList)
	add(get, "/admin/staff/new", access.AdminOnly, s.showSettings(s.staffNewForm()))
	add(post, "/admin/staff/new", access.AdminOnly, s.saveSettings(s.staffNewForm()))
	add(get, "/admin/staff/:id", access.AdminOnly, s.showSettings(s.staffPersonForm()))
	add(post, "/admin/staff/:id", access.AdminOnly, s.saveSettings(s.staffPersonForm()))
	add(post, "/admin/staff/:id/deactivate", access.AdminOnly, s.settingsAction(s.deactivateStaff, "/admin/staff?saved=deactivated"))
	add(post, "/admin/staff/:id/password-link", access.AdminOnly, s.settingsAction(s.sendPasswordLink, "/admin/staff?saved=link_sent"))
	add(get, "/admin/invites", access.AdminOnly, s.invitesShow)
	add(post, "/admin/invites/:id/revoke", access.AdminOnly, s.settingsAction(s.revokeInvite, "/admin/invites?saved=revoked"))
	add(get, "/admin/api-tokens", access.AdminOnly, s.tokensShow)
	add(post, "/admin/api-tokens", access.AdminOnly, s.issueToken)
	add(post, "/admin/api-tokens/:id/revoke", access.AdminOnly, s.settingsAction(s.revokeToken, "/admin/api-tokens?saved=revoked"))
	add(get, "/admin/audit", access.AdminOnly, s.adminAudit)
	// The council's look on every page, and a new member of staff choosing their password
	// with the link emailed to them.
	add(get, "/council/style/:hash", access.Public, s.councilStyle)
	add(get, "/council/logo/:hash", access.Public, s.councilLogo)
	add(get, "/staff/password/:token", access.Public, s.staffPasswordForm)
	add(post, "/staff/password/:token", access.Public, s.staffPasswordSave)

	// The JSON API for case management systems, with a token an admin issues per system.
	add(post, "/api/v1/documents", access.APIClient, s.apiImportDocument)
	add(get, "/api/v1/children/:ref/status", access.APIClient, s.apiChildStatus)
	add(post, "/api/v1/children/:ref/events", access.APIClient, s.apiRecordEvent)
	add(get, "/api/v1/openapi.json", access.Public, s.openAPI)
	return e
}

// guard applies a route's access rule. Nobody signed in is sent to sign in; a signed-in person
// who may not see the page gets the same plain "page not found" as for a page that does not
// exist, so a refusal does not reveal that a child is known. Refusals are audited.
func (s *Server) guard(rule access.Rule, h echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := principal(c)
		req := access.Request{Child: c.Param("ref"), Member: c.Param("member")}
		if req.Child != "" && p.Kind == access.Family {
			signsIn, err := s.store.ChildSignsIn(c.Request().Context(), req.Child)
			if err != nil {
				return err
			}
			req.ChildSignsIn = signsIn
		}
		if rule.Allow(p, req) {
			return h(c)
		}
		api := strings.HasPrefix(c.Path(), "/api/")
		if api && p.Kind != access.System {
			return c.JSON(http.StatusUnauthorized, apiProblems{{Path: "$", Message: "send the token your council gave this system: Authorization: Bearer TOKEN"}})
		}
		if !p.SignedIn() {
			return c.Redirect(http.StatusSeeOther, "/sign-in?next="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		subject := "route:" + c.Path()
		if req.Child != "" {
			subject = "child:" + req.Child
		}
		if err := s.store.Record(c.Request().Context(), actorOf(p), store.ActionRefused, subject, c.Request().Method+" "+c.Path()+" needs "+rule.Name); err != nil {
			return err
		}
		s.log.Warn("access refused", "route", c.Path(), "rule", rule.Name, "kind", p.Kind)
		return echo.ErrNotFound
	}
}

// actorOf names a person in the audit trail.
func actorOf(p access.Principal) string {
	if !p.SignedIn() {
		return "anonymous"
	}
	return "person:" + itoa64(p.PersonID)
}
