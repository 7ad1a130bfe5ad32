package portal

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
)

// caseloadRowText is one child's row of a caseload table, cell by cell, as text.
type caseloadRowText struct {
	Ref, Child, Meeting, Promises, Sent, Published, Translations string
	Late                                                         string // the late count, shown apart
	SentLink                                                     string
}

// caseloadTables reads the caseload tables of a page: for each table, the heading that
// names it and its rows in order.
func caseloadTablesOf(t *testing.T, body string) (headings []string, tables [][]caseloadRowText) {
	t.Helper()
	doc := page(t, body)
	doc.Find("table.caseload").Each(func(_ int, table *goquery.Selection) {
		id, _ := table.Attr("aria-labelledby")
		heading := doc.Find("#" + id)
		if heading.Length() != 1 {
			t.Errorf("a caseload table is named by %q, which is not on the page once", id)
		}
		headings = append(headings, strings.TrimSpace(heading.Text()))
		var rows []caseloadRowText
		table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			cell := func(class string) string {
				c := tr.Find("td." + class).Clone()
				c.Find(".caseload__label").Remove()
				c.Find("br").ReplaceWithHtml(" ")
				c.Find("li").AppendHtml(" ")
				return strings.Join(strings.Fields(c.Text()), " ")
			}
			id, _ := tr.Attr("id")
			sentLink, _ := tr.Find("td.caseload__sent a").Attr("href")
			rows = append(rows, caseloadRowText{
				Ref:          strings.TrimPrefix(id, "caseload-"),
				Child:        strings.Join(strings.Fields(tr.Find(`th[scope="row"] > a`).Text()), " "),
				Meeting:      cell("caseload__meeting"),
				Promises:     cell("caseload__promises"),
				Late:         strings.TrimSpace(tr.Find(".caseload__late").Text()),
				Sent:         cell("caseload__sent"),
				SentLink:     sentLink,
				Published:    cell("caseload__published"),
				Translations: cell("caseload__translations"),
			})
		})
		tables = append(tables, rows)
	})
	return headings, tables
}

func rowOf(t *testing.T, rows []caseloadRowText, ref string) caseloadRowText {
	t.Helper()
	for _, r := range rows {
		if r.Ref == ref {
			return r
		}
	}
	t.Fatalf("no row for %s in %+v", ref, rows)
	return caseloadRowText{}
}

// openPromises counts a child's open promises the way a family's page states them, on the
// server's day: independent of the caseload query.
func openPromises(t *testing.T, ts *testServer, ref string) (late, due int) {
	t.Helper()
	all, err := ts.store.ChildPromises(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	day := document.NewDate(*ts.clock).Time
	for _, p := range all {
		switch p.Status(day) {
		case "late":
			late++
		case "due":
			due++
		}
	}
	return late, due
}

func countText(n int, word string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s", n, word)
}

// TestCaseloadHome: the demo worker's start page lists both her children with the next
// meeting, the open promises, what the family sent, whether the family has the latest
// version and what is not translated; publishing changes the row.
func TestCaseloadHome(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	jo := ts.asStaff(t, store.KindWorker)
	docs, err := demo.Documents(today)
	if err != nil {
		t.Fatal(err)
	}

	// Sara sends her thoughts about Amira.
	var sara int64
	for _, f := range ts.people.Family {
		if f.Name == "Sara Khan" {
			sara = f.PersonID
		}
	}
	if _, err := ts.store.Submit(ctx, "test", sara, "C-1001", "thoughts:2027-02-15", "caseload-test", map[string]string{"worries": "school"}); err != nil {
		t.Fatal(err)
	}

	res, body := jo.get(t, "/my")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/my = %d", res.StatusCode)
	}
	headings, tables := caseloadTablesOf(t, body)
	if len(tables) != 1 || headings[0] != "Your children" || len(tables[0]) != 2 {
		t.Fatalf("the worker's page has tables %q with %+v, want one table of her 2 children", headings, tables)
	}
	rows := tables[0]
	for i, in := range docs {
		ref := in.Doc.Child.Ref
		row := rowOf(t, rows, ref)
		if row.Child != in.Doc.Child.Name {
			t.Errorf("%s: child %q, want %q", ref, row.Child, in.Doc.Child.Name)
		}
		// The demo's last meeting was 8 days ago; each plan sets the next for 15 February.
		if row.Meeting != "Mon 15 Feb 2027" {
			t.Errorf("%s: next meeting %q, want Mon 15 Feb 2027", ref, row.Meeting)
		}
		late, due := openPromises(t, ts, ref)
		if late+due == 0 {
			t.Errorf("%s: the demo should have open promises (the minutes in Urdu and Polish)", ref)
		}
		if want := strings.TrimSpace(countText(late, "late") + " " + countText(due, "due")); row.Promises != want || row.Late != countText(late, "late") {
			t.Errorf("%s: promises %q (late %q), want %q", ref, row.Promises, row.Late, want)
		}
		if row.Published != "Published" {
			t.Errorf("%s: %q, want Published", ref, row.Published)
		}
		var want []string
		for _, lang := range []struct{ code, name string }{{"ur", "Urdu"}, {"pl", "Polish"}} {
			if n := len(render.Untranslated(in.Doc, lang.code)); n > 0 {
				want = append(want, fmt.Sprintf("%s: %d texts not translated", lang.name, n))
			}
		}
		if len(want) == 0 || row.Translations != strings.Join(want, " ") {
			t.Errorf("%s (document %d): translations %q, want %q", ref, i, row.Translations, strings.Join(want, " "))
		}
	}
	if amira := rowOf(t, rows, "C-1001"); amira.Sent != "1 to answer 1 new" || amira.SentLink != "/children/C-1001#sent" {
		t.Errorf("Amira: sent %q linking to %q, want 1 to answer, 1 new, to /children/C-1001#sent", amira.Sent, amira.SentLink)
	}
	if bilal := rowOf(t, rows, "C-1002"); bilal.Sent != "Nothing to answer" {
		t.Errorf("Bilal: sent %q", bilal.Sent)
	}
	// The details below the table stay: the submission's reference is listed.
	if doc := page(t, body); !strings.Contains(doc.Find(".notice").Text(), "Sara Khan") {
		t.Error("the list of what families sent is gone")
	}

	// Opened, the submission is no longer new; still to answer.
	jo.get(t, "/children/C-1001")
	_, body = jo.get(t, "/my")
	_, tables = caseloadTablesOf(t, body)
	if amira := rowOf(t, tables[0], "C-1001"); amira.Sent != "1 to answer" {
		t.Errorf("read, Amira's row says %q", amira.Sent)
	}

	// A newer version of Bilal's plan is not the family's until it is published.
	newer := docs[1].Doc
	newer.Plan.Why.Text = "A newer wording of why."
	if _, err := ts.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: newer}}); err != nil {
		t.Fatal(err)
	}
	// And a new child with nothing published yet.
	child, err := document.Parse([]byte(`{"schema":"plan-document/v1","child":{"ref":"C-1003","name":"Aaron New","date_of_birth":"2019-01-01"},
		"family":[{"ref":"F-1","name":"Parent","language":"en"}],"plan":{"ref":"PL-9","kind":"early_help","why":"New."}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: child}}); err != nil {
		t.Fatal(err)
	}
	joID := ts.staffID(t, "jo.smith@example.org")
	if err := ts.store.Link(ctx, "test", joID, "C-1003", ""); err != nil {
		t.Fatal(err)
	}
	_, body = jo.get(t, "/my")
	_, tables = caseloadTablesOf(t, body)
	if len(tables) != 1 || len(tables[0]) != 3 {
		t.Fatalf("tables %+v, want one of 3 children", tables)
	}
	if got := rowOf(t, tables[0], "C-1002").Published; got != "Published version 1; version 2 is newer and not published" {
		t.Errorf("Bilal with a newer version: %q", got)
	}
	aaron := rowOf(t, tables[0], "C-1003")
	if aaron.Published != "Not published" || aaron.Meeting != "None planned" || aaron.Promises != "None" || aaron.Translations != "Family reads English" {
		t.Errorf("a new child: %+v", aaron)
	}
	for _, ref := range []string{"C-1002", "C-1003"} {
		if res := jo.publishLatest(t, ref); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish %s: %d", ref, res.StatusCode)
		}
	}
	_, body = jo.get(t, "/my")
	_, tables = caseloadTablesOf(t, body)
	for _, ref := range []string{"C-1002", "C-1003"} {
		if got := rowOf(t, tables[0], ref).Published; got != "Published" {
			t.Errorf("%s, published: %q", ref, got)
		}
	}
}

// TestCaseloadPutsActionFirst: a child who said they are not safe, then late promises, then
// a version the family has not got, then the rest by name.
func TestCaseloadPutsActionFirst(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	joID := ts.staffID(t, "jo.smith@example.org")
	add := func(ref, name string) *document.Document {
		doc, err := document.Parse([]byte(fmt.Sprintf(`{"schema":"plan-document/v1","child":{"ref":%q,"name":%q,"date_of_birth":"2019-01-01"},
			"family":[{"ref":"F-1","name":"Parent","language":"en"}],"plan":{"ref":"PL-1","kind":"early_help","why":"Why."}}`, ref, name)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ts.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: doc}}); err != nil {
			t.Fatal(err)
		}
		if err := ts.store.Link(ctx, "test", joID, ref, ""); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	// Two children with nothing to do, published; one not published.
	for _, c := range []struct{ ref, name string }{{"C-7001", "Zoe Calm"}, {"C-7002", "Adam Calm"}} {
		add(c.ref, c.name)
		if err := ts.store.Publish(ctx, "test", c.ref, "PL-1", 1); err != nil {
			t.Fatal(err)
		}
	}
	add("C-7003", "Yusuf Unpublished")
	// Amira said she does not feel safe.
	var sara int64
	for _, f := range ts.people.Family {
		if f.Name == "Sara Khan" {
			sara = f.PersonID
		}
	}
	if _, err := ts.store.RaiseUrgent(ctx, "test", sara, "C-1001", "views"); err != nil {
		t.Fatal(err)
	}
	// A week on, the demo's minutes promises to Sara and Tomasz are late for both demo children.
	ts.at("2026-11-30")
	jo := ts.asStaff(t, store.KindWorker)
	_, body := jo.get(t, "/my")
	_, tables := caseloadTablesOf(t, body)
	var order []string
	for _, r := range tables[0] {
		order = append(order, r.Ref)
	}
	if want := "C-1001 C-1002 C-7003 C-7002 C-7001"; strings.Join(order, " ") != want {
		t.Errorf("order %s, want %s", strings.Join(order, " "), want)
	}
	doc := page(t, body)
	if !strings.Contains(doc.Find("#caseload-C-1001 th").Text(), "Urgent") {
		t.Error("Amira's row does not say urgent")
	}
	if doc.Find("#caseload-C-1002 .caseload__late").Length() != 1 || doc.Find("#caseload-C-7001 .caseload__late").Length() != 0 {
		t.Error("late promises are not shown apart")
	}
	if doc.Find("tr.caseload__row--action").Length() != 3 {
		t.Errorf("%d rows marked for action, want 3", doc.Find("tr.caseload__row--action").Length())
	}
}

// TestCaseloadByWorker: a manager sees their team's children under each worker's name; a
// worker sees only their own; nobody sees another team's.
func TestCaseloadByWorker(t *testing.T) {
	w := newAccessWorld(t)
	ctx := context.Background()
	// A second worker in the demo team, with a child of their own.
	jo, err := w.store.PersonByID(ctx, w.people["worker"])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse([]byte(`{"schema":"plan-document/v1","child":{"ref":"C-3000","name":"Kim Teammate","date_of_birth":"2017-01-01"},
		"family":[{"ref":"F-1","name":"Parent","language":"so"}],"plan":{"ref":"PL-1","kind":"early_help","why":"Why."}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.Import(ctx, "test", []store.Incoming{{Source: "test", Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	pat, err := w.store.CreatePerson(ctx, "test", store.Person{Kind: store.KindWorker, Name: "Pat Teammate", Email: "pat@example.org", TeamID: jo.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.Link(ctx, "test", pat, "C-3000", ""); err != nil {
		t.Fatal(err)
	}
	w.people["teammate"] = pat

	refsOf := func(rows []caseloadRowText) (out []string) {
		for _, r := range rows {
			out = append(out, r.Ref)
		}
		return out
	}
	_, body := w.as(t, "manager").get(t, "/my")
	headings, tables := caseloadTablesOf(t, body)
	got := map[string][]string{}
	for i, h := range headings {
		got[h] = refsOf(tables[i])
	}
	if want := map[string][]string{"Jo Smith": {"C-1001", "C-1002"}, "Pat Teammate": {"C-3000"}}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the manager's caseload by worker = %v, want %v", got, want)
	}
	if strings.Join(headings, ",") != "Jo Smith,Pat Teammate" {
		t.Errorf("workers in the order %q, want by name", headings)
	}
	if page(t, body).Find("h2#caseload-h").Length() != 1 || page(t, body).Find(`#caseload-C-1001 a[href="/children/C-1001/audit"]`).Length() != 1 {
		t.Error("no team heading, or no audit link for the manager")
	}
	if kim := rowOf(t, tables[1], "C-3000"); kim.Translations != "Somali: 1 text not translated" || kim.Published != "Not published" {
		t.Errorf("Pat's child: %+v", kim)
	}

	for role, want := range map[string]string{"worker": "C-1001 C-1002", "teammate": "C-3000", "other worker": "C-2000", "other manager": "C-2000"} {
		_, body := w.as(t, role).get(t, "/my")
		_, tables := caseloadTablesOf(t, body)
		var refs []string
		for _, rows := range tables {
			refs = append(refs, refsOf(rows)...)
		}
		if strings.Join(refs, " ") != want {
			t.Errorf("%s sees %v in the caseload, want %q", role, refs, want)
		}
	}
	if _, body := w.as(t, "worker").get(t, "/my"); strings.Contains(body, "C-3000") || strings.Contains(body, "Kim Teammate") || strings.Contains(body, "C-2000") {
		t.Error("the worker's page names another worker's child")
	}
}

// staffID is the id of a demo staff member.
func (ts *testServer) staffID(t *testing.T, email string) int64 {
	t.Helper()
	p, err := ts.store.StaffByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}
