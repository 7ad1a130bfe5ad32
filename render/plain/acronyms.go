package plain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// everyoneKnows are capitals every reader knows, and short English words written in capitals
// for emphasis or in headings: never flagged as unexplained acronyms.
var everyoneKnows = func() map[string]bool {
	words := strings.Fields(`
		UK NHS GP GPS TV BBC OK ID PE MP USA EU DVD PC IT ICT SAT SATS GCSE BTEC DNA CCTV NI PIN SMS
		PDF LGBT LGBTQ ADHD ASD ESOL AM PM WIFI FAQ CV RE PS UN USB URL IQ MBE OBE UCAS TBC ASAP
		II III IV VI VII VIII IX XI XII
		A AN AS AT BE BY DO GO HE IF IN IS ME MY NO OF ON OR SO TO UP US WE
		ALL AND ANY ARE BUT CAN DAD DID FOR GET HAD HAS HER HIM HIS HOW ITS LET MAY MUM NEW NOT NOW
		OFF OLD ONE OUR OUT OWN SAY SEE SHE THE TOO TWO WAS WAY WHO WHY YES YET YOU
		ALSO BEEN BOTH CALL CARE DATE DONE EACH FROM GIVE GOOD HAVE HELP HERE HOME INTO JUST KEEP
		KNOW LIKE MADE MAKE MORE MOST MUST NAME NEED NEXT NOTE ONLY OVER PLAN SAFE SAID SOME SUCH
		TAKE TELL THAN THAT THEM THEN THEY THIS TIME VERY WANT WELL WERE WHAT WHEN WILL WITH WORK
		YEAR YOUR ABOUT AFTER AGAIN CHILD DRAFT EVERY FIRST NEVER NOTES OTHER PLANS SHALL STILL
		THEIR THERE THESE THING THREE UNDER WHERE WHICH WHILE WOULD
		ACTION AGREED BEFORE FAMILY PLEASE REVIEW SCHOOL SHOULD URGENT UPDATE PARENT NOTICE`)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}()

// startsWithTwoCapitals is a quick test that rules out most words before acronymCore.
func startsWithTwoCapitals(s string) bool {
	return len(s) >= 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

// acronymCore returns the capitals of a would-be acronym (HRA, or HRAs in the plural), or "".
func acronymCore(word string) string {
	core := word
	if n := len(word); n > 2 && word[n-1] == 's' {
		core = word[:n-1]
	}
	if len(core) < 2 || len(core) > 6 {
		return ""
	}
	for i := 0; i < len(core); i++ {
		if core[i] < 'A' || core[i] > 'Z' {
			return ""
		}
	}
	return core
}

// unexplainedAcronym reports whether a token is an acronym the reader may not know: two to
// six capitals the glossary does not hold, that everyone does not know, that the text does
// not explain, and that is not part of a reference or postcode (PL-77, CV1 2AB).
func (g *Glossary) unexplainedAcronym(text string, t *token, explained map[string]bool) bool {
	word := t.in(text)
	if !startsWithTwoCapitals(word) || t.gluedLeft || t.gluedRight || t.notAcronym {
		return false
	}
	core := acronymCore(word)
	return core != "" && !g.caps[core] && !everyoneKnows[core] && !explained[core]
}

// markNotAcronyms marks capitals that are not acronyms: a reference joined to its number by a
// hyphen or slash (PL-77, M/3), and the words of a heading or a shouted phrase, three or more
// words in capitals in a row ("PLEASE DO NOT SHARE").
func markNotAcronyms(text string, toks []token) {
	capitals := func(t token) bool {
		word := t.in(text)
		return ('A' <= word[0] && word[0] <= 'Z' || word[0] >= 0x80) && isCapitalsWord(word)
	}
	isDigits := func(t token) bool { return text[t.bStart] >= '0' && text[t.bStart] <= '9' }
	gap := func(i int) string { return text[toks[i].bEnd:toks[i+1].bStart] }
	for i := 0; i+1 < len(toks); i++ {
		if g := gap(i); (g == "-" || g == "/" || g == "–") && isDigits(toks[i+1]) {
			toks[i].notAcronym = true
		}
	}
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && capitals(toks[j]) && (j == i || strings.Trim(gap(j-1), " ") == "") {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				toks[k].notAcronym = true
			}
		}
		i = max(j, i+1)
	}
}

// explainedAcronyms finds the acronyms a text explains in brackets, either way round:
// "Human Rights Act (HRA)" or "HRA (Human Rights Act)". The words must be a long form of
// the acronym (see definesAcronym), so "ICO (2021)" and "under Article 8 (ECHR)" explain
// nothing.
func explainedAcronyms(text string) map[string]bool {
	var out map[string]bool
	mark := func(acronym string) {
		if out == nil {
			out = map[string]bool{}
		}
		out[acronym] = true
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '(' {
			continue
		}
		// An explanation is a few words: look no further than this for its end.
		closing := strings.IndexByte(text[i:min(len(text), i+maxExplanation)], ')')
		if closing < 0 {
			continue
		}
		inside := strings.TrimSpace(text[i+1 : i+closing])
		before := strings.TrimRight(text[:i], " \t\n")
		// "Human Rights Act (HRA)": the words before the bracket.
		if core := acronymCore(inside); core != "" {
			window := min(len(core)+5, 2*len(core))
			if definesAcronym(core, lastWords(before, window)) {
				mark(core)
			}
		}
		// "HRA (Human Rights Act)": the words inside it.
		tail := before[max(0, len(before)-maxExplanation):]
		k := strings.LastIndexFunc(tail, func(r rune) bool { return !isWordRune(r) })
		if core := acronymCore(tail[k+1:]); core != "" && definesAcronym(core, inside) {
			mark(core)
		}
	}
	return out
}

// maxExplanation is how many bytes an acronym's explanation may take, either side.
const maxExplanation = 160

// lastWords returns the last n words of text, looking back no further than maxExplanation
// bytes so that a text full of brackets is still read in linear time.
func lastWords(text string, n int) string {
	from := max(0, len(text)-maxExplanation)
	inWord := false
	for j := len(text); j > from; {
		r, size := utf8.DecodeLastRuneInString(text[from:j])
		space := unicode.IsSpace(r)
		if space && inWord {
			if n--; n == 0 {
				return text[j:]
			}
		}
		inWord = !space
		j -= size
	}
	return text[from:]
}

// definesAcronym is Schwartz and Hearst's test (2003) of whether long is the long form of an
// acronym: going backwards, each of the acronym's letters is found in long in order, and the
// first one begins a word. "Police powers of protection" defines PPO; "under Article 8" does
// not define ECHR.
func definesAcronym(acronym, long string) bool {
	long = strings.TrimSpace(long)
	if !strings.ContainsFunc(long, unicode.IsSpace) || !strings.ContainsFunc(long, unicode.IsLetter) {
		return false // one word, or no words at all ("2021")
	}
	j := len(long)
	for i := len(acronym) - 1; i >= 0; i-- {
		c := unicode.ToLower(rune(acronym[i]))
		for {
			if j <= 0 {
				return false
			}
			r, n := utf8.DecodeLastRuneInString(long[:j])
			j -= n
			if unicode.ToLower(r) != c {
				continue
			}
			if prev, _ := utf8.DecodeLastRuneInString(long[:j]); i > 0 || j == 0 || !isWordRune(prev) {
				break
			}
		}
	}
	return true
}
