package portal

import (
	"io"
	"net/http"
	"testing"
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
