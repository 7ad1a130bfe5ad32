package arabic

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// The expected forms are read off Unicode's presentation form names (see TestTables).
func TestShape(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"ب", "\uFE8F"}, // beh isolated
		// seen initial, lam-alef final (lam joins the seen), meem isolated (alef does not join forward)
		{"سلام", "\uFEB3\uFEFC\uFEE1"},
		{"لا", "\uFEFB"},                     // lam-alef isolated
		{"لأن", "\uFEF7\uFEE5"},              // lam-alef-hamza isolated, noon isolated
		{"الله", "\uFE8D\uFEDF\uFEE0\uFEEA"}, // alef, lam initial, lam medial, heh final
		{"إلى", "\uFE87\uFEDF\uFEF0"},        // alef-hamza-below, lam initial, alef maksura final
		// right-joining letters end a join: dal, alef, reh, waw
		{"دار", "\uFEA9\uFE8D\uFEAD"},
		{"ورد", "\uFEED\uFEAD\uFEA9"},
		{"مدرسة", "\uFEE3\uFEAA\uFEAD\uFEB3\uFE94"}, // meem initial, dal final, reh, seen initial, teh marbuta final
		{"بيت", "\uFE91\uFEF4\uFE96"},               // beh initial, yeh medial, teh final
		// harakat are kept and do not break joining
		{"بَيْت", "\uFE91\u064E\uFEF4\u0652\uFE96"},
		// marks between lam and alef follow the ligature
		{"أولًا", "\uFE83\uFEED\uFEFB\u064B"},
		{"مثلًا", "\uFEE3\uFE9C\uFEFC\u064B"},
		// hamza joins nothing
		{"ماء", "\uFEE3\uFE8E\uFE80"},
		{"شيء", "\uFEB7\uFEF2\uFE80"},
		// tatweel and ZWJ cause joining, ZWNJ prevents it
		{"بـ", "\uFE91\u0640"},
		{"ـب", "\u0640\uFE90"},
		{"ب\u200D", "\uFE91\u200D"},
		{"بی\u200Cشک", "\uFE91\uFBFD\u200C\uFEB7\uFB8F"},
		// Urdu
		{"پاکستان", "\uFB58\uFE8E\uFB90\uFEB4\uFE98\uFE8E\uFEE5"},
		{"بچے", "\uFE91\uFB7D\uFBAF"},               // beh initial, tcheh medial, yeh barree final
		{"بچّے", "\uFE91\uFB7D\u0651\uFBAF"},        // with shadda
		{"ٹھیک", "\uFB68\uFBAD\uFBFF\uFB8F"},        // tteh initial, do-chashmi heh medial, farsi yeh medial, keheh final
		{"گھر", "\uFB94\uFBAD\uFEAE"},               // gaf initial, do-chashmi heh medial, reh final
		{"ڈاکٹر", "\uFB88\uFE8D\uFB90\uFB69\uFEAE"}, // ddal, alef, keheh initial, tteh medial, reh final
		{"میں", "\uFEE3\uFBFF\uFB9F"},               // meem initial, farsi yeh medial, noon ghunna final
		{"ہے", "\uFBA8\uFBAF"},                      // heh goal initial, yeh barree final
		{"کہ", "\uFB90\uFBA7"},                      // keheh initial, heh goal final
		{"لڑکا", "\uFEDF\uFB8D\uFB90\uFE8E"},        // lam initial, rreh final, keheh initial, alef final
		{"آپ", "\uFE81\uFB56"},                      // alef madda, peh isolated
		{"ژالہ", "\uFB8A\uFE8D\uFEDF\uFBA7"},        // jeh, alef, lam initial, heh goal final
		{"گئے", "\uFB94\uFE8C\uFBAF"},               // gaf initial, yeh-hamza medial, yeh barree final
		{"جاۓ", "\uFE9F\uFE8E\uFBB0"},               // jeem initial, alef final, yeh barree with hamza isolated
		// ۃ has no presentation forms: it stays, and the meem before it does not join it
		{"رحمۃ", "\uFEAD\uFEA3\uFEE2\u06C3"},
		// everything else is kept
		{"abc سلام 12", "abc \uFEB3\uFEFC\uFEE1 12"},
		{"۱۲۳، ٹھیک؟", "۱۲۳، \uFB68\uFBAD\uFBFF\uFB8F؟"},
	}
	for _, tt := range tests {
		if got := Shape(tt.in); got != tt.want {
			t.Errorf("Shape(%q)\n got %s\nwant %s", tt.in, describe(got), describe(tt.want))
		}
	}
}

// describe lists the code points of s with their names, for failure messages.
func describe(s string) string {
	var parts []string
	for _, r := range s {
		parts = append(parts, fmt.Sprintf("%U %s", r, runenames.Name(r)))
	}
	return strings.Join(parts, ", ")
}

// TestTables checks the generated tables against Unicode's names and NFKC mappings, and
// that joiningOf can rely on their shape.
func TestTables(t *testing.T) {
	check := func(base string, f forms) {
		for _, form := range []struct {
			r    rune
			name string
		}{{f.isolated, "ISOLATED FORM"}, {f.final, "FINAL FORM"}, {f.initial, "INITIAL FORM"}, {f.medial, "MEDIAL FORM"}} {
			if form.r == 0 {
				continue
			}
			if name := runenames.Name(form.r); !strings.HasSuffix(name, " "+form.name) {
				t.Errorf("%U %s is given as the %s of %q", form.r, name, form.name, base)
			}
			if got := norm.NFKC.String(string(form.r)); got != base {
				t.Errorf("%U is given as a form of %q, but NFKC maps it to %q", form.r, base, got)
			}
		}
	}
	for r, f := range letterForms {
		check(string(r), f)
		dual := f.initial != 0 && f.medial != 0 && f.final != 0
		right := f.initial == 0 && f.medial == 0 && f.final != 0
		non := f.initial == 0 && f.medial == 0 && f.final == 0
		if f.isolated == 0 || !(dual || right || non) {
			t.Errorf("%U has forms %+v; joiningOf expects isolated, +final, or +final, initial and medial", r, f)
		}
	}
	for r, f := range lamAlefForms {
		check(string([]rune{lam, r}), f)
		if f.isolated == 0 || f.final == 0 || joiningOf(r) != rightJoining {
			t.Errorf("lam-alef ligature with %U: %+v", r, f)
		}
	}
	for _, r := range []rune{'ا', 'أ', 'إ', 'آ'} {
		if _, ok := lamAlefForms[r]; !ok {
			t.Errorf("no lam-alef ligature for %U", r)
		}
	}

	// Every single-letter presentation form is in the table.
	for _, block := range [][2]rune{{0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}} {
		for r := block[0]; r <= block[1]; r++ {
			base := []rune(norm.NFKC.String(string(r)))
			if !strings.HasSuffix(runenames.Name(r), " FORM") || len(base) != 1 || !unicode.IsLetter(base[0]) {
				continue
			}
			f := letterForms[base[0]]
			if !slices.Contains([]rune{f.isolated, f.final, f.initial, f.medial}, r) {
				t.Errorf("%U %s is missing from letterForms", r, runenames.Name(r))
			}
		}
	}
}

// TestJoiningAgainstUnicode compares joiningOf with Unicode's Joining_Type, kept in testdata.
func TestJoiningAgainstUnicode(t *testing.T) {
	unicodeTypes := map[string]joining{"U": nonJoining, "R": rightJoining, "D": dualJoining, "C": joinCausing, "T": transparent}
	// Unicode has noon ghunna join both ways but encodes only its isolated and final forms.
	exceptions := map[rune]joining{'ں': rightJoining}

	f, err := os.Open("testdata/joining_types.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var withoutForms []string
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, typ, _ := strings.Cut(line, ";")
		n, err := strconv.ParseUint(code, 16, 32)
		want, ok := unicodeTypes[typ]
		if err != nil || !ok {
			t.Fatalf("bad line %q", line)
		}
		r := rune(n)
		got := joiningOf(r)
		_, hasForms := letterForms[r]
		switch {
		case exceptions[r] != 0:
			want = exceptions[r]
		case !hasForms && (want == dualJoining || want == rightJoining):
			// Only its isolated (nominal) glyph can be drawn, so it must not join.
			withoutForms = append(withoutForms, fmt.Sprintf("%c", r))
			want = nonJoining
		}
		if got != want {
			t.Errorf("%U %s: joiningOf = %d, want %d (Unicode: %s)", r, runenames.Name(r), got, want, typ)
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("joining letters without presentation forms, treated as non-joining: %s", strings.Join(withoutForms, " "))
}

// localeTexts returns every Urdu and Arabic message of the portal.
func localeTexts(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, lang := range []string{"ur", "ar"} {
		matches, err := filepath.Glob(filepath.Join("..", "..", "locales", "*."+lang+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, matches...)
	}
	for _, want := range []string{"forms.ur.toml", "forms.ar.toml", "family.ur.toml", "family.ar.toml"} {
		if !slices.Contains(paths, filepath.Join("..", "..", "locales", want)) {
			t.Fatalf("locales/%s not found", want)
		}
	}
	var texts []string
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case map[string]any:
			for _, w := range v {
				collect(w)
			}
		}
	}
	for _, path := range paths {
		var messages map[string]any
		if _, err := toml.DecodeFile(path, &messages); err != nil {
			t.Fatal(err)
		}
		collect(messages)
	}
	return texts
}

func isPresentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// TestShapeLocales checks that shaping changes no letter of the portal's Urdu and Arabic
// messages, only their forms, and leaves no letter in its nominal form if it has others.
func TestShapeLocales(t *testing.T) {
	texts := localeTexts(t)
	if len(texts) < 100 {
		t.Fatalf("only %d messages found", len(texts))
	}
	withoutForms := map[rune]bool{}
	for _, s := range texts {
		shaped := Shape(s)
		if got, want := norm.NFKC.String(shaped), norm.NFKC.String(marksAfterLamAlef(s)); got != want {
			t.Errorf("NFKC(Shape(%q)) = %q", s, got)
		}
		for _, r := range shaped {
			if _, ok := letterForms[r]; ok {
				t.Errorf("Shape(%q) left %U %s unshaped", s, r, runenames.Name(r))
			} else if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) && !isPresentationForm(r) {
				withoutForms[r] = true
			}
		}
	}
	t.Logf("%d messages shaped; letters without presentation forms, kept as they are: %d", len(texts), len(withoutForms))
}

// marksAfterLamAlef moves marks between lam and alef to after the alef, as Shape does.
func marksAfterLamAlef(s string) string {
	runes := []rune(s)
	for i, r := range runes {
		if r != lam {
			continue
		}
		j := i + 1
		for j < len(runes) && joiningOf(runes[j]) == transparent {
			j++
		}
		if j > i+1 && j < len(runes) {
			if _, ok := lamAlefForms[runes[j]]; ok {
				alef := runes[j]
				copy(runes[i+2:j+1], runes[i+1:j])
				runes[i+1] = alef
			}
		}
	}
	return string(runes)
}

// reverse reverses the characters of s; the tests use it for right-to-left words without
// mirrored characters.
func reverse(s string) string {
	runes := []rune(s)
	slices.Reverse(runes)
	return string(runes)
}

func TestVisual(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"Arabic only", "سلام عليكم", reverse("سلام عليكم")},
		{"digits at the visual left", "سلام 123", "123 " + reverse("سلام")},
		{"phone number in Urdu", "فون کریں 024 7683 1042 پر", reverse("پر") + " 024 7683 1042 " + reverse("فون کریں")},
		{"Latin code in Arabic", "رمز TC-7KQ4MX هنا", reverse("هنا") + " TC-7KQ4MX " + reverse("رمز")},
		{"full stop after a number", "اتصل على 0800 1111.", ".0800 1111 " + reverse("اتصل على")},
		{"Latin first", "Childline على 0800 1111", "0800 1111 " + reverse("على") + " Childline"},
		{"Arabic-Indic digits", "رقم ۱۲۳", "۱۲۳ " + reverse("رقم")},
		{"percent", "خصم 50%", "50% " + reverse("خصم")},
		{"pound", "£20 فقط", reverse("فقط") + " £20"},
		{"brackets mirrored", "فہرست (ایجنڈا) میں", reverse("میں") + " (" + reverse("ایجنڈا") + ") " + reverse("فہرست")},
		{"square brackets mirrored", "[نص]", "[" + reverse("نص") + "]"},
		{"Latin in brackets", "خدمة (NHS) الصحة", reverse("الصحة") + " (NHS) " + reverse("خدمة")},
		{"Latin in brackets first", "(NHS) خدمة", reverse("خدمة") + " (NHS)"},
		{"Latin only", "Hello (world)", "Hello (world)"},
		{"angle quotes mirrored", "«ما يجب»", "«" + reverse("ما يجب") + "»"},
		{"mark before its base", "بَ", "\u064Eب"},
		{"isolated phone number", "فون: \u20660800 1111\u2069", "0800 1111 :" + reverse("فون")},
		{"isolated phone number, full stop", "على الرقم \u20660800 1111\u2069.", ".0800 1111 " + reverse("على الرقم")},
		{"isolated web address", "ویب سائٹ: \u2066www.example.org\u2069", "www.example.org :" + reverse("ویب سائٹ")},
		{"Arabic in a left-to-right isolate", "رقم \u2066ID سلام 5\u2069", "ID " + reverse("سلام") + " 5 " + reverse("رقم")},
		{"isolate open to the end", "سلام \u2066123", "123 " + reverse("سلام")},
		{"embedding controls dropped", "\u202Bسلام\u202C", reverse("سلام")},
	}
	for _, tt := range tests {
		if got := Visual(tt.in); got != tt.want {
			t.Errorf("%s: Visual(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestForPDF(t *testing.T) {
	if got, want := ForPDF("سلام 123"), "123 \uFEE1\uFEFC\uFEB3"; got != want {
		t.Errorf("ForPDF = %s, want %s", describe(got), describe(want))
	}
	if got, want := ForPDF("گھر (TC-7KQ4MX)"), "(TC-7KQ4MX) \uFEAE\uFBAD\uFB94"; got != want {
		t.Errorf("ForPDF = %q, want %q", got, want)
	}
}

// TestVisualLocales checks that Visual only reorders: every character of each shaped
// message but bidi controls comes out once, mirrored characters possibly as their mirror
// image.
func TestVisualLocales(t *testing.T) {
	unmirrored := func(s string) []rune {
		var runes []rune
		for _, r := range s {
			if !unicode.Is(unicode.Bidi_Control, r) {
				runes = append(runes, min(r, mirror(r)))
			}
		}
		slices.Sort(runes)
		return runes
	}
	for _, s := range localeTexts(t) {
		shaped := Shape(s)
		if got := Visual(shaped); !slices.Equal(unmirrored(got), unmirrored(shaped)) {
			t.Errorf("Visual(Shape(%q)) = %q has other characters", s, got)
		}
	}
}

// TestFontGlyphs checks that the font the PDFs embed has a glyph for every Arabic character
// that ForPDF produces for the portal's Urdu and Arabic messages; one without would print as
// a box. It lists the other characters the font lacks (Latin letters, most ASCII
// punctuation): the PDF writer must draw those in a second font.
func TestFontGlyphs(t *testing.T) {
	const fontPath = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
	data, err := os.ReadFile(fontPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s not installed", fontPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	glyphs, err := cmapRunes(data)
	if err != nil {
		t.Fatal(err)
	}

	used := map[rune]bool{}
	for _, s := range localeTexts(t) {
		for _, r := range ForPDF(s) {
			used[r] = true
		}
	}
	var missingArabic []string
	var missingOther []rune
	for r := range used {
		switch {
		case glyphs[r]:
		case isArabicBlock(r):
			missingArabic = append(missingArabic, fmt.Sprintf("%U %s", r, runenames.Name(r)))
		default:
			missingOther = append(missingOther, r)
		}
	}
	slices.Sort(missingArabic)
	slices.Sort(missingOther)
	if len(missingArabic) > 0 {
		t.Errorf("%s has no glyph for:\n%s", fontPath, strings.Join(missingArabic, "\n"))
	}
	t.Logf("%d distinct characters checked; not in the font, for a second font: %q", len(used), string(missingOther))

	var missingForms []string
	for _, table := range []map[rune]forms{letterForms, lamAlefForms} {
		for _, f := range table {
			for _, r := range []rune{f.isolated, f.final, f.initial, f.medial} {
				if r != 0 && !glyphs[r] {
					missingForms = append(missingForms, fmt.Sprintf("%U", r))
				}
			}
		}
	}
	slices.Sort(missingForms)
	if len(missingForms) > 0 {
		t.Errorf("presentation forms without a glyph: %v", missingForms)
	}
}

// isArabicBlock says whether r is in one of the Unicode blocks of Arabic letters, marks,
// punctuation and presentation forms that Shape and Visual produce.
func isArabicBlock(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || isPresentationForm(r)
}

// cmapRunes returns the characters a TrueType font maps to a glyph other than .notdef, from
// the Unicode subtables (formats 4 and 12) of its cmap table.
func cmapRunes(font []byte) (map[rune]bool, error) {
	errShort := errors.New("font file is cut short")
	u16 := func(b []byte, off int) (int, error) {
		if off < 0 || off+2 > len(b) {
			return 0, errShort
		}
		return int(binary.BigEndian.Uint16(b[off:])), nil
	}
	u32 := func(b []byte, off int) (int, error) {
		if off < 0 || off+4 > len(b) {
			return 0, errShort
		}
		return int(binary.BigEndian.Uint32(b[off:])), nil
	}
	numTables, err := u16(font, 4)
	if err != nil {
		return nil, err
	}
	var cmap []byte
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errShort
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, _ := u32(font, rec+8)
			length, _ := u32(font, rec+12)
			if off+length > len(font) {
				return nil, errShort
			}
			cmap = font[off : off+length]
		}
	}
	if cmap == nil {
		return nil, errors.New("no cmap table")
	}

	runes := map[rune]bool{}
	numSubtables, err := u16(cmap, 2)
	if err != nil {
		return nil, err
	}
	for i := range numSubtables {
		platform, err1 := u16(cmap, 4+8*i)
		encoding, err2 := u16(cmap, 6+8*i)
		off, err3 := u32(cmap, 8+8*i)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, err
		}
		if platform != 0 && !(platform == 3 && (encoding == 1 || encoding == 10)) {
			continue // not Unicode
		}
		format, err := u16(cmap, off)
		if err != nil {
			return nil, err
		}
		switch format {
		case 4: // segments of 16-bit characters
			segX2, err := u16(cmap, off+6)
			if err != nil {
				return nil, err
			}
			ends, starts, deltas, rangeOffsets := off+14, off+16+segX2, off+16+2*segX2, off+16+3*segX2
			for s := 0; s < segX2; s += 2 {
				end, err1 := u16(cmap, ends+s)
				start, err2 := u16(cmap, starts+s)
				delta, err3 := u16(cmap, deltas+s)
				rangeOffset, err4 := u16(cmap, rangeOffsets+s)
				if err := errors.Join(err1, err2, err3, err4); err != nil {
					return nil, err
				}
				for c := start; c <= end && c != 0xFFFF; c++ {
					glyph := c
					if rangeOffset != 0 {
						if glyph, err = u16(cmap, rangeOffsets+s+rangeOffset+2*(c-start)); err != nil {
							return nil, err
						}
						if glyph == 0 {
							continue
						}
					}
					if (glyph+delta)&0xFFFF != 0 {
						runes[rune(c)] = true
					}
				}
			}
		case 12: // groups of 32-bit characters mapped to consecutive glyphs
			numGroups, err := u32(cmap, off+12)
			if err != nil {
				return nil, err
			}
			for g := range numGroups {
				start, err1 := u32(cmap, off+16+12*g)
				end, err2 := u32(cmap, off+20+12*g)
				glyph, err3 := u32(cmap, off+24+12*g)
				if err := errors.Join(err1, err2, err3); err != nil {
					return nil, err
				}
				for c := start; c <= end; c++ {
					if glyph+c-start != 0 {
						runes[rune(c)] = true
					}
				}
			}
		}
	}
	return runes, nil
}
