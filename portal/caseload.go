package portal

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// caseloadTable is one table of children on the caseload page: a worker's own, or one
// worker's in their manager's view. It is the data of the "caseload-table" partial.
type caseloadTable struct {
	locales.Translator
	Worker    string // the worker whose children these are, as the table's heading
	HeadingID string // the heading naming the table
	Manager   bool   // the reader manages the team: each child links to who saw what
	Rows      []caseloadRow
}

// caseloadRow is one child in the table: what needs doing, first.
type caseloadRow struct {
	store.CaseloadChild
	NextMeeting  document.Date // zero when none is planned
	Languages    int           // family members' languages other than English
	Untranslated []untranslated
}

// untranslated is how many texts of the latest version a family language still lacks.
type untranslated struct {
	Language string
	Count    int
}

// NotPublished reports whether the family sees an older version than the worker, or none.
func (r caseloadRow) NotPublished() bool { return r.Latest > 0 && !r.UpToDate }

// NeedsAction reports whether the row has something to do now.
func (r caseloadRow) NeedsAction() bool { return r.rank() < 4 }

// rank orders the table: a child who said they do not feel safe, then late promises, then a
// plan the family has not got, then what the family sent, then the rest.
func (r caseloadRow) rank() int {
	switch {
	case r.Urgent > 0:
		return 0
	case r.Late > 0:
		return 1
	case r.NotPublished():
		return 2
	case r.Unanswered > 0:
		return 3
	}
	return 4
}

// caseloadTables builds the caseload of the signed-in worker, or, for a manager, the
// caseloads of everyone in their team, one table per worker: one query for the counts, and
// each child's latest plan version (kept parsed by the store) for the next meeting and
// translations.
func (s *Server) caseloadTables(ctx context.Context, p access.Principal, tr locales.Translator) ([]caseloadTable, error) {
	var children []store.CaseloadChild
	var err error
	today := document.NewDate(s.now()).Time
	manager := p.Kind == access.Manager && p.TeamID != 0
	if manager {
		children, err = s.store.TeamCaseload(ctx, p.TeamID, today)
	} else {
		children, err = s.store.Caseload(ctx, p.PersonID, today)
	}
	if err != nil {
		return nil, err
	}
	var tables []caseloadTable
	for _, ch := range children {
		if !p.WorksWith(ch.ChildRef) {
			continue // never more than the access rules let this person open
		}
		row, err := s.caseloadRow(ctx, ch)
		if err != nil {
			return nil, err
		}
		if n := len(tables); n == 0 || tables[n-1].Rows[0].WorkerID != ch.WorkerID {
			tables = append(tables, caseloadTable{Translator: tr, Worker: ch.Worker, HeadingID: "caseload-" + itoa64(ch.WorkerID), Manager: p.Kind == access.Manager})
		}
		t := &tables[len(tables)-1]
		t.Rows = append(t.Rows, row)
	}
	for _, t := range tables {
		slices.SortStableFunc(t.Rows, func(a, b caseloadRow) int {
			return cmp.Or(cmp.Compare(a.rank(), b.rank()), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ChildRef, b.ChildRef))
		})
	}
	return tables, nil
}

// caseloadRow reads what the table shows of a child's latest plan version.
func (s *Server) caseloadRow(ctx context.Context, ch store.CaseloadChild) (caseloadRow, error) {
	row := caseloadRow{CaseloadChild: ch}
	doc, err := s.store.LatestDocument(ctx, ch)
	if errors.Is(err, store.ErrNotFound) {
		return row, nil
	}
	if err != nil {
		return row, err
	}
	row.NextMeeting = s.renderer.NextMeetingDay(doc, s.now())
	seen := map[language.Base]bool{}
	for _, m := range doc.Family {
		base, _ := language.Make(m.Language).Base()
		if m.Language == "" || base.String() == "en" || seen[base] {
			continue
		}
		seen[base] = true
		row.Languages++
		if n := len(render.Untranslated(doc, m.Language)); n > 0 {
			name := display.English.Languages().Name(base)
			if name == "" {
				name = m.Language
			}
			row.Untranslated = append(row.Untranslated, untranslated{Language: name, Count: n})
		}
	}
	return row, nil
}
