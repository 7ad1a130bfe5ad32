package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/auth"

	"github.com/familyportal/portal/portal/store"
)

// issueInvite gives a worker a one-time code for a family member of a child (member=F-1) or
// for the young person themselves (member empty). The code is shown once, to print or read
// out; only its hash is kept.
func (s *Server) issueInvite(c echo.Context) error {
	code, name, err := s.InviteFamilyMember(c.Request().Context(), actorOf(principal(c)), c.Param("ref"), field(c, "member"))
	if errors.Is(err, ErrNoSuchMember) {
		return echo.NewHTTPError(http.StatusBadRequest, "member")
	}
	if err != nil {
		return err
	}
	page := s.form(c, "worker.invite.title")
	page.Code = code
	page.Extra = name
	return s.render(c, http.StatusOK, "invite", page)
}

// ErrNoSuchMember is an invite for a family member the child's plan does not have.
var ErrNoSuchMember = errors.New("no such family member in the plan")

// InviteFamilyMember issues a one-time code for family member member of a child ("" for the
// young person), making their sign-in from the child's latest plan the first time. It
// returns the code and the person's name.
func (s *Server) InviteFamilyMember(ctx context.Context, actor, ref, member string) (string, string, error) {
	person, err := s.store.FamilyMemberPerson(ctx, ref, member)
	if errors.Is(err, store.ErrNotFound) {
		person, err = s.newFamilyPerson(ctx, actor, ref, member)
	}
	if err != nil {
		return "", "", err
	}
	code, err := s.IssueInvite(ctx, actor, person.ID)
	return code, person.Name, err
}

// IssueInvite makes a new one-time invite code for a person and returns it; only its hash
// is kept.
func (s *Server) IssueInvite(ctx context.Context, actor string, personID int64) (string, error) {
	code := auth.NewInviteCode()
	if err := s.store.CreateInvite(ctx, actor, personID, s.hash.Hash("invite", auth.NormalizeCode(code)), s.cfg.InviteTTL); err != nil {
		return "", err
	}
	return code, nil
}

// newFamilyPerson makes the sign-in of a family member, or of the young person, from the
// child's latest plan document.
func (s *Server) newFamilyPerson(ctx context.Context, actor, ref, member string) (store.Person, error) {
	doc, _, err := s.store.PlanDocument(ctx, ref, "", 0)
	if err != nil {
		return store.Person{}, err
	}
	person := store.Person{Kind: store.KindYoungPerson, Name: doc.Child.Name, Language: doc.Child.FirstLanguage}
	if member != "" {
		found := false
		for _, m := range doc.Family {
			if m.Ref == member {
				person = store.Person{Kind: store.KindFamily, Name: m.Name, Email: m.Email, Phone: m.Phone, Language: m.Language}
				found = true
			}
		}
		if !found {
			return person, fmt.Errorf("invite %s of %s: %w", member, ref, ErrNoSuchMember)
		}
	}
	id, err := s.store.CreatePerson(ctx, actor, person)
	if err != nil {
		return person, err
	}
	person.ID = id
	return person, s.store.Link(ctx, actor, id, ref, member)
}
