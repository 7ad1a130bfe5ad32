package exchange

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/document/examples"
)

// Paths in amira.json used below.
const (
	plainText    = "$.plan.going_well[2]"       // a plain string, no translations
	translated   = "$.plan.why"                 // has ur and pl translations
	withheldText = "$.plan.worries[4]"          // share: workers
	decision     = "$.meetings[1].decisions[0]" // a plain string in a meeting
)

func amira(t *testing.T) *document.Document {
	t.Helper()
	doc, err := examples.Document("amira.json")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// textAt returns the text at a path of doc, failing the test when there is none.
func textAt(t *testing.T, doc *document.Document, path string) *document.Text {
	t.Helper()
	for p, text := range doc.Texts() {
		if p == path {
			return text
		}
	}
	t.Fatalf("no text at %s", path)
	return nil
}

// format is one file format, written and read through the exported functions.
type format struct {
	name  string
	write func(w io.Writer, lang string, units []Unit) error
	read  func(r io.Reader) (string, []Unit, error)
}

var formats = []format{
	{"CSV", WriteCSV, ReadCSV},
	{"XLIFF", func(w io.Writer, lang string, units []Unit) error {
		return WriteXLIFF(w, "C-1001 PL-77 version 3", lang, units)
	}, ReadXLIFF},
}

func TestUnits(t *testing.T) {
	doc := amira(t)
	units := Units(doc, "ur")

	var want []string
	for path, text := range doc.Texts() {
		if !text.Withheld() {
			want = append(want, path)
		}
	}
	var ids []string
	byID := make(map[string]Unit)
	for _, u := range units {
		ids = append(ids, u.ID)
		byID[u.ID] = u
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids =\n%q\nwant the texts that are not withheld, in order:\n%q", ids, want)
	}
	if _, ok := byID[withheldText]; ok {
		t.Errorf("withheld text %s is exported", withheldText)
	}

	why := textAt(t, doc, translated)
	if got := byID[translated]; got.Source != why.Text || got.Target != why.Translations["ur"] || got.Note != "plan, why" {
		t.Errorf("unit %s = %+v, want the English, the Urdu translation and note \"plan, why\"", translated, got)
	}
	if got := byID["$.plan.going_well[0]"]; got.Target != "" || strings.Contains(got.Source, "You have settled in well") {
		t.Errorf("going_well[0] = %+v, want the worker's English (not for_child) and no target", got)
	}
	// A region in the language asked for still finds the document's "ur" translation.
	if got := Units(doc, "ur-PK")[0]; got.Target != why.Translations["ur"] {
		t.Errorf("Units(ur-PK) first target = %q, want the ur translation", got.Target)
	}
}

func TestWhere(t *testing.T) {
	tests := []struct{ path, want string }{
		{"$.plan.why", "plan, why"},
		{"$.plan.worries[1]", "plan, worries 2"},
		{"$.plan.outcomes[0].how_we_will_know", "plan, outcomes 1, how we will know"},
		{"$.meetings[2].decisions[3]", "meetings 3, decisions 4"},
	}
	for _, tt := range tests {
		if got := where(tt.path); got != tt.want {
			t.Errorf("where(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestRoundTrip exports amira's Urdu texts, types translations as a translator would,
// imports the file, applies it, writes the document and reads it again: every translation
// must come back exactly as typed.
func TestRoundTrip(t *testing.T) {
	typed := map[string]string{
		plainText:  "امی نے CIN منصوبے PL-77 پر \"اچھی طرح\" کام کیا، اور C-1001 کے لیے, ہر ملاقات میں آئیں۔",
		translated: "پہلی سطر\nدوسری سطر, with a comma\n\nتیسری سطر \"PL-77\"",
		decision:   "Mum & Dad <both> agree > 2 \"rules\", then 'more'.\n",
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			doc := amira(t)
			units := Units(doc, "ur")
			existing := 0 // Urdu translations the translator leaves as they are
			for i, u := range units {
				if words, ok := typed[u.ID]; ok {
					units[i].Target = words
				} else if u.Target != "" {
					existing++
				}
			}
			if textAt(t, doc, plainText).IsObject() {
				t.Fatalf("%s should start as a plain string", plainText)
			}

			var file bytes.Buffer
			if err := f.write(&file, "ur", units); err != nil {
				t.Fatal(err)
			}
			for path, text := range doc.Texts() {
				if text.Withheld() && (bytes.Contains(file.Bytes(), []byte(text.Text)) || bytes.Contains(file.Bytes(), []byte(text.Reason))) {
					t.Errorf("the export holds the withheld text %s", path)
				}
			}

			lang, read, err := f.read(&file)
			if err != nil {
				t.Fatal(err)
			}
			if err := CheckLanguage("ur", lang); err != nil {
				t.Fatal(err)
			}
			for i := range read {
				if read[i].ID != units[i].ID || read[i].Source != units[i].Source || read[i].Target != units[i].Target {
					t.Fatalf("unit %d read back as %+v, want %+v", i, read[i], units[i])
				}
			}

			res, err := Apply(amira(t), lang, read) // a fresh copy: the import happens later
			if err != nil {
				t.Fatal(err)
			}
			wantChanged := []string{translated, plainText, decision} // document order
			if !reflect.DeepEqual(res.Changed, wantChanged) || res.Unchanged != existing || res.Empty != len(units)-existing-len(typed) ||
				res.Stale != nil || res.Unknown != nil || res.Withheld != nil {
				t.Errorf("result = %+v, want changed %q, %d unchanged, %d empty, nothing else", res, wantChanged, existing, len(units)-existing-len(typed))
			}
		})
	}
}

// TestApplyWritesBack checks that translations set by Apply survive writing the document
// as JSON and parsing it again, including on a text that was a plain string.
func TestApplyWritesBack(t *testing.T) {
	doc := amira(t)
	typed := map[string]string{
		plainText:  "امی نے PL-77 پر \"اچھی طرح\" کام کیا،\nاور C-1001 کے لیے, & <آئیں>",
		translated: "نیا ترجمہ",
	}
	var units []Unit
	for _, u := range Units(doc, "ur") {
		if words, ok := typed[u.ID]; ok {
			u.Target = words
			units = append(units, u)
		}
	}
	if _, err := Apply(doc, "ur", units); err != nil {
		t.Fatal(err)
	}
	data, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	again, err := document.Parse(data)
	if err != nil {
		t.Fatalf("written document does not parse: %v", err)
	}
	for path, words := range typed {
		if got := textAt(t, again, path).Translations["ur"]; got != words {
			t.Errorf("%s: ur = %q, want %q", path, got, words)
		}
	}
	if !textAt(t, again, plainText).IsObject() {
		t.Errorf("%s is still a plain string", plainText)
	}
	if got, want := textAt(t, again, translated).Translations["pl"], textAt(t, amira(t), translated).Translations["pl"]; got != want {
		t.Errorf("the Polish translation changed to %q", got)
	}
}

func TestApply(t *testing.T) {
	original := textAt(t, amira(t), translated)
	english, urdu := original.Text, original.Translations["ur"]
	plainEnglish := textAt(t, amira(t), plainText).Text

	tests := []struct {
		name  string
		lang  string
		units []Unit
		want  Result
		path  string // the text to look at afterwards
		key   string // its translation key to look at
		words string // what that translation must be
	}{
		{"adds a translation", "ur", []Unit{{ID: plainText, Source: plainEnglish, Target: "نیا"}},
			Result{Changed: []string{plainText}}, plainText, "ur", "نیا"},
		{"replaces a translation", "ur", []Unit{{ID: translated, Source: english, Target: "نیا"}},
			Result{Changed: []string{translated}}, translated, "ur", "نیا"},
		{"same translation", "ur", []Unit{{ID: translated, Source: english, Target: urdu}},
			Result{Unchanged: 1}, translated, "ur", urdu},
		{"empty target keeps the translation", "ur", []Unit{{ID: translated, Source: english}},
			Result{Empty: 1}, translated, "ur", urdu},
		{"blank target keeps the translation", "ur", []Unit{{ID: translated, Source: english, Target: " \r\n"}},
			Result{Empty: 1}, translated, "ur", urdu},
		{"English changed since export", "ur", []Unit{{ID: translated, Source: "The old English.", Target: "نیا"}},
			Result{Stale: []string{translated}}, translated, "ur", urdu},
		{"unknown id", "ur", []Unit{{ID: "$.plan.worries[99]", Source: "x", Target: "نیا"}},
			Result{Unknown: []string{"$.plan.worries[99]"}}, translated, "ur", urdu},
		{"withheld text refused", "ur", []Unit{{ID: withheldText, Source: textAt(t, amira(t), withheldText).Text, Target: "نیا"}},
			Result{Withheld: []string{withheldText}}, withheldText, "ur", ""},
		{"region uses the document's key", "ur-PK", []Unit{{ID: translated, Source: english, Target: "نیا"}},
			Result{Changed: []string{translated}}, translated, "ur", "نیا"},
		{"region is the key of a new translation", "ur-PK", []Unit{{ID: plainText, Source: plainEnglish, Target: "نیا"}},
			Result{Changed: []string{plainText}}, plainText, "ur-PK", "نیا"},
		{"Windows line ends", "ur", []Unit{{ID: plainText, Source: plainEnglish, Target: "ایک\r\nدو\r\n"}},
			Result{Changed: []string{plainText}}, plainText, "ur", "ایک\nدو\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := amira(t)
			got, err := Apply(doc, tt.lang, tt.units)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("result = %+v, want %+v", got, tt.want)
			}
			text := textAt(t, doc, tt.path)
			if words := text.Translations[tt.key]; words != tt.words {
				t.Errorf("%s[%s] = %q, want %q", tt.path, tt.key, words, tt.words)
			}
			for key := range text.Translations {
				if key != tt.key && baseOf(key) == baseOf(tt.lang) {
					t.Errorf("%s has a second key %q for the language", tt.path, key)
				}
			}
		})
	}
}

func TestApplyComparesEnglishAcrossLineEnds(t *testing.T) {
	doc := amira(t)
	textAt(t, doc, plainText).Text = "First line.\nSecond line."
	res, err := Apply(doc, "ur", []Unit{{ID: plainText, Source: "First line.\r\nSecond line.", Target: "نیا"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Changed, []string{plainText}) {
		t.Errorf("result = %+v, want %s changed", res, plainText)
	}
}

func TestApplyRefuses(t *testing.T) {
	english := textAt(t, amira(t), translated).Text
	tests := []struct {
		name  string
		lang  string
		units []Unit
		want  string
	}{
		{"English", "en-GB", []Unit{{ID: translated, Source: english, Target: "New words"}}, "written in English"},
		{"not a language", "urdu!", []Unit{{ID: translated, Source: english, Target: "نیا"}}, "not a language code"},
		{"a text twice", "ur", []Unit{{ID: plainText, Target: "نیا"}, {ID: translated, Source: english, Target: "نیا"}, {ID: translated, Source: english, Target: "دوسرا"}},
			"$.plan.why is translated twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := amira(t)
			_, err := Apply(doc, tt.lang, tt.units)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid saying %q", err, tt.want)
			}
			if got, want := textAt(t, doc, translated).Translations, textAt(t, amira(t), translated).Translations; !reflect.DeepEqual(got, want) {
				t.Errorf("a refused file changed the document: %q", got)
			}
		})
	}
}

func TestCheckLanguage(t *testing.T) {
	tests := []struct {
		asked, file string
		want        string // in the error; "" for none
	}{
		{"ur", "ur", ""},
		{"ur", "ur-PK", ""},
		{"ur-PK", "ur-IN", ""},
		{"ur", "pl", "the file is a translation into Polish (pl), but Urdu (ur) was asked for"},
		{"ur", "Urdu", "not a language code"},
	}
	for _, tt := range tests {
		err := CheckLanguage(tt.asked, tt.file)
		if tt.want == "" && err != nil || tt.want != "" && (!errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckLanguage(%q, %q) = %v, want %q", tt.asked, tt.file, err, tt.want)
		}
	}
}

func TestReadCSVLineEnds(t *testing.T) {
	want := []Unit{
		{ID: "$.plan.why", Source: "Why, and \"how\"", Target: "کیوں\nاور کیسے"},
		{ID: "$.plan.worries[0]", Source: "Worry"},
	}
	tests := []struct{ name, file string }{
		{"BOM and CRLF", "\xef\xbb\xbfid,english,ur\r\n$.plan.why,\"Why, and \"\"how\"\"\",\"کیوں\r\nاور کیسے\"\r\n$.plan.worries[0],Worry,\r\n"},
		{"no BOM, LF", "id,english,ur\n$.plan.why,\"Why, and \"\"how\"\"\",\"کیوں\nاور کیسے\"\n$.plan.worries[0],Worry,\n"},
		{"no final line end", "id,english,ur\n$.plan.why,\"Why, and \"\"how\"\"\",\"کیوں\nاور کیسے\"\n$.plan.worries[0],Worry,"},
		{"blank rows and headings in capitals", "ID,English,ur\r\n,,\r\n$.plan.why,\"Why, and \"\"how\"\"\",\"کیوں\nاور کیسے\"\r\n\r\n$.plan.worries[0],Worry,\r\n,,\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, units, err := ReadCSV(strings.NewReader(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if lang != "ur" || !reflect.DeepEqual(units, want) {
				t.Errorf("ReadCSV = %q, %+v; want ur, %+v", lang, units, want)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	const header = "id,english,ur\n"
	tests := []struct{ name, file, want string }{
		{"empty", "", "the file is empty"},
		{"BOM only", "\xef\xbb\xbf", "the file is empty"},
		{"wrong headings", "id,text,ur\n", "line 1: the first row should be the headings id, english and the language code"},
		{"headings after blank lines", "\n\nid,english\n", "line 3: the first row should be"},
		{"no language heading", "id,english,Urdu please\n", "line 1: the third heading should be a language code"},
		{"too few columns", header + "$.plan.why,Why,\n$.plan.worries[0],Worry\n", "line 3: expected 3 columns (id, english, ur), found 2"},
		{"too many columns after a row of two lines", header + "$.plan.why,\"Why\nreally\",\n$.plan.worries[0],Worry,,\n", "line 4: expected 3 columns"},
		{"id twice", header + "$.plan.why,Why,\n$.plan.worries[0],Worry,\n$.plan.why,Why,\n", "line 4: the id $.plan.why is on line 2 too"},
		{"no id", header + " ,Why,کیوں\n", "line 2: the id column is empty"},
		{"stray quote", header + "$.plan.why,Wh\"y,\n", "line 2: bare \""},
		{"unclosed quote", header + "$.plan.why,\"Why,\n$.plan.worries[0],Worry,\n", "line 2:"},
		{"Windows code page", header + "$.plan.why,Why,caf\xe9\n", "line 2: the text is not UTF-8"},
		{"UTF-16", "\xff\xfei\x00d\x00,\x00", "line 1: the text is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadCSV(strings.NewReader(tt.file))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid saying %q", err, tt.want)
			}
		})
	}
}

func TestReadXLIFF(t *testing.T) {
	const start = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en-GB" target-language="ur-PK" datatype="plaintext"><body>`
	const end = `</body></file></xliff>`
	// What a CAT tool may send back: an empty <target/>, literal new lines, CDATA, a state.
	lang, units, err := ReadXLIFF(strings.NewReader(start +
		`<trans-unit id="a" xml:space="preserve"><source>A &amp; B</source><target/></trans-unit>` +
		`<trans-unit id="b"><source>B</source><target state="translated">ایک` + "\r\n" + `<![CDATA[<دو>]]></target><note>n</note></trans-unit>` + end))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{{ID: "a", Source: "A & B"}, {ID: "b", Source: "B", Target: "ایک\n<دو>", Note: "n"}}
	if lang != "ur-PK" || !reflect.DeepEqual(units, want) {
		t.Errorf("ReadXLIFF = %q, %+v; want ur-PK, %+v", lang, units, want)
	}
}

func TestReadXLIFFErrors(t *testing.T) {
	const open = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">`
	const file = `<file original="x" source-language="en" target-language="ur" datatype="plaintext"><body>`
	const end = `</body></file></xliff>`
	tests := []struct{ name, file, want string }{
		{"empty", "", "holds no XML elements"},
		{"a CSV file", "id,english,ur\n$.plan.why,Why,\n", "holds no XML elements"},
		{"cut short", "<?xml version=\"1.0\"?>\n" + open + "\n<file", "the file is not XML: XML syntax error on line 3"},
		{"not XLIFF", "<html><body>Hello</body></html>", "not XLIFF (it starts with <html>)"},
		{"XLIFF 2.0", `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ur"></xliff>`, `version "2.0"`},
		{"no file", open + `</xliff>`, "has 0 <file> elements"},
		{"no target language", open + `<file original="x" source-language="en" datatype="plaintext"><body>` + end, "no target-language"},
		{"not from English", open + `<file original="x" source-language="pl" target-language="ur" datatype="plaintext"><body>` + end, `translates from "pl"`},
		{"unit without id", open + file + `<trans-unit id="a"><source>A</source></trans-unit><trans-unit><source>B</source></trans-unit>` + end, "trans-unit number 2 has no id"},
		{"unit twice", open + file + `<trans-unit id="a"><source>A</source></trans-unit><trans-unit id="a"><source>A</source></trans-unit>` + end, "trans-unit a is in the file twice"},
		{"inline markup", open + file + `<trans-unit id="a"><source>A</source><target>ایک <g id="1">دو</g></target></trans-unit>` + end, "trans-unit a holds formatting tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadXLIFF(strings.NewReader(tt.file))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid saying %q", err, tt.want)
			}
		})
	}
}

func TestWriteXLIFF(t *testing.T) {
	var buf bytes.Buffer
	units := []Unit{{ID: "$.plan.why", Source: "Why", Target: "کیوں", Note: "plan, why"}, {ID: "$.plan.worries[0]", Source: "Worry"}}
	if err := WriteXLIFF(&buf, "C-1001 PL-77 version 3", "ur", units); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">`,
		`<file original="C-1001 PL-77 version 3" source-language="en" target-language="ur" datatype="plaintext">`,
		`<trans-unit id="$.plan.why" xml:space="preserve">`,
		`<target>کیوں</target>`,
		`<note>plan, why</note>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("XLIFF lacks %s:\n%s", want, out)
		}
	}
	if strings.Count(out, "<target") != 1 {
		t.Errorf("a unit without a translation has a <target>:\n%s", out)
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, "ur", []Unit{{ID: "$.plan.why", Source: "Why, \"really\"\nnow", Target: "کیوں"}}); err != nil {
		t.Fatal(err)
	}
	want := "\xef\xbb\xbfid,english,ur\r\n$.plan.why,\"Why, \"\"really\"\"\r\nnow\",کیوں\r\n"
	if got := buf.String(); got != want {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
}
