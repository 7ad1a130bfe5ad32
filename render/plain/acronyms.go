package plain

import "strings"

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
func (g *Glossary) unexplainedAcronym(t *token, explained map[string]bool) bool {
	if !startsWithTwoCapitals(t.text) || t.gluedLeft || t.gluedRight || t.notAcronym {
		return false
	}
	core := acronymCore(t.text)
	return core != "" && !g.caps[core] && !everyoneKnows[core] && !explained[core]
}

// markNotAcronyms marks capitals that are not acronyms: a reference joined to its number by a
// hyphen or slash (PL-77, M/3), and the words of a heading or a shouted phrase, three or more
// words in capitals in a row ("PLEASE DO NOT SHARE").
func markNotAcronyms(text string, toks []token) {
	capitals := func(t token) bool {
		c := t.text[0]
		return ('A' <= c && c <= 'Z' || c >= 0x80) && isCapitalsWord(t.text)
	}
	isDigits := func(t token) bool { return t.text[0] >= '0' && t.text[0] <= '9' }
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
// "Human Rights Act (HRA)" or "HRA (Human Rights Act)".
func explainedAcronyms(text string) map[string]bool {
	var out map[string]bool
	mark := func(word string) {
		if core := acronymCore(word); core != "" {
			if out == nil {
				out = map[string]bool{}
			}
			out[core] = true
		}
	}
	for i := strings.IndexByte(text, '('); i >= 0; {
		// "(HRA)"
		if j := strings.IndexByte(text[i:], ')'); j > 0 {
			mark(strings.TrimSpace(text[i+1 : i+j]))
		}
		// "HRA (": the word just before the bracket.
		before := strings.TrimRight(text[:i], " \t\n")
		k := strings.LastIndexFunc(before, func(r rune) bool { return !isWordRune(r) })
		mark(before[k+1:])
		next := strings.IndexByte(text[i+1:], '(')
		if next < 0 {
			break
		}
		i += next + 1
	}
	return out
}
