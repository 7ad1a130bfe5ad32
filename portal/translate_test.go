package portal

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/familyportal/portal/render/exchange"
)

// importTranslations sends a translator's file as the translate page's import form does.
func (c *client) importTranslations(t *testing.T, lang, name string, data []byte) (*http.Response, string) {
	t.Helper()
	page := "/children/C-1001/translate/" + lang
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", c.csrf(t, page))
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	res, err := c.Post(c.ts.URL+page+"/import", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	return res, string(got)
}

// TestTranslationFilesRoundTrip: a worker downloads Urdu as XLIFF and Polish as CSV, a
// translator fills them in (right-to-left text, quotes, commas, new lines), and bringing them
// back stores exactly what the translator wrote as a new version. The files never carry a
// withheld text, and the download is audited.
func TestTranslationFilesRoundTrip(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	worker := ts.asStaff(t, "worker")
	urdu := "سارہ نے کہا: \"ہم، مل کر\" کام کریں گے۔\nدوسری سطر، PL-77 کے ساتھ"
	polish := "Powiedziała: \"razem, krok po kroku\",\na potem: 'tak'"
	for _, tc := range []struct {
		lang, format, words string
		read                func(io.Reader) (string, []exchange.Unit, error)
		write               func(w io.Writer, lang string, units []exchange.Unit) error
	}{
		{"ur", "xlf", urdu, exchange.ReadXLIFF, func(w io.Writer, lang string, units []exchange.Unit) error {
			return exchange.WriteXLIFF(w, "from the translator", lang, units)
		}},
		{"pl", "csv", polish, exchange.ReadCSV, exchange.WriteCSV},
	} {
		res, file := worker.get(t, "/children/C-1001/translate/"+tc.lang+"/export/"+tc.format)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "C-1001-PL-77-v") {
			t.Fatalf("export %s: %d %q", tc.format, res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		doc, _, _ := ts.store.PlanDocument(context.Background(), "C-1001", "", 0)
		for _, text := range doc.Texts() {
			if text.Withheld() && strings.Contains(file, text.Text[:min(40, len(text.Text))]) {
				t.Errorf("the %s export carries a withheld text", tc.format)
			}
		}
		lang, units, err := tc.read(strings.NewReader(file))
		if err != nil || lang != tc.lang || len(units) < 10 {
			t.Fatalf("read back %s: %v %q %d units", tc.format, err, lang, len(units))
		}
		units[0].Target = tc.words // the translator's work
		var back bytes.Buffer
		if err := tc.write(&back, lang, units); err != nil {
			t.Fatal(err)
		}
		res, body := worker.importTranslations(t, tc.lang, "returned."+tc.format, back.Bytes())
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("import %s: %d\n%s", tc.format, res.StatusCode, body)
		}
		if got := docText(t, ts, units[0].ID).Translations[tc.lang]; got != tc.words {
			t.Errorf("%s translation stored as %q, want %q", tc.format, got, tc.words)
		}
	}
	// A file in another language is refused, saying so.
	res, file := worker.get(t, "/children/C-1001/translate/pl/export/csv")
	res, body := worker.importTranslations(t, "ur", "polish.csv", []byte(file))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page(t, body).Find(".error-summary").Text(), "Polish") {
		t.Errorf("a Polish file for Urdu: %d", res.StatusCode)
	}
	// Typed on the page: the same rule, only what was typed is stored.
	_, body = worker.get(t, "/children/C-1001/translate/ur")
	if n := page(t, body).Find(`textarea[lang="ur"][dir="rtl"]`).Length(); n < 10 {
		t.Errorf("%d right-to-left Urdu boxes", n)
	}
	trail, _ := ts.store.AuditTrail(context.Background(), "child:C-1001", 100)
	exports := 0
	for _, e := range trail {
		if e.Action == "plan.export_translation" {
			exports++
		}
	}
	if exports != 3 {
		t.Errorf("%d exports audited, want 3", exports)
	}
	if res, _ := worker.get(t, "/children/C-1001/translate/de"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a language nobody in the family reads: %d", res.StatusCode)
	}
}
