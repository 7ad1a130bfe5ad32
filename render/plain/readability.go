package plain

import (
	"math"
	"strings"
	"unicode"
)

// Readability is how hard a text is to read.
type Readability struct {
	Words             int
	Sentences         int
	Syllables         int
	LongWords         int     // words of three syllables or more
	WordsPerSentence  float64 // average sentence length
	LongWordShare     float64 // LongWords / Words, 0 to 1
	FleschReadingEase float64 // 0 (very hard) to 100 (very easy); may fall outside
	FleschKincaid     float64 // Flesch–Kincaid grade level (US school grade)
	ReadingAge        int     // years: the Flesch–Kincaid grade + 5, at least 5
}

// Measure works out the readability of a text. Sentences end at ".", "!" or "?" followed by
// a space or the end, and at a line break (list items and headings are sentences of their
// own); "e.g.", "Dr." and "s.47" do not end one. A word is anything between spaces with a
// letter or digit in it. The formulas are Flesch's (1948) and Kincaid's (1975), and the
// reading age is the Flesch–Kincaid grade plus five, the usual UK conversion.
func Measure(text string) Readability {
	var r Readability
	for _, sentence := range sentences(text) {
		words := 0
		for _, w := range strings.Fields(sentence) {
			if !strings.ContainsFunc(w, isWordRune) {
				continue
			}
			words++
			n := Syllables(w)
			r.Syllables += n
			if n >= 3 {
				r.LongWords++
			}
		}
		if words > 0 {
			r.Words += words
			r.Sentences++
		}
	}
	if r.Words == 0 {
		return r
	}
	wps := float64(r.Words) / float64(r.Sentences)
	spw := float64(r.Syllables) / float64(r.Words)
	r.WordsPerSentence = round2(wps)
	r.LongWordShare = round2(float64(r.LongWords) / float64(r.Words))
	r.FleschReadingEase = round2(206.835 - 1.015*wps - 84.6*spw)
	r.FleschKincaid = round2(0.39*wps + 11.8*spw - 15.59)
	r.ReadingAge = max(5, int(math.Round(r.FleschKincaid+5)))
	return r
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// notSentenceEnds are abbreviations whose full stop does not end a sentence.
var notSentenceEnds = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "ie": true, "etc": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "no": true, "approx": true, "st": true, "vs": true, "cf": true,
	"para": true, "ref": true, "tel": true, "s": true, "sec": true, "reg": true, "art": true,
}

// sentences splits a text into its sentences.
func sentences(text string) []string {
	var out []string
	start := 0
	runes := []rune(text)
	for i, r := range runes {
		end := false
		switch r {
		case '\n':
			end = true
		case '.', '!', '?':
			atEnd := i+1 == len(runes) || unicode.IsSpace(runes[i+1]) || runes[i+1] == '"' || runes[i+1] == ')'
			end = atEnd && !(r == '.' && abbreviationBefore(runes[start:i]))
		}
		if end {
			if s := strings.TrimSpace(string(runes[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(runes[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

func abbreviationBefore(before []rune) bool {
	i := len(before)
	for i > 0 && !unicode.IsSpace(before[i-1]) && before[i-1] != '(' {
		i--
	}
	return notSentenceEnds[strings.ToLower(string(before[i:]))]
}

// Syllables counts the syllables of an English word by its vowel groups: a silent final
// "e", "es" or "ed" is dropped, a pair of vowels is one syllable, every word has at least one.
// On the CMU dictionary's counts it is right for most words and off by one for a few.
func Syllables(word string) int {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	w := b.String()
	if len(w) <= 3 {
		return 1
	}
	w = dropSilentEnding(w)
	w = strings.TrimPrefix(w, "y")
	count, run := 0, 0
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) {
			run++
			if run == 1 || run == 3 { // every pair of vowels counts once
				count++
				if run == 3 {
					run = 1
				}
			}
		} else {
			run = 0
		}
	}
	return max(count, 1)
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// dropSilentEnding removes an "es", "ed" or "e" that is usually not sounded: "procedures",
// "played", "game" (but not the "le" of "table", nor "ees" or "ied").
func dropSilentEnding(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "es") && n > 2 && !isVowel(w[n-3]) && w[n-3] != 'l':
		return w[:n-3]
	case strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case strings.HasSuffix(w, "e") && n > 1 && !isVowel(w[n-2]) && w[n-2] != 'l':
		return w[:n-2]
	}
	return w
}
