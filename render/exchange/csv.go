package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// bom starts the CSV files the portal writes: without it Excel reads UTF-8 as the Windows
// code page and shows Urdu or Arabic as rubbish.
var bom = []byte("\xef\xbb\xbf")

// WriteCSV writes units as a CSV file with the columns id, english and lang.
func WriteCSV(w io.Writer, lang string, units []Unit) error {
	if _, err := w.Write(bom); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, and what Excel writes
	if err := cw.Write([]string{"id", "english", lang}); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, u := range units {
		if err := cw.Write([]string{u.ID, u.Source, u.Target}); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// ReadCSV reads a CSV file written by WriteCSV and edited by a translator: with or without
// the byte order mark, with LF or CRLF line ends. It returns the language of the third
// column. Rows that are entirely blank are skipped, as spreadsheets add them.
func ReadCSV(r io.Reader) (lang string, units []Unit, err error) {
	br := bufio.NewReader(r)
	if start, _ := br.Peek(len(bom)); bytes.Equal(start, bom) {
		br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // counted below, to say which line is wrong in plain words

	header, line, err := readRow(cr)
	if errors.Is(err, io.EOF) {
		return "", nil, fmt.Errorf("%w: the file is empty", ErrInvalid)
	}
	if err != nil {
		return "", nil, err
	}
	if lang, err = readHeader(header, line); err != nil {
		return "", nil, err
	}

	firstLine := make(map[string]int)
	for {
		row, line, err := readRow(cr)
		if errors.Is(err, io.EOF) {
			return lang, units, nil
		}
		if err != nil {
			return "", nil, err
		}
		if blank(row) {
			continue
		}
		if len(row) != 3 {
			return "", nil, fmt.Errorf("%w: line %d: expected 3 columns (id, english, %s), found %d", ErrInvalid, line, lang, len(row))
		}
		id := strings.TrimSpace(row[0])
		if id == "" {
			return "", nil, fmt.Errorf("%w: line %d: the id column is empty", ErrInvalid, line)
		}
		if first, dup := firstLine[id]; dup {
			return "", nil, fmt.Errorf("%w: line %d: the id %s is on line %d too; each text must be there once", ErrInvalid, line, id, first)
		}
		firstLine[id] = line
		units = append(units, Unit{ID: id, Source: row[1], Target: row[2]})
	}
}

// readRow reads the next row and the line it starts on. Errors name that line.
func readRow(cr *csv.Reader) (row []string, line int, err error) {
	row, err = cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, 0, fmt.Errorf("%w: line %d: %w", ErrInvalid, pe.StartLine, pe.Err)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read CSV: %w", err)
	}
	line, _ = cr.FieldPos(0)
	for _, cell := range row {
		if !utf8.ValidString(cell) {
			return nil, 0, fmt.Errorf("%w: line %d: the text is not UTF-8; in Excel save the file as \"CSV UTF-8\"", ErrInvalid, line)
		}
	}
	return row, line, nil
}

// readHeader checks that the first row (on line) is id, english and a language code, and
// returns the code.
func readHeader(header []string, line int) (string, error) {
	if len(header) != 3 || !strings.EqualFold(strings.TrimSpace(header[0]), "id") || !strings.EqualFold(strings.TrimSpace(header[1]), "english") {
		return "", fmt.Errorf("%w: line %d: the first row should be the headings id, english and the language code (such as ur), not %q", ErrInvalid, line, strings.Join(header, ","))
	}
	lang := strings.TrimSpace(header[2])
	if _, err := language.Parse(lang); err != nil {
		return "", fmt.Errorf("%w: line %d: the third heading should be a language code such as ur, not %q", ErrInvalid, line, header[2])
	}
	return lang, nil
}

func blank(row []string) bool {
	for _, cell := range row {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}
