// Package access says who may see what. Every route names one rule from this package; the
// rules read only the signed-in person and the child in the request, so they can be tested
// route by route and role by role.
package access

// Kinds of principal; Anonymous is nobody signed in.
const (
	Anonymous   = ""
	Family      = "family"
	YoungPerson = "young_person"
	Worker      = "worker"
	Manager     = "manager"
	Admin       = "admin"
	System      = "system" // a case management system calling the JSON API with a token
)

// Principal is who is asking.
type Principal struct {
	PersonID int64
	Kind     string
	Name     string
	Language string
	Family   map[string]string // child ref -> the person's member ref in that child's plan
	Own      string            // a young person's own child
	Caseload map[string]bool   // a worker's (or manager's own) children
	Team     map[string]bool   // a manager's team's children
	TeamID   int64             // a worker's or manager's team
	Council  string            // a system's council ('' for the council running the portal)
}

// SignedIn reports whether someone is signed in.
func (p Principal) SignedIn() bool { return p.Kind != Anonymous }

// Staff reports whether the person works for the council.
func (p Principal) Staff() bool { return p.Kind == Worker || p.Kind == Manager || p.Kind == Admin }

// WorksWith reports whether the person works with the child: on their caseload, or a
// manager of the team whose caseload it is. An admin sees settings, not family content.
func (p Principal) WorksWith(child string) bool {
	switch p.Kind {
	case Worker:
		return p.Caseload[child]
	case Manager:
		return p.Caseload[child] || p.Team[child]
	}
	return false
}

// ManagesTeamOf reports whether the person manages the team working with the child.
func (p Principal) ManagesTeamOf(child string) bool { return p.Kind == Manager && p.Team[child] }

// MemberOf returns the person's ref in a child's plan when they are family of that child.
func (p Principal) MemberOf(child string) (string, bool) {
	if p.Kind != Family {
		return "", false
	}
	ref, ok := p.Family[child]
	return ref, ok
}

// Rule is an access rule: may this principal have this request? child and member are the
// request's :ref and :member ("" when the route has none); hasOwnSignIn says whether the
// child has their own sign-in.
type Rule struct {
	Name  string
	Allow func(p Principal, r Request) bool
}

// Request is what a rule needs to know of a request.
type Request struct {
	Child, Member string
	ChildSignsIn  bool // the child has their own sign-in (a young person)
}

// The rules. Each route uses exactly one.
var (
	Public = Rule{"public", func(Principal, Request) bool { return true }}

	// SignedIn: anybody signed in, for pages about themselves (their children, signing out).
	SignedIn = Rule{"signed in", func(p Principal, _ Request) bool { return p.SignedIn() }}

	// WorkerOfChild: the worker view of a child, for those who work with them.
	WorkerOfChild = Rule{"worker of the child", func(p Principal, r Request) bool { return p.WorksWith(r.Child) }}

	// MemberOrWorker: a parent version, for that family member and those who work with the child.
	MemberOrWorker = Rule{"that family member, or a worker of the child", func(p Principal, r Request) bool {
		ref, ok := p.MemberOf(r.Child)
		return (ok && ref == r.Member) || p.WorksWith(r.Child)
	}}

	// JourneyReaders: My Journey, for the young person, those who work with them, and — while
	// the child has no sign-in of their own — their family, who read it with them.
	JourneyReaders = Rule{"the child, their worker, or family of a child without a sign-in", func(p Principal, r Request) bool {
		if p.Kind == YoungPerson && p.Own == r.Child {
			return true
		}
		if _, ok := p.MemberOf(r.Child); ok && !r.ChildSignsIn {
			return true
		}
		return p.WorksWith(r.Child)
	}}

	// FamilyOfChild: forms a child's family member fills in about the child.
	FamilyOfChild = Rule{"a family member of the child", func(p Principal, r Request) bool {
		_, ok := p.MemberOf(r.Child)
		return ok
	}}

	// ChildOrFamily: a child's own views, given by the young person or, for a younger child
	// without a sign-in, with a family member.
	ChildOrFamily = Rule{"the young person or a family member of the child", func(p Principal, r Request) bool {
		_, ok := p.MemberOf(r.Child)
		return ok || (p.Kind == YoungPerson && p.Own == r.Child)
	}}

	// TheYoungPerson: choices only the young person makes (which sections parents see).
	TheYoungPerson = Rule{"the young person", func(p Principal, r Request) bool { return p.Kind == YoungPerson && p.Own == r.Child }}

	// ManagerOfChild: the audit of a child, for the manager of the team working with them.
	ManagerOfChild = Rule{"manager of the child's team", func(p Principal, r Request) bool { return p.ManagesTeamOf(r.Child) }}

	// CaseloadHolder: printing the packs of one's own caseload (a manager's: their team's).
	CaseloadHolder = Rule{"a worker or a team manager", func(p Principal, _ Request) bool { return p.Kind == Worker || p.Kind == Manager }}
	// TeamManager: a manager's pages about their own team.
	TeamManager = Rule{"a team manager", func(p Principal, _ Request) bool { return p.Kind == Manager }}

	// StaffOnly: pages for council staff that show no family content.
	StaffOnly = Rule{"council staff", func(p Principal, _ Request) bool { return p.Staff() }}

	// APIClient: the JSON API, for a case management system with a token.
	APIClient = Rule{"a case management system", func(p Principal, _ Request) bool { return p.Kind == System }}

	// AdminOnly: the council's settings and the local outbox.
	AdminOnly = Rule{"council admin", func(p Principal, _ Request) bool { return p.Kind == Admin }}
)
