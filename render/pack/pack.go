// Package pack writes the printed packs: PDFs in the reader's language, with embedded Noto
// fonts, Urdu and Arabic shaped and right to left, page numbers in the language, pictures
// for children, and large print when the reader needs it. It knows nothing of the store:
// callers hand it the views the pages are made from.
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
	Services      Services // the council's advocacy and complaints services
	Online        Online   // how to answer the pack's form online
}

// Contact is a service a family can call or visit.
type Contact struct{ Name, Phone, Web string }

// Services are the council's advocacy and complaints services, for the rights part.
type Services struct {
	Advocacy   []Contact
	Complaints Contact
}

// Online is where and how a family member can answer online instead of on paper: the
// portal's address, and a sign-in code when they have no account yet.
type Online struct {
	Link, Code, CodeUntil string
}

// Meta is what a PDF file says about itself.
type Meta struct {
	Title, Author, Lang string
	Created             time.Time
}

// Writer is one PDF being written: one pack, or several packs one after another (a
// caseload), each numbered "page 1 of N" on its own, in its own language.
type Writer struct {
	pdf   *fpdf.Fpdf
	packs []numbering
	tr    locales.Translator
	rtl   bool
	size  float64 // body text, in points
	level int     // the bookmark level of a pack's parts: 1 when packs share the file

	arabicLoaded bool
}

// numbering is where one pack starts in the file and the language of its page numbers.
type numbering struct {
	first int
	tr    locales.Translator
	size  float64 // of the page numbers: large in a large-print pack
}

// Sizes of body text, in points: GOV.UK's print guidance for ordinary and large print.
const (
	bodySize  = 11
	largeSize = 16
)

// Font families: Latin, Greek and Cyrillic letters in Noto Sans; Arabic script in Noto Naskh.
const (
	latinFont  = "NotoSans"
	arabicFont = "NotoNaskhArabic"
)

// Page geometry, in millimetres.
const (
	margin       = 20
	footerHeight = 15
)

// New starts a file holding one pack in tr's language.
func New(tr locales.Translator, o Options) (*Writer, error) {
	w, err := NewFile(Meta{Title: o.Title, Author: o.Author, Lang: tr.Lang.String(), Created: o.Created})
	if err != nil {
		return nil, err
	}
	w.Start(tr, o.LargePrint, "")
	return w, nil
}

// single writes a file of one pack, titled title unless the options name it.
func single(tr locales.Translator, title string, o Options, fill func(*Writer) error) ([]byte, error) {
	if o.Title == "" {
		o.Title = title
	}
	w, err := New(tr, o)
	if err != nil {
		return nil, err
	}
	if err := fill(w); err != nil {
		return nil, err
	}
	return w.Bytes()
}

// NewFile starts an empty file; Start begins each pack in it.
func NewFile(m Meta) (*Writer, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	if err := addFont(pdf, latinFont, "NotoSans"); err != nil {
		return nil, err
	}
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.Author, true)
	pdf.SetCreator("Family portal", true)
	pdf.SetLang(m.Lang)
	if !m.Created.IsZero() {
		pdf.SetCreationDate(m.Created)
		pdf.SetModificationDate(m.Created)
	}
	pdf.SetMargins(margin, margin, margin)
	// Lines are placed by the writer, which turns the page between lines, never inside one.
	pdf.SetAutoPageBreak(false, margin)
	return &Writer{pdf: pdf, size: bodySize}, nil
}

// Start begins a pack on a new page, in tr's language. A bookmark names the pack in a file
// of several, and the pack's parts are bookmarked under it.
func (w *Writer) Start(tr locales.Translator, largePrint bool, bookmark string) {
	w.tr, w.rtl, w.size = tr, tr.Dir() == "rtl", bodySize
	if largePrint {
		w.size = largeSize
	}
	w.pdf.AddPage()
	// A bookmark is written in UTF-16 only when a UTF-8 font is already set.
	w.font(false, w.size, "")
	w.packs = append(w.packs, numbering{first: w.pdf.PageNo(), tr: tr, size: w.size * 0.8})
	w.level = 0
	if bookmark != "" {
		w.pdf.Bookmark(bookmark, 0, -1)
		w.level = 1
	}
}

// Part begins a part of the pack (a letter, the plan, a form) on a new page, bookmarked.
func (w *Writer) Part(title string) {
	if w.pdf.GetY() > margin+1 {
		w.pdf.AddPage()
	}
	w.Heading(title, 0)
}

// Heading writes a heading and a bookmark to it (level 0 for the pack's parts). A heading
// is never the last line of a page.
func (w *Writer) Heading(text string, level int) {
	size := w.size * 1.6
	if level > 0 {
		size = w.size * 1.25
	}
	w.room(lineHeight(size) + 3*lineHeight(w.size))
	w.pdf.Ln(w.size * 0.2)
	w.pdf.Bookmark(text, w.level+level, -1)
	w.paragraph(text, size, "B", 0)
	w.pdf.Ln(w.size * 0.15)
}

// Paragraph writes a paragraph of body text.
func (w *Writer) Paragraph(text string) {
	w.paragraph(text, w.size, "", 0)
	w.gap()
}

// Strong writes a paragraph in bold.
func (w *Writer) Strong(text string) {
	w.paragraph(text, w.size, "B", 0)
	w.gap()
}

// Bullet writes one item of a list.
func (w *Writer) Bullet(text string) {
	indent := w.size * 0.55
	w.room(lineHeight(w.size))
	x := w.startX(indent * 0.2)
	if w.rtl {
		x -= w.width("•", w.size, "")
	}
	w.at(x, "•", w.size, "")
	w.paragraph(text, w.size, "", indent)
	w.pdf.Ln(w.size * 0.1)
}

// Labelled writes a label and its value on one line, "When: Monday".
func (w *Writer) Labelled(label, value string) {
	w.paragraph(label+" "+value, w.size, "", 0)
	w.gap()
}

// Bytes writes each page's number and finishes the file.
func (w *Writer) Bytes() ([]byte, error) {
	w.numberPages()
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write pack: %w", err)
	}
	return buf.Bytes(), nil
}

// Pages is how many pages the file has so far.
func (w *Writer) Pages() int { return w.pdf.PageNo() }

// numberPages writes "Page 2 of 9" at the foot of each page, once the number of pages of
// each pack is known (so no placeholder is measured in place of the number).
func (w *Writer) numberPages() {
	last := w.pdf.PageNo()
	for i, p := range w.packs {
		end := last
		if i+1 < len(w.packs) {
			end = w.packs[i+1].first - 1
		}
		w.tr, w.rtl = p.tr, p.tr.Dir() == "rtl"
		for page := p.first; page <= end; page++ {
			w.pdf.SetPage(page)
			w.pdf.SetY(-footerHeight)
			w.centred(p.tr.T("pack.page", "Page", page-p.first+1, "Pages", end-p.first+1), p.size, "")
		}
	}
	w.pdf.SetPage(last)
}

func (w *Writer) gap() { w.pdf.Ln(w.size * 0.25) }

// lineHeight is the height of a line of text of a size in points, in millimetres, with
// leading.
func lineHeight(size float64) float64 { return size * 0.55 }

// room turns the page unless there are h millimetres left above the footer.
func (w *Writer) room(h float64) {
	_, pageHeight := w.pdf.GetPageSize()
	if w.pdf.GetY()+h > pageHeight-margin {
		w.pdf.AddPage()
	}
}

// textWidth is the width between the margins.
func (w *Writer) textWidth() float64 {
	pageWidth, _ := w.pdf.GetPageSize()
	left, _, right, _ := w.pdf.GetMargins()
	return pageWidth - left - right
}

// startX is the x of the side a line starts on (left, or right in a right-to-left pack),
// indent millimetres in.
func (w *Writer) startX(indent float64) float64 {
	left, _, _, _ := w.pdf.GetMargins()
	if w.rtl {
		return left + w.textWidth() - indent
	}
	return left + indent
}

// paragraph wraps text into lines that fit the page, in logical order, and writes each,
// indent millimetres in from the side lines start on. Each word is measured once.
func (w *Writer) paragraph(text string, size float64, style string, indent float64) {
	room := w.textWidth() - indent
	space := w.width(" ", size, style)
	for _, para := range strings.Split(text, "\n") {
		var line []string
		used := 0.0
		// Split at spaces only: a no-break space keeps a phone number on one line.
		for _, word := range strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || r == '\t' }) {
			ww := w.width(word, size, style)
			if len(line) > 0 && used+space+ww > room {
				w.lineAt(strings.Join(line, " "), used, size, style, indent)
				line, used = line[:0], 0
			}
			if len(line) > 0 {
				used += space
			}
			line = append(line, word)
			used += ww
		}
		w.lineAt(strings.Join(line, " "), used, size, style, indent)
	}
}

// lineAt draws one line of a paragraph, of a measured width, from the start side.
func (w *Writer) lineAt(text string, width, size float64, style string, indent float64) {
	w.room(lineHeight(size))
	x := w.startX(indent)
	if w.rtl {
		x -= width
	}
	w.at(x, text, size, style)
	w.pdf.Ln(lineHeight(size))
}

// centred draws one line in the middle of the page.
func (w *Writer) centred(text string, size float64, style string) {
	left, _, _, _ := w.pdf.GetMargins()
	w.at(left+(w.textWidth()-w.width(text, size, style))/2, text, size, style)
}

// at draws text from x on the current line, run by run, without moving down.
func (w *Writer) at(x float64, text string, size float64, style string) {
	w.pdf.SetX(x)
	for _, r := range w.runs(text) {
		w.font(r.arabic, size, style)
		w.pdf.CellFormat(w.pdf.GetStringWidth(r.text), lineHeight(size), r.text, "", 0, "L", false, 0, "")
	}
}

// run is part of a line set in one font.
type run struct {
	text   string
	arabic bool
}

// runs splits a line, in the order it is drawn left to right, into runs of one font; in a
// right-to-left pack the line is shaped and put in visual order first. A space joins the
// run it follows.
func (w *Writer) runs(text string) []run {
	if w.rtl {
		text = arabic.ForPDF(text)
	}
	var out []run
	start, inArabic := 0, false
	for i, r := range text {
		if r == ' ' {
			continue
		}
		if a := isArabic(r); i == 0 || a != inArabic {
			if i > start {
				out = append(out, run{text: text[start:i], arabic: inArabic})
			}
			start, inArabic = i, a
		}
	}
	if start < len(text) {
		out = append(out, run{text: text[start:], arabic: inArabic})
	}
	return out
}

// isArabic reports whether a character is set in the Arabic font: the Arabic script and the
// punctuation it shares with other scripts (، ؛ ؟ are "Common", not "Arabic", in Unicode).
func isArabic(r rune) bool {
	return unicode.Is(unicode.Arabic, r) || (r >= 0x0600 && r <= 0x06FF) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// addFont adds a family's regular and bold faces, from assets/fonts/FILE-Regular.ttf and
// FILE-Bold.ttf.
func addFont(pdf *fpdf.Fpdf, family, file string) error {
	for style, face := range map[string]string{"": "-Regular", "B": "-Bold"} {
		data, err := assets.Font(file + face)
		if err != nil {
			return fmt.Errorf("pack font %s%s: %w", file, face, err)
		}
		pdf.AddUTF8FontFromBytes(family, style, data)
	}
	return pdf.Error()
}

func (w *Writer) font(a bool, size float64, style string) {
	if a {
		// Most packs have no Arabic script: its font is read the first time it is needed.
		if !w.arabicLoaded {
			w.arabicLoaded = true
			if err := addFont(w.pdf, arabicFont, "NotoNaskhArabic"); err != nil {
				w.pdf.SetError(err)
			}
		}
		w.pdf.SetFont(arabicFont, style, size)
		return
	}
	w.pdf.SetFont(latinFont, style, size)
}

// width is how wide text is when drawn.
func (w *Writer) width(text string, size float64, style string) float64 {
	total := 0.0
	for _, r := range w.runs(text) {
		w.font(r.arabic, size, style)
		total += w.pdf.GetStringWidth(r.text)
	}
	return total
}

// noBreak keeps a phone number or a code on one line.
func noBreak(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

// TickBox writes a box to tick and what ticking it means.
func (w *Writer) TickBox(label string) {
	box := lineHeight(w.size) * 0.75
	w.room(lineHeight(w.size) * 1.3)
	x := w.startX(0)
	if w.rtl {
		x -= box
	}
	w.pdf.SetLineWidth(0.3)
	w.pdf.Rect(x, w.pdf.GetY()+lineHeight(w.size)*0.12, box, box, "D")
	w.paragraph(label, w.size, "", box+3)
	w.pdf.Ln(lineHeight(w.size) * 0.3)
}

// WritingLines draws lines to write on by hand, spaced for handwriting of the pack's size.
func (w *Writer) WritingLines(n int) {
	gap := lineHeight(w.size) * 1.9
	left, _, _, _ := w.pdf.GetMargins()
	w.pdf.SetDrawColor(120, 120, 120)
	w.pdf.SetLineWidth(0.2)
	for range n {
		w.room(gap)
		w.pdf.Ln(gap)
		y := w.pdf.GetY()
		w.pdf.Line(left, y, left+w.textWidth(), y)
	}
	w.pdf.SetDrawColor(0, 0, 0)
	w.pdf.Ln(lineHeight(w.size))
}
