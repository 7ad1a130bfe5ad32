// Package pack writes the printed packs: PDFs in the reader's language, with embedded Noto
// fonts, Urdu and Arabic shaped and right to left, page numbers in the language, and large
// print when the reader needs it. It knows nothing of the store: callers hand it words.
package pack

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"

	"github.com/familyportal/portal/assets"
	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/render/arabic"
)

// Options say who a pack is for.
type Options struct {
	Title, Author string // the PDF's metadata: the pack's title and the council
	LargePrint    bool   // at least 16 pt, for a reader whose needs include large print
	Created       time.Time
}

// Writer is one PDF being written.
type Writer struct {
	pdf  *fpdf.Fpdf
	tr   locales.Translator
	rtl  bool
	size float64 // body text, in points
}

// Sizes of body text, in points: GOV.UK's print guidance for ordinary and large print.
const (
	bodySize  = 11
	largeSize = 16
)

// font families: Latin, Greek and Cyrillic letters in Noto Sans; Arabic script in Noto Naskh.
const (
	latinFont  = "NotoSans"
	arabicFont = "NotoNaskhArabic"
)

// New starts a pack in tr's language.
func New(tr locales.Translator, o Options) (*Writer, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range []struct{ family, style, file string }{
		{latinFont, "", "NotoSans-Regular"}, {latinFont, "B", "NotoSans-Bold"},
		{arabicFont, "", "NotoNaskhArabic-Regular"}, {arabicFont, "B", "NotoNaskhArabic-Bold"},
	} {
		data, err := assets.Font(f.file)
		if err != nil {
			return nil, fmt.Errorf("pack font %s: %w", f.file, err)
		}
		pdf.AddUTF8FontFromBytes(f.family, f.style, data)
	}
	w := &Writer{pdf: pdf, tr: tr, rtl: tr.Dir() == "rtl", size: bodySize}
	if o.LargePrint {
		w.size = largeSize
	}
	pdf.SetTitle(o.Title, true)
	pdf.SetAuthor(o.Author, true)
	pdf.SetCreator("Family portal", true)
	pdf.SetLang(tr.Lang.String())
	if !o.Created.IsZero() {
		pdf.SetCreationDate(o.Created)
		pdf.SetModificationDate(o.Created)
	}
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		w.line(tr.T("pack.page", "Page", pdf.PageNo(), "Pages", "{nb}"), 9, "", "C")
	})
	pdf.AddPage()
	return w, nil
}

// Heading writes a heading and a bookmark to it (level 0 for the pack's parts).
func (w *Writer) Heading(text string, level int) {
	size := w.size * 1.6
	if level > 0 {
		size = w.size * 1.25
	}
	w.pdf.Ln(w.size * 0.2)
	w.pdf.Bookmark(text, level, -1)
	w.paragraph(text, size, "B")
	w.pdf.Ln(w.size * 0.15)
}

// Paragraph writes a paragraph of body text.
func (w *Writer) Paragraph(text string) {
	w.paragraph(text, w.size, "")
	w.pdf.Ln(w.size * 0.25)
}

// Bytes finishes the pack.
func (w *Writer) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write pack: %w", err)
	}
	return buf.Bytes(), nil
}

// paragraph wraps text into lines that fit the page, in logical order, and writes each.
func (w *Writer) paragraph(text string, size float64, style string) {
	align := "L"
	if w.rtl {
		align = "R"
	}
	pageWidth, _ := w.pdf.GetPageSize()
	left, _, right, _ := w.pdf.GetMargins()
	width := pageWidth - left - right
	for _, para := range strings.Split(text, "\n") {
		var line []string
		for _, word := range strings.Fields(para) {
			try := strings.Join(append(line, word), " ")
			if len(line) > 0 && w.width(try, size, style) > width {
				w.line(strings.Join(line, " "), size, style, align)
				line = line[:0]
			}
			line = append(line, word)
		}
		w.line(strings.Join(line, " "), size, style, align)
	}
}

// run is part of a line set in one font.
type run struct {
	text   string
	arabic bool
}

// runs splits a line, in the order it is drawn left to right, into runs of one font; in a
// right-to-left pack the line is shaped and put in visual order first.
func (w *Writer) runs(text string) []run {
	if w.rtl {
		text = arabic.ForPDF(text)
	}
	var out []run
	for _, r := range text {
		a := isArabic(r)
		if n := len(out); n > 0 && (out[n-1].arabic == a || r == ' ') {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, run{text: string(r), arabic: a})
	}
	return out
}

// isArabic reports whether a character is set in the Arabic font: the Arabic script and the
// punctuation it shares with other scripts (، ؛ ؟ are "Common", not "Arabic", in Unicode).
func isArabic(r rune) bool {
	return unicode.Is(unicode.Arabic, r) || (r >= 0x0600 && r <= 0x06FF) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

func (w *Writer) font(a bool, size float64, style string) {
	if a {
		w.pdf.SetFont(arabicFont, style, size)
		return
	}
	w.pdf.SetFont(latinFont, style, size)
}

// width is how wide a line is when drawn.
func (w *Writer) width(text string, size float64, style string) float64 {
	total := 0.0
	for _, r := range w.runs(text) {
		w.font(r.arabic, size, style)
		total += w.pdf.GetStringWidth(r.text)
	}
	return total
}

// line draws one line, aligned L, C or R, run by run.
func (w *Writer) line(text string, size float64, style, align string) {
	lineHeight := size * 0.55 // points to millimetres, with leading
	pageWidth, _ := w.pdf.GetPageSize()
	left, _, right, _ := w.pdf.GetMargins()
	room := pageWidth - left - right
	x := left
	switch align {
	case "R":
		x = left + room - w.width(text, size, style)
	case "C":
		x = left + (room-w.width(text, size, style))/2
	}
	w.pdf.SetX(x)
	for _, r := range w.runs(text) {
		w.font(r.arabic, size, style)
		w.pdf.CellFormat(w.pdf.GetStringWidth(r.text), lineHeight, r.text, "", 0, "L", false, 0, "")
	}
	w.pdf.Ln(lineHeight)
}
