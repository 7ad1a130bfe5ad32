package document

import (
	"fmt"
	"regexp"
)

// Patterns that tell a reference or a role apart from a name in actions[].who.
var (
	looksLikeRef  = regexp.MustCompile(`^[A-Za-z]{1,4}-?\d+$`)
	looksLikeRole = regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)
)

// checkReferences finds references that do not resolve and refs used twice. Lists keep one
// element per element of the document, so the paths it names are the document's.
func (r *reader) checkReferences(d *Document) {
	family := map[string]bool{}
	for i, m := range d.Family {
		r.unique(family, m.Ref, index("$.family", i)+".ref", "family member")
	}
	roles := map[string]bool{}
	for _, t := range d.Team {
		roles[t.Role] = true
	}
	outcomes := map[string]bool{}
	for i, o := range d.Plan.Outcomes {
		r.unique(outcomes, o.Ref, index("$.plan.outcomes", i)+".ref", "outcome")
	}
	r.actions("$.plan.actions", d.Plan.Actions, family, roles, outcomes)
	for i, v := range d.Plan.FamilyViews {
		if v.By != "" && !family[v.By] {
			r.problems.add(index("$.plan.family_views", i)+".by", CodeUnresolved, "%s is not the ref of anyone in the family list", quote(v.By))
		}
	}
	meetings := map[string]bool{}
	for i, m := range d.Meetings {
		path := index("$.meetings", i)
		r.unique(meetings, m.Ref, path+".ref", "meeting")
		r.actions(path+".actions", m.Actions, family, roles, outcomes)
	}
	if !d.Plan.ApprovedOn.IsZero() && !d.Plan.NextReview.IsZero() && d.Plan.NextReview.Time.Before(d.Plan.ApprovedOn.Time) {
		r.problems.add("$.plan.next_review", CodeInconsistent, "the next review (%s) is before the plan was approved (%s)", d.Plan.NextReview, d.Plan.ApprovedOn)
	}
	if !d.Child.DateOfBirth.IsZero() && !d.Plan.ApprovedOn.IsZero() && d.Plan.ApprovedOn.Time.Before(d.Child.DateOfBirth.Time) {
		r.problems.add("$.child.date_of_birth", CodeInconsistent, "the date of birth (%s) is after the plan was approved (%s)", d.Child.DateOfBirth, d.Plan.ApprovedOn)
	}
}

// unique records ref in seen, or a problem when it was seen before.
func (r *reader) unique(seen map[string]bool, ref, path, what string) {
	if ref == "" {
		return
	}
	if seen[ref] {
		r.problems.add(path, CodeDuplicate, "%s is the ref of another %s too; each %s needs its own ref", quote(ref), what, what)
	}
	seen[ref] = true
}

func (r *reader) actions(path string, actions []Action, family, roles, outcomes map[string]bool) {
	seen := map[string]bool{}
	for i, a := range actions {
		at := index(path, i)
		r.unique(seen, a.Ref, at+".ref", "action")
		if a.Outcome != "" && !outcomes[a.Outcome] {
			r.problems.add(at+".outcome", CodeUnresolved, "%s is not the ref of any outcome in $.plan.outcomes", quote(a.Outcome))
		}
		if msg := whoProblem(a.Who, family, roles); msg != "" {
			r.problems.add(at+".who", CodeUnresolved, "%s", msg)
		}
	}
}

// whoProblem says what is wrong with actions[].who, or "". A who is a family ref, the role of
// someone in the team, or a name; something shaped like a ref or a role that matches nothing
// is a broken reference, not a name.
func whoProblem(who string, family, roles map[string]bool) string {
	switch {
	case who == "" || family[who] || roles[who]:
		return ""
	case looksLikeRef.MatchString(who):
		return fmt.Sprintf("%s is not the ref of anyone in the family list", quote(who))
	case contains(TeamRoles, who) || looksLikeRole.MatchString(who):
		return fmt.Sprintf("nobody in the team has the role %s; add them to $.team or name the person", quote(who))
	}
	return ""
}
