// Package arabic prepares Arabic-script text (Arabic, Urdu) for PDF writers that neither shape
// nor reorder text, such as github.com/go-pdf/fpdf: they draw one glyph per code point, left
// to right. Shape picks each letter's joined form from Unicode's presentation forms, so the
// font's nominal glyph for that code point is already the right shape; Visual puts a line in
// the order it is to be drawn.
package arabic

//go:generate go run ./internal/gen -o tables.go

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// forms are the presentation form code points of one letter, or of a lam-alef ligature;
// 0 where Unicode encodes none.
type forms struct {
	isolated, final, initial, medial rune
}

// joining is how a character takes part in cursive joining (Unicode's Joining_Type).
type joining uint8

const (
	nonJoining   joining = iota // joins neither neighbour: hamza, space, Latin, digits
	rightJoining                // joins only the letter before it: alef, dal, reh, waw, yeh barree
	dualJoining                 // joins both neighbours: beh, seen, lam, keheh, farsi yeh
	joinCausing                 // joins both neighbours and keeps its own shape: tatweel, ZWJ
	transparent                 // is skipped when deciding how its neighbours join: harakat
)

const (
	lam     = 'ل'
	tatweel = 'ـ'
	zwnj    = '\u200C' // zero width non-joiner: asks for a break in joining
	zwj     = '\u200D' // zero width joiner: asks for joining
)

// joiningOf gives a letter the joining its presentation forms allow, which is Unicode's
// Joining_Type for every letter in the tables but noon ghunna (ں): Unicode has it join both
// ways, but encodes only its isolated and final forms, and those are all we can draw. For
// the same reason a letter with no presentation forms at all (such as ۃ) is non-joining
// here, so its neighbours do not reach for a join it cannot show.
func joiningOf(r rune) joining {
	if f, ok := letterForms[r]; ok {
		switch {
		case f.initial != 0 && f.medial != 0:
			return dualJoining
		case f.final != 0:
			return rightJoining
		}
		return nonJoining
	}
	switch {
	case r == tatweel || r == zwj:
		return joinCausing
	case r == zwnj || unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return nonJoining
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return transparent
	}
	return nonJoining
}

// joinsNext says whether a character of this joining reaches to the character after it.
func (j joining) joinsNext() bool { return j == dualJoining || j == joinCausing }

// joinsPrevious says whether a character of this joining reaches to the character before it.
func (j joining) joinsPrevious() bool {
	return j == dualJoining || j == rightJoining || j == joinCausing
}

// Shape replaces each Arabic letter of s by its contextual presentation form (isolated,
// initial, medial or final), following Unicode's joining rules, and lam followed by an alef
// by the lam-alef ligature. Harakat and other marks are kept where they are and do not break
// joining, with one exception: marks between lam and alef (لًا) are written after the
// ligature, which is a single code point. Letters without presentation forms and all other
// characters are kept as they are. s must be in logical order.
func Shape(s string) string {
	runes := []rune(s)
	types := make([]joining, len(runes))
	for i, r := range runes {
		types[i] = joiningOf(r)
	}
	// neighbour is the index of the nearest character in direction step that is not
	// transparent, or -1.
	neighbour := func(i, step int) int {
		for i += step; i >= 0 && i < len(runes); i += step {
			if types[i] != transparent {
				return i
			}
		}
		return -1
	}

	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(runes); i++ {
		f, ok := letterForms[runes[i]]
		if !ok {
			b.WriteRune(runes[i])
			continue
		}
		prev, next := neighbour(i, -1), neighbour(i, 1)
		joinsPrevious := types[i].joinsPrevious() && prev >= 0 && types[prev].joinsNext()
		if runes[i] == lam && next >= 0 {
			if ligature, ok := lamAlefForms[runes[next]]; ok {
				if joinsPrevious {
					b.WriteRune(ligature.final)
				} else {
					b.WriteRune(ligature.isolated)
				}
				b.WriteString(string(runes[i+1 : next]))
				i = next
				continue
			}
		}
		joinsNext := types[i].joinsNext() && next >= 0 && types[next].joinsPrevious()
		switch {
		case joinsPrevious && joinsNext:
			b.WriteRune(f.medial)
		case joinsPrevious:
			b.WriteRune(f.final)
		case joinsNext:
			b.WriteRune(f.initial)
		default:
			b.WriteRune(f.isolated)
		}
	}
	return b.String()
}

// direction is where a character of a line goes when the line is put in visual order.
type direction uint8

const (
	neutral direction = iota // not yet known: spaces, punctuation
	rtl                      // in a right-to-left run: Arabic letters
	ltr                      // in a left-to-right run: Latin letters and all digits
)

// Directional isolates. The portal's messages wrap phone numbers and web addresses in
// LRI ... PDI so that browsers keep them left to right.
const (
	lri = '\u2066' // left-to-right isolate
	rli = '\u2067' // right-to-left isolate
	fsi = '\u2068' // first strong isolate: direction of its first letter
	pdi = '\u2069' // pop directional isolate: ends an isolate
)

// Visual puts one line of text, in logical order, in the order it is drawn from left to
// right, for a right-to-left paragraph. Draw the result right-aligned. Shape first: joining
// depends on logical order.
//
// It is a simplified Unicode Bidirectional Algorithm for one line at paragraph level 1:
//   - Latin (and other left-to-right) letters and digits, European or Arabic-Indic, form
//     left-to-right runs; Arabic letters form right-to-left runs. A mark goes with the
//     character before it.
//   - Spaces and punctuation between two left-to-right characters belong to the
//     left-to-right run, so "024 7683 1042", "0800 1111" and "TC-7KQ4MX" keep their order.
//     (Unicode would put the groups of a phone number in right-to-left order.) Currency and
//     percent signs next to a digit go with the digit ("50%", "£20").
//   - A pair of brackets takes the direction of what it encloses when that is Arabic, or
//     when it is Latin and the text before the pair is Latin too; otherwise it is
//     right-to-left (Unicode's rule N0).
//   - Other spaces and punctuation are right-to-left.
//   - Text in a directional isolate (LRI, RLI or FSI ... PDI) is laid out by the same rules
//     in its own direction, and placed as one neutral character.
//   - Runs are drawn last to first; right-to-left runs are reversed, and their mirrored
//     characters (brackets, angle quotes) swapped for their mirror images.
//   - Bidi controls (isolates, LRM, RLM, ALM, embeddings) are left out of the result: they
//     have no visible form, and the PDF would draw them as missing glyphs.
//
// It does not interpret explicit embeddings and overrides (U+202A–U+202E), it lays out
// exactly one line, and where it departs from Unicode (digits count as left-to-right
// letters; a space between two numbers does not split them) it does so on purpose, for
// phone numbers and references. Marks end up before their base in a reversed run: fonts
// such as Noto Naskh Arabic draw them with no advance, over the start of the glyph that
// follows, which is their base. Their placement is approximate, as nothing here positions
// marks.
func Visual(s string) string {
	return string(layout([]rune(s), rtl))
}

// ForPDF prepares one line of right-to-left text for fpdf: Visual(Shape(line)). Wrap text
// into lines first, in logical order, then call ForPDF for each line; the result is to be
// drawn right-aligned. Noto Naskh Arabic has no Latin letters and no ( ) - " ' @, so those
// need a second font.
func ForPDF(line string) string {
	return Visual(Shape(line))
}

// unit is one character of a line, or a whole directional isolate, which the text around
// it treats as a single neutral character.
type unit struct {
	r       rune
	isolate *isolate
}

type isolate struct {
	runes []rune
	dir   direction
}

// layout returns runes in visual order, for a paragraph of direction base.
func layout(runes []rune, base direction) []rune {
	units := splitIsolates(runes)
	dirs := directions(units, base)

	var runs [][2]int // start and end of each run of one direction, in logical order
	for start := 0; start < len(units); {
		end := start + 1
		for end < len(units) && dirs[end] == dirs[start] {
			end++
		}
		runs = append(runs, [2]int{start, end})
		start = end
	}
	if base == rtl {
		slices.Reverse(runs)
	}

	out := make([]rune, 0, len(runes))
	add := func(u unit, mirrored bool) {
		switch {
		case u.isolate != nil:
			out = append(out, layout(u.isolate.runes, u.isolate.dir)...)
		case unicode.Is(unicode.Bidi_Control, u.r):
		case mirrored:
			out = append(out, mirror(u.r))
		default:
			out = append(out, u.r)
		}
	}
	for _, run := range runs {
		if dirs[run[0]] == ltr {
			for i := run[0]; i < run[1]; i++ {
				add(units[i], false)
			}
		} else {
			for i := run[1] - 1; i >= run[0]; i-- {
				add(units[i], true)
			}
		}
	}
	return out
}

// splitIsolates makes each isolate of runes, up to its PDI or the end of the line, one unit.
func splitIsolates(runes []rune) []unit {
	units := make([]unit, 0, len(runes))
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r != lri && r != rli && r != fsi {
			units = append(units, unit{r: r})
			continue
		}
		end := i + 1
		for depth := 1; end < len(runes); end++ {
			switch runes[end] {
			case lri, rli, fsi:
				depth++
			case pdi:
				depth--
			}
			if depth == 0 {
				break
			}
		}
		inner := runes[i+1 : end]
		units = append(units, unit{isolate: &isolate{runes: inner, dir: isolateDirection(r, inner)}})
		i = end
	}
	return units
}

// isolateDirection is the direction of the text in an isolate opened by opener.
func isolateDirection(opener rune, inner []rune) direction {
	switch opener {
	case lri:
		return ltr
	case rli:
		return rtl
	}
	for _, r := range inner {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return ltr
		case bidi.R, bidi.AL:
			return rtl
		}
	}
	return ltr
}

// directions resolves the direction of every unit of a line; see Visual.
func directions(units []unit, base direction) []direction {
	dirs := make([]direction, len(units))
	classes := make([]bidi.Class, len(units))
	for i, u := range units {
		if u.isolate != nil {
			classes[i] = bidi.ON
			continue
		}
		p, _ := bidi.LookupRune(u.r)
		classes[i] = p.Class()
		switch classes[i] {
		case bidi.R, bidi.AL:
			dirs[i] = rtl
		case bidi.L, bidi.EN, bidi.AN:
			dirs[i] = ltr
		case bidi.NSM:
			if i == 0 {
				dirs[i] = base
			} else {
				dirs[i] = dirs[i-1]
			}
		}
	}

	// Signs such as % and £ (European terminators) go with the number they touch.
	for start := 0; start < len(units); {
		if classes[start] != bidi.ET {
			start++
			continue
		}
		end := start
		for end < len(units) && classes[end] == bidi.ET {
			end++
		}
		if (start > 0 && isDigit(classes[start-1])) || (end < len(units) && isDigit(classes[end])) {
			for i := start; i < end; i++ {
				dirs[i] = ltr
			}
		}
		start = end
	}

	resolveBrackets(units, dirs, base)

	// Neutrals between two characters of one direction take that direction; all others take
	// the paragraph's.
	for start := 0; start < len(units); {
		if dirs[start] != neutral {
			start++
			continue
		}
		end := start
		for end < len(units) && dirs[end] == neutral {
			end++
		}
		d := base
		if start > 0 && end < len(units) && dirs[start-1] == dirs[end] {
			d = dirs[end]
		}
		for i := start; i < end; i++ {
			dirs[i] = d
		}
		start = end
	}
	return dirs
}

func isDigit(c bidi.Class) bool { return c == bidi.EN || c == bidi.AN }

// closers maps the brackets Visual pairs, opening to closing.
var closers = map[rune]rune{'(': ')', '[': ']', '{': '}'}

// maxBracketDepth bounds the open brackets tracked, as Unicode's algorithm does.
const maxBracketDepth = 63

// resolveBrackets gives each matched pair of brackets a direction, following Unicode's
// rule N0.
func resolveBrackets(units []unit, dirs []direction, base direction) {
	var open []int // positions of unmatched opening brackets
	for i, u := range units {
		if u.isolate != nil {
			continue
		}
		if _, ok := closers[u.r]; ok {
			if len(open) == maxBracketDepth {
				return
			}
			open = append(open, i)
			continue
		}
		for k := len(open) - 1; k >= 0; k-- {
			if closers[units[open[k]].r] == u.r {
				opener := open[k]
				open = open[:k]
				if d := bracketDirection(dirs, opener, i, base); d != neutral {
					dirs[opener], dirs[i] = d, d
				}
				break
			}
		}
	}
}

// bracketDirection is the direction for brackets at opener and closer, or neutral when they
// enclose no strong character: the paragraph's direction if they enclose a character of
// that direction, else the other direction if the text before them has it too.
func bracketDirection(dirs []direction, opener, closer int, base direction) direction {
	inside := neutral
	for _, d := range dirs[opener+1 : closer] {
		if d == base {
			return base
		}
		if d != neutral {
			inside = d
		}
	}
	if inside == neutral {
		return neutral
	}
	for i := opener - 1; i >= 0; i-- {
		if dirs[i] != neutral {
			return dirs[i]
		}
	}
	return base
}

// mirrors pairs characters that a right-to-left run draws as each other's mirror image.
var mirrors = map[rune]rune{
	'(': ')', ')': '(',
	'[': ']', ']': '[',
	'{': '}', '}': '{',
	'<': '>', '>': '<',
	'«': '»', '»': '«',
	'‹': '›', '›': '‹',
}

func mirror(r rune) rune {
	if m, ok := mirrors[r]; ok {
		return m
	}
	return r
}
