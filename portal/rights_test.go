package portal

import (
	"net/http"
	"strings"
	"testing"
)

// TestRightsPage: anyone can read "Your rights", linked from the foot of every page, in
// their language, with the council's advocacy services and complaints route.
func TestRightsPage(t *testing.T) {
	ts := newTestServer(t, Config{})
	res, body := ts.get(t, "/rights")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/rights: %d", res.StatusCode)
	}
	text := page(t, body).Find("main").Text()
	for _, want := range []string{"Northbridge Family Advocacy Service (demo)", "024 7683 3000", "Family Rights Group", "024 7683 4000", "can be a solicitor", "0800 1111"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rights page lacks %q", want)
		}
	}
	ur := ts.srv.renderer.Translator("ur")
	sara := ts.asFamily(t, "Sara Khan")
	_, body = sara.get(t, "/children/C-1001/parent/F-1")
	if link := page(t, body).Find(`footer a[href="/rights"]`); link.Length() != 1 || link.Text() != ur.T("rights.link") {
		t.Errorf("the family page has no link to the rights page in Urdu")
	}
	_, body = sara.get(t, "/rights")
	doc := page(t, body)
	if got := doc.Find("h1").Text(); got != ur.T("rights.title") {
		t.Errorf("title %q, want Urdu %q", got, ur.T("rights.title"))
	}
	if !strings.Contains(doc.Find("main").Text(), ur.T("parent.rights.advocate")) {
		t.Error("the advocate paragraph is not in Urdu")
	}
	if doc.Find(`a[href="/children/C-1001/parent/F-1#change"]`).Length() != 1 {
		t.Error("no link to what must happen in Amira's plan")
	}
}
