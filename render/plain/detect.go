package plain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding is a glossary term, or an acronym nobody explained, found in a text. Start and End
// are offsets in Unicode code points, End exclusive.
type Finding struct {
	Start, End int
	Text       string
	Kind       string // acronym, legal, jargon, role, service, or unexplained_acronym
	Entry      *Entry // nil for an unexplained acronym
	bStart     int    // byte offsets of Start and End
	bEnd       int
}

// KindUnexplained is the kind of a finding for an acronym the glossary does not know and the
// text does not explain.
const KindUnexplained = "unexplained_acronym"

// token is a run of letters or of digits ("s47" is "s" and "47"), with its place in the text.
type token struct {
	lower      string // the token in lower case: the automaton's key
	start, end int32  // code points
	bStart     int32  // bytes
	bEnd       int32  // bytes
	possessive bool   // the "s" of "IRO's"
	gluedLeft  bool   // touches a letter or digit before it: "47" in "s47"
	gluedRight bool   // touches a letter or digit after it
	notAcronym bool   // capitals that are part of a reference (PL-77) or a shouted heading
}

// in returns the token as written in text.
func (t *token) in(text string) string { return text[t.bStart:t.bEnd] }

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isCapitalsWord reports whether a word has letters and all of them are capitals.
func isCapitalsWord(s string) bool {
	letters := false
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters = true
		}
	}
	return letters
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Character classes for the ASCII fast path of tokenize.
const (
	other = iota
	lowerLetter
	upperLetter
	digit
)

var asciiClass = func() (c [128]uint8) {
	for r := 'a'; r <= 'z'; r++ {
		c[r] = lowerLetter
	}
	for r := 'A'; r <= 'Z'; r++ {
		c[r] = upperLetter
	}
	for r := '0'; r <= '9'; r++ {
		c[r] = digit
	}
	return c
}()

// classOf sorts a character: letter (lower or not), digit, or other.
func classOf(r rune) uint8 {
	switch {
	case r < 0x80:
		return asciiClass[r]
	case unicode.IsDigit(r):
		return digit
	case unicode.IsLower(r):
		return lowerLetter
	case unicode.IsLetter(r):
		return upperLetter // any other letter: lower-cased by strings.ToLower
	}
	return other
}

// lowerASCII returns text with A-Z in lower case and every other byte as it was, so that
// byte offsets into it are offsets into text.
func lowerASCII(text string) string {
	for i := 0; i < len(text); i++ {
		if c := text[i]; 'A' <= c && c <= 'Z' {
			b := []byte(text)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return text
}

// tokenize splits text into tokens in one pass, reusing toks. ASCII runs are scanned a byte
// at a time from a table; other characters are decoded and classed by package unicode.
func tokenize(text string, toks []token) []token {
	toks = toks[:0]
	lowered := lowerASCII(text)
	next := func(b int) (rune, int, uint8) {
		if c := text[b]; c < 0x80 {
			return rune(c), 1, asciiClass[c]
		}
		r, n := utf8.DecodeRuneInString(text[b:])
		return r, n, classOf(r)
	}
	prevWord, prevApostrophe := false, false
	runeAt := 0
	for b := 0; b < len(text); {
		r, n, class := next(b)
		if class == other {
			prevWord, prevApostrophe = false, isApostrophe(r)
			b += n
			runeAt++
			continue
		}
		toks = append(toks, token{start: int32(runeAt), bStart: int32(b), gluedLeft: prevWord})
		cur := &toks[len(toks)-1]
		// The "s" of a possessive: "IRO's", "Mimi’s".
		if k := len(toks) - 1; k > 0 && prevApostrophe && int(toks[k-1].end) == runeAt-1 && (r == 's' || r == 'S') {
			cur.possessive = true
		}
		isDigits := class == digit
		needsLower := class == upperLetter && r >= 0x80
		b += n
		runeAt++
		for b < len(text) {
			if c := text[b]; c < 0x80 {
				if cl := asciiClass[c]; cl == other || (cl == digit) != isDigits {
					break
				}
				b++
				runeAt++
				continue
			}
			r, n, cl := next(b)
			if cl == other || (cl == digit) != isDigits {
				break
			}
			needsLower = needsLower || (cl == upperLetter && r >= 0x80)
			b += n
			runeAt++
		}
		cur.end, cur.bEnd = int32(runeAt), int32(b)
		cur.lower = lowered[cur.bStart:b]
		if needsLower {
			cur.lower = strings.ToLower(text[cur.bStart:b]) // a capital outside ASCII
		}
		if b < len(text) {
			_, _, cl := next(b)
			cur.gluedRight = cl != other
		}
		if cur.possessive && cur.end-cur.start != 1 {
			cur.possessive = false // "IRO'say" is not a possessive
		}
		prevWord, prevApostrophe = true, false
	}
	return toks
}

// trieNode is one step of the automaton: tokens, lower-cased, lead from node to node; a
// node where a variant ends lists it.
type trieNode struct {
	next map[string]*trieNode
	ends []variantEnd
}

// variantEnd is a variant that ends at a node, written in the singular or with a plural
// ending ("ICPCs" reaches the node of "icpcs", an end of ICPC with plural "s").
type variantEnd struct {
	v      *variant
	plural string
}

func newTrieNode() *trieNode { return &trieNode{next: map[string]*trieNode{}} }

// child returns the node key leads to, making it if needed.
func (n *trieNode) child(key string) *trieNode {
	c, ok := n.next[key]
	if !ok {
		c = newTrieNode()
		n.next[key] = c
	}
	return c
}

// variant is one written form of an entry.
type variant struct {
	entry      *Entry
	written    string
	tokens     []string // as written, for capitals variants matched in exact case
	apostrophe []bool   // apostrophe[k]: the gap before token k+1 holds an apostrophe
	capitals   bool
}

func (g *Glossary) add(e *Entry, written string) error {
	toks := tokenize(written, nil)
	if len(toks) == 0 {
		return fmt.Errorf("variant %q has no words", written)
	}
	v := &variant{entry: e, written: written, capitals: isCapitals(written)}
	node := g.root
	for k, t := range toks {
		v.tokens = append(v.tokens, t.in(written))
		if k > 0 {
			v.apostrophe = append(v.apostrophe, strings.ContainsAny(written[toks[k-1].bEnd:t.bStart], "'’"))
		}
		if k == len(toks)-1 {
			// The plural ends here too: enquiry -> enquiries, ICPC -> ICPCs.
			for _, p := range plurals {
				if stem, ok := strings.CutSuffix(t.lower, p.stemEnd); ok && stem != "" {
					end := node.child(stem + p.suffix)
					end.ends = append(end.ends, variantEnd{v: v, plural: p.suffix})
				}
			}
		}
		node = node.child(t.lower)
	}
	node.ends = append(node.ends, variantEnd{v: v})
	if v.capitals && len(toks) == 1 {
		g.caps[written] = true
	}
	return nil
}

// gapOK reports whether the text between two tokens may sit inside one term: spaces, line
// breaks, hyphens, dots and apostrophes (s.47, section-47, "child protection\nconference").
func gapOK(gap string) bool {
	for _, r := range gap {
		switch {
		case r == ' ', r == '\t', r == '\n', r == '\r', r == '\u00a0', r == '-', r == '‐', r == '–', r == '.', isApostrophe(r):
		default:
			return false
		}
	}
	return true
}

// match is the longest variant that starts at token i.
type match struct {
	v    *variant
	last int // index of the variant's last token
}

// longestAt walks the automaton from token i. A term's last token may carry a plural
// ("ICPCs", "enquiries"); its first may not be glued to a letter or digit before it, nor its
// last to one after it, so terms are never found inside other words.
func (g *Glossary) longestAt(text string, toks []token, i int) (match, bool) {
	if toks[i].possessive || toks[i].gluedLeft {
		return match{}, false
	}
	var best match
	found := false
	node := g.root
	for k := i; k < len(toks); k++ {
		if k > i && !gapOK(text[toks[k-1].bEnd:toks[k].bStart]) {
			break
		}
		if node = node.next[toks[k].lower]; node == nil {
			break
		}
		if toks[k].gluedRight {
			continue // "SW1A": a term never ends inside a word
		}
		for _, end := range node.ends {
			v := end.v
			if !v.fits(text, toks, i, k, end.plural) {
				continue
			}
			if !found || len(v.tokens) > len(best.v.tokens) || (len(v.tokens) == len(best.v.tokens) && len(v.written) > len(best.v.written)) {
				best, found = match{v: v, last: k}, true
			}
		}
	}
	return best, found
}

var plurals = []struct{ suffix, stemEnd string }{{"s", ""}, {"es", ""}, {"ies", "y"}}

// fits checks what the automaton could not: the exact case of a capitals variant, and
// apostrophes where the variant has them and nowhere else.
func (v *variant) fits(text string, toks []token, first, last int, plural string) bool {
	for k := range v.apostrophe {
		gap := text[toks[first+k].bEnd:toks[first+k+1].bStart]
		if v.apostrophe[k] != strings.ContainsAny(gap, "'’") {
			return false
		}
	}
	if !v.capitals {
		return true
	}
	for k, want := range v.tokens {
		got := toks[first+k].in(text)
		if first+k == last && plural != "" {
			// The plural of a capitals variant is written in lower case: ICPCs, not ICPCS.
			stem, ok := strings.CutSuffix(got, plural)
			if !ok {
				return false
			}
			got = stem
		}
		if got != want {
			return false
		}
	}
	return true
}

// Find returns every glossary term and unexplained acronym in text, in order, in one pass:
// at each token the automaton takes the longest term starting there, and a term's tokens are
// not looked at again. An acronym the text defines itself ("PA (persistent absence)") is
// left alone, even when the glossary knows another meaning for it.
func (g *Glossary) Find(text string) []Finding {
	buf := g.tokens.Get().(*[]token)
	defer g.tokens.Put(buf)
	toks := tokenize(text, *buf)
	*buf = toks[:0]
	var out []Finding
	explained := explainedAcronyms(text)
	markNotAcronyms(text, toks)
	for i := 0; i < len(toks); i++ {
		if m, ok := g.longestAt(text, toks, i); ok && !(m.v.capitals && explained[m.v.written]) {
			last := m.last
			if last+1 < len(toks) && toks[last+1].possessive {
				last++
			}
			f := g.finding(text, toks, i, last, m.v.entry, kindOf(m.v))
			if !restatesPrevious(text, out, f) {
				out = append(out, f)
			}
			i = last
			continue
		}
		if g.unexplainedAcronym(text, &toks[i], explained) {
			last := i
			if last+1 < len(toks) && toks[last+1].possessive {
				last++
			}
			out = append(out, g.finding(text, toks, i, last, nil, KindUnexplained))
			i = last
		}
	}
	return out
}

func (g *Glossary) finding(text string, toks []token, first, last int, e *Entry, kind string) Finding {
	return Finding{
		Start: int(toks[first].start), End: int(toks[last].end),
		Text: text[toks[first].bStart:toks[last].bEnd], Kind: kind, Entry: e,
		bStart: int(toks[first].bStart), bEnd: int(toks[last].bEnd),
	}
}

// kindOf is what a worker is told a found variant is: an acronym when it was written as one,
// else its entry's kind ("initial child protection conference" is jargon, not an acronym).
func kindOf(v *variant) string {
	switch {
	case v.capitals:
		return KindAcronym
	case v.entry.Kind == KindAcronym:
		return KindJargon
	}
	return v.entry.Kind
}

// restatesPrevious reports whether f only repeats the term before it in brackets:
// "initial child protection conference (ICPC)" is one finding, not two.
func restatesPrevious(text string, out []Finding, f Finding) bool {
	if len(out) == 0 {
		return false
	}
	prev := out[len(out)-1]
	if prev.Entry == nil || prev.Entry != f.Entry {
		return false
	}
	return strings.TrimSpace(text[prev.bEnd:f.bStart]) == "("
}
