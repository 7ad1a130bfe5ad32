package portal

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkChildPage is one demo worker page over real HTTP: store read, document parse,
// render, audit write.
func BenchmarkChildPage(b *testing.B) {
	ts := newTestServer(b, Config{Demo: true})
	client := ts.Client()
	b.ReportAllocs()
	for b.Loop() {
		res, err := client.Get(ts.URL + "/children/C-1001")
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
