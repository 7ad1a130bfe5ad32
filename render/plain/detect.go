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
}

// KindUnexplained is the kind of a finding for an acronym the glossary does not know and the
// text does not explain.
const KindUnexplained = "unexplained_acronym"

// token is a run of letters or of digits ("s47" is "s" and "47"), with its place in the text.
type token struct {
	text       string
	start, end int  // code points
	bStart     int  // bytes
	bEnd       int  // bytes
	possessive bool // the "s" of "IRO's"
	gluedLeft  bool // touches a letter or digit before it: "47" in "s47"
	gluedRight bool // touches a letter or digit after it
	notAcronym bool // capitals that are part of a reference (PL-77) or a shouted heading
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits text into tokens in one pass.
func tokenize(text string, toks []token) []token {
	toks = toks[:0]
	runeAt, inTok, tokDigit := 0, false, false
	var cur token
	prev := rune(-1)
	for b, r := range text {
		word := isWordRune(r)
		digit := unicode.IsDigit(r)
		if inTok && (!word || digit != tokDigit) {
			cur.end, cur.bEnd = runeAt, b
			cur.text = text[cur.bStart:cur.bEnd]
			cur.gluedRight = word
			toks = append(toks, cur)
			inTok = false
		}
		if word && !inTok {
			cur = token{start: runeAt, bStart: b, gluedLeft: prev >= 0 && isWordRune(prev)}
			// The "s" of a possessive: "IRO's", "Mimi’s".
			if n := len(toks); n > 0 && isApostrophe(prev) && toks[n-1].end == runeAt-1 && (r == 's' || r == 'S') {
				cur.possessive = true
			}
			inTok, tokDigit = true, digit
		}
		prev = r
		runeAt++
	}
	if inTok {
		cur.end, cur.bEnd = runeAt, len(text)
		cur.text = text[cur.bStart:]
		toks = append(toks, cur)
	}
	for i := range toks {
		if toks[i].possessive && toks[i].end-toks[i].start != 1 {
			toks[i].possessive = false // "IRO'say" is not a possessive
		}
	}
	return toks
}

// trieNode is one step of the automaton: tokens, lower-cased, lead from node to node; a
// node where a variant ends lists it.
type trieNode struct {
	next map[string]*trieNode
	ends []*variant
}

func newTrieNode() *trieNode { return &trieNode{next: map[string]*trieNode{}} }

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
		v.tokens = append(v.tokens, t.text)
		if k > 0 {
			v.apostrophe = append(v.apostrophe, strings.ContainsAny(written[toks[k-1].bEnd:t.bStart], "'’"))
		}
		key := strings.ToLower(t.text)
		child, ok := node.next[key]
		if !ok {
			child = newTrieNode()
			node.next[key] = child
		}
		node = child
	}
	node.ends = append(node.ends, v)
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
	consider := func(v *variant, last int, plural string) {
		if toks[last].gluedRight && plural == "" {
			return
		}
		if !v.fits(text, toks, i, last, plural) {
			return
		}
		if !found || len(v.tokens) > len(best.v.tokens) || (len(v.tokens) == len(best.v.tokens) && len(v.written) > len(best.v.written)) {
			best, found = match{v: v, last: last}, true
		}
	}
	node := g.root
	var lower strings.Builder
	for k := i; k < len(toks) && node != nil; k++ {
		if k > i && !gapOK(text[toks[k-1].bEnd:toks[k].bStart]) {
			break
		}
		t := toks[k].text
		lower.Reset()
		for _, r := range t {
			lower.WriteRune(unicode.ToLower(r))
		}
		key := lower.String()
		// Plurals end a variant here: ICPCs -> ICPC, enquiries -> enquiry.
		for _, p := range plurals {
			if stem, ok := strings.CutSuffix(key, p.suffix); ok && stem != "" {
				if end, ok := node.next[stem+p.stemEnd]; ok {
					for _, v := range end.ends {
						consider(v, k, p.suffix)
					}
				}
			}
		}
		node = node.next[key]
		if node != nil {
			for _, v := range node.ends {
				consider(v, k, "")
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
		got := toks[first+k].text
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
// not looked at again.
func (g *Glossary) Find(text string) []Finding {
	toks := tokenize(text, make([]token, 0, len(text)/5+1))
	var out []Finding
	explained := explainedAcronyms(text)
	markNotAcronyms(text, toks)
	for i := 0; i < len(toks); i++ {
		if m, ok := g.longestAt(text, toks, i); ok {
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
		if g.unexplainedAcronym(toks[i], explained) {
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
		Start: toks[first].start, End: toks[last].end,
		Text: text[toks[first].bStart:toks[last].bEnd], Kind: kind, Entry: e,
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
	between := runeSlice(text, prev.End, f.Start)
	return strings.TrimSpace(between) == "("
}

// runeSlice returns text between two code point offsets.
func runeSlice(text string, from, to int) string {
	b, i := 0, 0
	start := -1
	for b < len(text) {
		if i == from {
			start = b
		}
		if i == to {
			break
		}
		_, n := utf8.DecodeRuneInString(text[b:])
		b += n
		i++
	}
	if start < 0 {
		return ""
	}
	return text[start:b]
}
