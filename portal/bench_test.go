package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/demo"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document"
)

func benchmarkPage(b *testing.B, c *client, url string) {
	b.ReportAllocs()
	for b.Loop() {
		res, err := c.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatal(res.Status)
		}
	}
}

// BenchmarkFamilyPage is a signed-in parent reading the parent version over real HTTP:
// session, access rule, published plan, render, audit.
func BenchmarkFamilyPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	benchmarkPage(b, ts.asFamily(b, "Sara Khan"), ts.URL+"/children/C-1001/parent/F-1")
}

// BenchmarkWorkerPage is the worker view through the same stack.
func BenchmarkWorkerPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	benchmarkPage(b, ts.asStaff(b, "worker"), ts.URL+"/children/C-1001")
}

// BenchmarkReviewPage is the review page of the demo plan: every family text checked, its
// findings marked inline, a form for each.
func BenchmarkReviewPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	benchmarkPage(b, ts.asStaff(b, "worker"), ts.URL+"/children/C-1001/review")
}

// BenchmarkPublishPage is the check before publishing: findings, untranslated texts per
// member, withheld items.
func BenchmarkPublishPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	benchmarkPage(b, ts.asStaff(b, "worker"), ts.URL+"/children/C-1001/publish")
}

// BenchmarkTeamPage is the manager's promises dashboard over real HTTP with 5,000 children
// and 50,000 promises, all made through the portal's own API: each child's plan imported
// with a meeting and ten family members (ten minutes promises), most of them published.
func BenchmarkTeamPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	ctx := context.Background()
	var jo int64
	for _, s := range ts.people.Staff {
		if s.Role == store.KindWorker {
			p, _ := ts.store.StaffByEmail(ctx, s.Email)
			jo = p.ID
		}
	}
	var docs []store.Incoming
	for i := range 5000 {
		held := today.AddDate(0, 0, -(i%400)-1).Format(time.DateOnly)
		family := make([]any, 10)
		for m := range family {
			family[m] = map[string]any{"ref": fmt.Sprintf("F-%d", m+1), "name": "Parent", "language": "en"}
		}
		data, _ := json.Marshal(map[string]any{"schema": "plan-document/v1",
			"child":    map[string]any{"ref": fmt.Sprintf("B-%05d", i), "name": "Child", "date_of_birth": "2016-01-01"},
			"family":   family,
			"plan":     map[string]any{"ref": "PL-1", "kind": "child_in_need"},
			"meetings": []any{map[string]any{"ref": "M-1", "kind": "core_group", "held_on": held}}})
		doc, err := document.Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, store.Incoming{Source: "bench", Doc: doc})
	}
	if _, err := ts.store.Import(ctx, "bench", docs); err != nil {
		b.Fatal(err)
	}
	for i, in := range docs {
		ts.store.Link(ctx, "bench", jo, in.Doc.Child.Ref, "")
		if err := ts.srv.promises.AfterImport(ctx, "bench", in.Doc); err != nil {
			b.Fatal(err)
		}
		if i%4 != 0 { // three in four published, some of them late
			on := in.Doc.Meetings[0].HeldOn.Time.AddDate(0, 0, 3+i%12)
			if on.After(today) {
				on = today
			}
			if err := ts.srv.promises.AfterPublish(ctx, "bench", in.Doc, on); err != nil {
				b.Fatal(err)
			}
		}
	}
	benchmarkPage(b, ts.asStaff(b, store.KindManager), ts.URL+"/team/promises")
}

// BenchmarkSaveAnswer is one question page of "Your thoughts and comments" posted over real
// HTTP: the session, CSRF, the draft read and written in one SQLite transaction, the redirect.
func BenchmarkSaveAnswer(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	sara := ts.asFamily(b, "Sara Khan")
	csrf := sara.csrf(b, "/children/C-1001/thoughts/worries")
	values := url.Values{"csrf": {csrf}, "worries": {strings.Repeat("آمنہ اسکول میں خوش نہیں ہے۔ ", 20)}}
	b.ReportAllocs()
	for b.Loop() {
		res, err := sara.PostForm(ts.URL+"/children/C-1001/thoughts/worries", values)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			b.Fatalf("%d", res.StatusCode)
		}
	}
}

// seedCaseload gives a new worker n children, each a copy of Amira's plan (three family
// members reading Urdu, Polish and English, three texts withheld) imported and published,
// and returns the worker's email.
func seedCaseload(tb testing.TB, ts *testServer, n int) string {
	tb.Helper()
	ctx := context.Background()
	email := fmt.Sprintf("caseload-%d@example.org", n)
	worker, err := ts.store.CreatePerson(ctx, "bench", store.Person{Kind: store.KindWorker, Name: "Caseload Worker", Email: email})
	if err != nil {
		tb.Fatal(err)
	}
	docs, err := demo.Documents(today)
	if err != nil {
		tb.Fatal(err)
	}
	amira, err := docs[0].Doc.MarshalJSON()
	if err != nil {
		tb.Fatal(err)
	}
	var incoming []store.Incoming
	for i := range n {
		doc, err := document.Parse(amira)
		if err != nil {
			tb.Fatal(err)
		}
		doc.Child.Ref = fmt.Sprintf("C-%d-%03d", n, i)
		doc.Child.Name = fmt.Sprintf("Child %d Khan", i)
		incoming = append(incoming, store.Incoming{Source: "bench", Doc: doc})
	}
	imported, err := ts.store.Import(ctx, "bench", incoming)
	if err != nil {
		tb.Fatal(err)
	}
	for _, im := range imported {
		if err := ts.store.Link(ctx, "bench", worker, im.ChildRef, ""); err != nil {
			tb.Fatal(err)
		}
		if err := ts.store.Publish(ctx, "bench", im.ChildRef, im.PlanRef, im.Version); err != nil {
			tb.Fatal(err)
		}
	}
	return email
}

// BenchmarkCaseloadHome is a worker's start page with a full caseload of 18 children over
// real HTTP: the session, the one caseload query, each child's latest plan version (parsed
// once, then kept) for the next meeting and the texts not translated, the lists of
// promises and submissions, the render.
func BenchmarkCaseloadHome(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	ctx := context.Background()
	email := seedCaseload(b, ts, 18)
	for i := range 18 { // the promises each plan's meetings started
		doc, _, err := ts.store.PlanDocument(ctx, fmt.Sprintf("C-18-%03d", i), "", 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := ts.srv.promises.AfterImport(ctx, "bench", doc); err != nil {
			b.Fatal(err)
		}
	}
	worker, err := ts.store.StaffByEmail(ctx, email)
	if err != nil {
		b.Fatal(err)
	}
	c := ts.newClient(b)
	token := auth.NewToken()
	if err := ts.store.CreateSession(ctx, worker.ID, ts.srv.hash.Hash("session", token), time.Hour, "bench"); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(ts.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	if _, body := c.get(b, "/my"); strings.Count(body, `<tr class="caseload__row`) != 18 {
		b.Fatalf("the page does not list 18 children:\n%s", body)
	}
	benchmarkPage(b, c, ts.URL+"/my")
}

// countingWriter counts what is written and keeps none of it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkCaseloadPacks prints a full caseload (the seeds' maximum of 18 children, three
// family members each) as a zip: 18 × (3 meeting packs + My Journey); and a team's 200.
func BenchmarkCaseloadPacks(b *testing.B) {
	for _, children := range []int{18, 200} {
		b.Run(fmt.Sprintf("children=%d", children), func(b *testing.B) {
			ts := newTestServer(b, Config{Demo: true})
			email := seedCaseload(b, ts, children)
			b.ReportAllocs()
			var sum PackSummary
			var out countingWriter
			for b.Loop() {
				out.n = 0
				var err error
				if sum, err = ts.srv.CaseloadPacks(context.Background(), "bench", PackRequest{Worker: email}, &out, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sum.Pages), "pages/op")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(sum.Pages), "ms/page")
			b.ReportMetric(float64(out.n)/1e6, "MB-zip")
		})
	}
}
