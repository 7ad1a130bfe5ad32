package exchange

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xliffNS is the namespace of XLIFF 1.2, the version CAT tools read most widely.
const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

// The elements of XLIFF 1.2 the portal writes and reads.
type (
	xliff struct {
		XMLName xml.Name    // checked on reading rather than matched, to say what the file is instead
		Version string      `xml:"version,attr"`
		Files   []xliffFile `xml:"file"`
	}
	xliffFile struct {
		Original       string      `xml:"original,attr"`
		SourceLanguage string      `xml:"source-language,attr"`
		TargetLanguage string      `xml:"target-language,attr"`
		Datatype       string      `xml:"datatype,attr"`
		Units          []xliffUnit `xml:"body>trans-unit"`
	}
	xliffUnit struct {
		ID     string     `xml:"id,attr"`
		Space  string     `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
		Source xliffText  `xml:"source"`
		Target *xliffText `xml:"target"` // nil, or empty, when there is no translation
		Note   string     `xml:"note,omitempty"`
	}
	xliffText struct {
		Text string `xml:",chardata"`
		// Inline markup a tool may add (<g>, <x/>, <ph>): the portal stores plain text, so
		// a target with markup is refused rather than read with words missing.
		Markup []struct{ XMLName xml.Name } `xml:",any"`
	}
)

// WriteXLIFF writes units as an XLIFF 1.2 file translating English into lang. original names
// what was translated, e.g. "C-1001 PL-77 version 3".
func WriteXLIFF(w io.Writer, original, lang string, units []Unit) error {
	file := xliffFile{Original: original, SourceLanguage: "en", TargetLanguage: lang, Datatype: "plaintext"}
	for _, u := range units {
		xu := xliffUnit{ID: u.ID, Space: "preserve", Source: xliffText{Text: u.Source}, Note: u.Note}
		if u.Target != "" {
			xu.Target = &xliffText{Text: u.Target}
		}
		file.Units = append(file.Units, xu)
	}
	doc := xliff{XMLName: xml.Name{Space: xliffNS, Local: "xliff"}, Version: "1.2", Files: []xliffFile{file}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write XLIFF: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write XLIFF: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write XLIFF: %w", err)
	}
	return nil
}

// ReadXLIFF reads an XLIFF 1.2 file with one <file> translating from English, as WriteXLIFF
// writes it and a CAT tool returns it, and gives its target language.
func ReadXLIFF(r io.Reader) (lang string, units []Unit, err error) {
	var doc xliff
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return "", nil, fmt.Errorf("%w: the file is not XLIFF: it holds no XML elements", ErrInvalid)
		}
		return "", nil, fmt.Errorf("%w: the file is not XML: %w", ErrInvalid, err)
	}
	switch {
	case doc.XMLName.Local != "xliff":
		return "", nil, fmt.Errorf("%w: the file is not XLIFF (it starts with <%s>)", ErrInvalid, doc.XMLName.Local)
	case doc.Version != "1.2" || doc.XMLName.Space != xliffNS:
		return "", nil, fmt.Errorf("%w: the file is XLIFF version %q; export it from the translation tool as XLIFF 1.2", ErrInvalid, doc.Version)
	case len(doc.Files) != 1:
		return "", nil, fmt.Errorf("%w: the file has %d <file> elements; the portal writes exactly one", ErrInvalid, len(doc.Files))
	}
	file := doc.Files[0]
	if file.TargetLanguage == "" {
		return "", nil, fmt.Errorf("%w: the <file> element has no target-language", ErrInvalid)
	}
	if baseOf(file.SourceLanguage) != "en" {
		return "", nil, fmt.Errorf("%w: the file translates from %q; the portal's texts are in English (en)", ErrInvalid, file.SourceLanguage)
	}
	seen := make(map[string]bool, len(file.Units))
	for i, xu := range file.Units {
		switch {
		case xu.ID == "":
			return "", nil, fmt.Errorf("%w: trans-unit number %d has no id", ErrInvalid, i+1)
		case seen[xu.ID]:
			return "", nil, fmt.Errorf("%w: the trans-unit %s is in the file twice", ErrInvalid, xu.ID)
		case len(xu.Source.Markup) > 0 || xu.Target != nil && len(xu.Target.Markup) > 0:
			return "", nil, fmt.Errorf("%w: the trans-unit %s holds formatting tags; the portal reads plain text only", ErrInvalid, xu.ID)
		}
		seen[xu.ID] = true
		u := Unit{ID: xu.ID, Source: xu.Source.Text, Note: xu.Note}
		if xu.Target != nil {
			u.Target = xu.Target.Text
		}
		units = append(units, u)
	}
	return file.TargetLanguage, units, nil
}
