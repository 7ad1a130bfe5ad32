package portal

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCaseloadPacksInTheBackground prints the demo worker's caseload from the worker's
// pages: the job page reloads itself (no JavaScript) until the packs are done, then offers
// the zip, which holds each family member's pack and a contents list. Nobody else, not even
// the worker's manager, can see the job or download it; a date range with the days the wrong way round is
// refused with a message.
func TestCaseloadPacksInTheBackground(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	jo := ts.asStaff(t, "worker")
	res, _ := jo.post(t, "/packs", "/packs", url.Values{"format": {"zip"}, "codes": {"yes"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/packs/") {
		t.Fatalf("start: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	job := res.Header.Get("Location")
	var body string
	for deadline := time.Now().Add(30 * time.Second); ; {
		_, body = jo.get(t, job)
		if !strings.Contains(body, `http-equiv="refresh"`) {
			break
		}
		if !strings.Contains(body, "<progress") {
			t.Fatalf("a running job's page shows no progress:\n%s", body)
		}
		if time.Now().After(deadline) {
			t.Fatal("the packs did not finish in 30 seconds")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(body, "Your packs are ready") || !strings.Contains(body, "2 children, 7 packs") {
		t.Fatalf("finished job page:\n%s", body)
	}
	res, zipped := jo.get(t, job+"/download")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "packs.zip") {
		t.Fatalf("download: %d %v", res.StatusCode, res.Header)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(zipped)), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var contents string
	for _, f := range z.File {
		names = append(names, f.Name)
		if f.Name == "contents.txt" {
			r, _ := f.Open()
			data, _ := io.ReadAll(r)
			contents = string(data)
		}
	}
	if len(names) != 8 || !strings.Contains(contents, "Sara Khan, mother (ur)") {
		t.Errorf("the zip holds %v; contents:\n%s", names, contents)
	}

	manager := ts.asStaff(t, "manager")
	for _, path := range []string{job, job + "/download"} {
		if res, _ := manager.get(t, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("someone else GET %s: %d, want 404", path, res.StatusCode)
		}
	}
	res, body = jo.post(t, "/packs", "/packs", url.Values{"from": {"2026-12-31"}, "to": {"2026-12-01"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !regexp.MustCompile(`error-summary[\s\S]*the first on or before the last`).MatchString(body) {
		t.Errorf("dates the wrong way round: %d\n%s", res.StatusCode, body)
	}
	if trail, err := ts.store.AuditTrail(t.Context(), strings.Replace(job, "/packs/", "pack:", 1), 10); err != nil || len(trail) < 2 {
		t.Errorf("the job's start and download are not in the audit trail: %v %v", trail, err)
	}
}
