package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Limits on what Parse reads. A real plan is tens of kilobytes and six levels deep.
const (
	MaxSize  = 5 << 20
	MaxDepth = 64
)

// Parse reads a plan document. When anything is wrong it returns Problems listing every
// mistake, each with its JSON path and a plain sentence, and no document.
func Parse(data []byte) (*Document, error) {
	if ps := checkBytes(data); len(ps) > 0 {
		return nil, ps
	}
	r := &reader{}
	doc := r.document(parseTree(data))
	r.checkReferences(doc)
	if len(r.problems) > 0 {
		slices.SortStableFunc(r.problems, func(a, b Problem) int { return comparePaths(a.Path, b.Path) })
		return nil, r.problems
	}
	return doc, nil
}

// checkBytes refuses what is not a JSON object before anything else looks at it, so that the
// message says what is really wrong (a byte order mark, a file that is not text, nesting
// meant to exhaust the parser) rather than a JSON decoder's words.
func checkBytes(data []byte) Problems {
	var ps Problems
	switch {
	case len(data) > MaxSize:
		ps.add("$", CodeTooLarge, "the document is %s; the largest plan document the portal reads is %s", size(len(data)), size(MaxSize))
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		ps.add("$", CodeBOM, "the file starts with an invisible byte order mark (BOM); save it as UTF-8 without a BOM and try again")
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		ps.add("$", CodeNotUTF8, "the file is saved as UTF-16; save it as UTF-8 and try again")
	case len(bytes.TrimSpace(data)) == 0:
		ps.add("$", CodeEmpty, "the document is empty")
	case !utf8.Valid(data):
		line, col := position(data, invalidUTF8At(data))
		ps.add("$", CodeNotUTF8, "the file is not UTF-8 text (line %d, column %d); save it as UTF-8 and try again", line, col)
	}
	if len(ps) > 0 {
		return ps
	}
	if at := tooDeepAt(data); at >= 0 {
		line, col := position(data, at)
		ps.add("$", CodeTooDeep, "the document is nested more than %d levels deep (line %d, column %d); a plan document needs about six", MaxDepth, line, col)
		return ps
	}
	if !json.Valid(data) {
		var probe json.RawMessage
		ps.add("$", CodeNotJSON, "%s", syntaxSentence(data, json.Unmarshal(data, &probe)))
		return ps
	}
	if kindOf(data) != "object" {
		ps.add("$", CodeWrongType, "the document should be a set of fields in { } starting with \"schema\": %q, not %s", Schema, describe(bytes.TrimSpace(data)))
	}
	return ps
}

func size(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// tooDeepAt returns the offset where brackets nest deeper than MaxDepth, or -1.
func tooDeepAt(data []byte) int {
	depth, inString, escaped := 0, false, false
	for i, c := range data {
		switch {
		case inString:
			if escaped {
				escaped = false
			} else if c == '\\' {
				escaped = true
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > MaxDepth {
				return i
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return -1
}

// position turns a byte offset into a 1-based line and column (in characters).
func position(data []byte, offset int) (line, col int) {
	offset = min(offset, len(data))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// syntaxSentence explains a JSON syntax error in words a worker can act on.
func syntaxSentence(data []byte, err error) string {
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return "the document is not valid JSON"
	}
	if syn.Offset >= int64(len(data)) && strings.Contains(syn.Error(), "unexpected end") {
		return "the JSON ends too early: a closing } or ] or a closing quote is missing"
	}
	at := int(syn.Offset) - 1
	line, col := position(data, at)
	c := data[at]
	var hint string
	switch prev := lastNonSpace(data[:at]); {
	case c == '\'':
		hint = "JSON puts text and field names in double quotes \", not single quotes"
	case (c == '}' || c == ']') && prev == ',':
		hint = fmt.Sprintf("there is a comma just before this %c; remove it", c)
	case c == '"' && (prev == '"' || prev == '}' || prev == ']'):
		hint = "a comma is missing before this"
	case prev == '{' || prev == ',':
		hint = "field names must be in double quotes, like \"name\""
	case c < 0x20:
		hint = "text in quotes cannot contain a line break or tab; write \\n or \\t"
	default:
		hint = "this character does not belong here"
	}
	shown := string(c)
	if c < 0x20 {
		shown = "a control character"
	} else if r, _ := utf8.DecodeRune(data[at:]); r != utf8.RuneError {
		shown = string(r)
	}
	return fmt.Sprintf("the document is not valid JSON: at line %d, column %d (%q) %s", line, col, shown, hint)
}

func lastNonSpace(b []byte) byte {
	b = bytes.TrimRight(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[len(b)-1]
}

// kindOf names the JSON type of a raw value by its first byte.
func kindOf(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "list"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	default:
		return "number"
	}
}

// describe says in words what a raw value is, for "should be ..., not ..." sentences.
func describe(raw []byte) string {
	switch kindOf(raw) {
	case "object":
		return "a set of fields in { }"
	case "list":
		return "a list in [ ]"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "null":
		return "null"
	case "number":
		return "the number " + shorten(string(raw))
	}
	return "nothing"
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:37]) + "..."
}

func quote(s string) string { return fmt.Sprintf("%q", shorten(s)) }

// isEmpty reports whether a value is "", [], {}, false or null: a field that was given but
// says nothing, which must still be written back.
func (n *node) isEmpty() bool {
	switch kindOf(n.raw) {
	case "object":
		return len(n.members) == 0
	case "list":
		return len(n.elems) == 0
	case "string":
		return len(n.raw) == 2
	case "bool", "null":
		return n.raw[0] != 't'
	}
	return false
}

// fields is one JSON object being read: its members in document order, and which of them the
// reader has taken. What is not taken is kept as Extra.
type fields struct {
	path  string
	order []string
	raw   map[string]*node
	taken map[string]bool
	extra Extra
}

// reader turns raw JSON into typed values, collecting every problem instead of stopping.
type reader struct {
	problems Problems
}

// object opens a JSON object at path, or records a problem and returns nil.
func (r *reader) object(path string, n *node) *fields {
	if kindOf(n.raw) != "object" {
		r.problems.add(path, CodeWrongType, "should be a set of fields in { }, not %s", describe(n.raw))
		return nil
	}
	f := &fields{path: path, raw: make(map[string]*node, len(n.members)), taken: make(map[string]bool, len(n.members))}
	for _, m := range n.members {
		if _, dup := f.raw[m.key]; dup {
			r.problems.add(join(path, m.key), CodeDuplicate, "the field %q appears twice; keep one", m.key)
			continue
		}
		f.order = append(f.order, m.key)
		f.raw[m.key] = m.value
	}
	return f
}

func join(path, key string) string { return path + "." + key }

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// take returns the value of a known field. A field given as null counts as absent.
func (f *fields) take(key string) (*node, bool) {
	n, ok := f.raw[key]
	if !ok {
		return nil, false
	}
	f.taken[key] = true
	if n.isEmpty() {
		if f.extra.zeroes == nil {
			f.extra.zeroes = map[string]json.RawMessage{}
		}
		f.extra.zeroes[key] = bytes.Clone(n.raw)
	}
	return n, kindOf(n.raw) != "null"
}

// rest returns what the object held beyond the known fields, to be written back unchanged.
func (f *fields) rest() Extra {
	e := f.extra
	e.order = f.order
	for _, k := range f.order {
		if !f.taken[k] {
			if e.unknown == nil {
				e.unknown = map[string]json.RawMessage{}
			}
			e.unknown[k] = bytes.Clone(f.raw[k].raw)
		}
	}
	return e
}

func (r *reader) missing(f *fields, key, what string) {
	r.problems.add(join(f.path, key), CodeMissing, "is missing: %s", what)
}

// str reads a text field. what, when not empty, makes the field required and says what it is.
func (r *reader) str(f *fields, key, what string) string {
	n, ok := f.take(key)
	if !ok {
		if what != "" {
			r.missing(f, key, what)
		}
		return ""
	}
	s, ok := r.stringValue(join(f.path, key), n)
	if ok && what != "" && strings.TrimSpace(s) == "" {
		r.missing(f, key, what)
	}
	return s
}

func (r *reader) boolean(f *fields, key string) bool {
	n, ok := f.take(key)
	if !ok {
		return false
	}
	if kindOf(n.raw) != "bool" {
		r.problems.add(join(f.path, key), CodeWrongType, "should be true or false, not %s", describe(n.raw))
	}
	return n.raw[0] == 't'
}

// stringValue reads a JSON string, or records a problem.
func (r *reader) stringValue(path string, n *node) (string, bool) {
	if kindOf(n.raw) != "string" {
		r.problems.add(path, CodeWrongType, "should be text in quotes, not %s", describe(n.raw))
		return "", false
	}
	return decodeString(n.raw), true
}

// list calls each for every element of a JSON list field.
func (r *reader) list(f *fields, key string, each func(path string, n *node)) {
	n, ok := f.take(key)
	if !ok {
		return
	}
	path := join(f.path, key)
	if kindOf(n.raw) != "list" {
		r.problems.add(path, CodeWrongType, "should be a list in [ ], not %s", describe(n.raw))
		return
	}
	for i, item := range n.elems {
		each(index(path, i), item)
	}
}

func (r *reader) strings(f *fields, key string) []string {
	var out []string
	r.list(f, key, func(path string, n *node) {
		if s, ok := r.stringValue(path, n); ok {
			out = append(out, s)
		}
	})
	return out
}

// oneOf reads a field whose value must come from a closed list.
func (r *reader) oneOf(f *fields, key, what string, list []string, required bool) string {
	req := ""
	if required {
		req = what + " (one of " + strings.Join(list, ", ") + ")"
	}
	s := r.str(f, key, req)
	if s != "" && !contains(list, s) {
		r.notInList(join(f.path, key), s, what, list)
	}
	return s
}

func (r *reader) notInList(path, value, what string, list []string) {
	msg := fmt.Sprintf("%s is not %s; use one of %s", quote(value), what, strings.Join(list, ", "))
	if guess := closest(list, value); guess != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", guess)
	}
	r.problems.add(path, CodeNotInList, "%s", msg)
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (r *reader) date(f *fields, key, what string) Date {
	s := r.str(f, key, what)
	if s == "" {
		return Date{}
	}
	d, ok := parseDate(s)
	if !ok {
		r.problems.add(join(f.path, key), CodeNotDate, "%s is not a date (use YYYY-MM-DD)", quote(s))
	}
	return d
}

// parseDate reads YYYY-MM-DD, or an RFC 3339 date-time of which the day is kept.
func parseDate(s string) (Date, bool) {
	var t time.Time
	var err error
	if isoDate.MatchString(s) {
		t, err = time.Parse(time.DateOnly, s)
	} else {
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		return Date{}, false
	}
	return Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), written: s}, true
}

func (r *reader) languageTag(f *fields, key string) string {
	s := r.str(f, key, "")
	if s != "" {
		if _, err := language.Parse(s); err != nil {
			r.problems.add(join(f.path, key), CodeBadLanguage, "%s is not a language code; use a code such as \"ur\" for Urdu or \"pl\" for Polish", quote(s))
		}
	}
	return s
}

func (r *reader) email(f *fields, key string) string {
	s := r.str(f, key, "")
	if s != "" {
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			r.problems.add(join(f.path, key), CodeBadEmail, "%s is not an email address", quote(s))
		}
	}
	return s
}

// text reads a Text: a plain string, or an object with text, for_child, share, reason and
// translations.
func (r *reader) text(f *fields, key, what string) Text {
	n, ok := f.take(key)
	if !ok {
		if what != "" {
			r.missing(f, key, what)
		}
		return Text{}
	}
	t := r.textValue(join(f.path, key), n)
	if what != "" && strings.TrimSpace(t.Text) == "" && !t.asObject {
		r.missing(f, key, what)
	}
	return t
}

func (r *reader) textValue(path string, n *node) Text {
	switch kindOf(n.raw) {
	case "string":
		return Text{Text: decodeString(n.raw)}
	case "object":
	default:
		r.problems.add(path, CodeWrongType, "should be text in quotes, or a set of fields in { } with \"text\", not %s", describe(n.raw))
		return Text{}
	}
	f := r.object(path, n)
	t := Text{asObject: true}
	t.Text = r.str(f, "text", "the words of this text")
	t.ForChild = r.str(f, "for_child", "")
	t.Share = Share(r.oneOf(f, "share", "who may see this text", Shares, false))
	t.Reason = r.str(f, "reason", "")
	if t.Withheld() && strings.TrimSpace(t.Reason) == "" {
		r.problems.add(join(path, "reason"), CodeMissing, "is missing: a text kept from the family (share \"workers\") needs a reason saying why")
	}
	if raw, ok := f.take("translations"); ok {
		t.Translations = r.translations(join(path, "translations"), raw)
	}
	t.Extra = f.rest()
	return t
}

func (r *reader) translations(path string, n *node) map[string]string {
	f := r.object(path, n)
	if f == nil {
		return nil
	}
	out := make(map[string]string, len(f.order))
	for _, lang := range f.order {
		if _, err := language.Parse(lang); err != nil {
			r.problems.add(join(path, lang), CodeBadLanguage, "%s is not a language code; use a code such as \"ur\" for Urdu or \"pl\" for Polish", quote(lang))
		}
		// An empty translation is kept as written: it says "not translated yet".
		out[lang] = r.str(f, lang, "")
	}
	return out
}

func (r *reader) texts(f *fields, key string) []Text {
	var out []Text
	r.list(f, key, func(path string, n *node) {
		out = append(out, r.textValue(path, n))
	})
	return out
}

// objects reads a list of objects with read. An element that is not an object becomes a zero
// value, so that indices still match the document's for the problems found later.
func objects[T any](r *reader, f *fields, key string, read func(*fields) T) []T {
	var out []T
	r.list(f, key, func(path string, n *node) {
		var item T
		if g := r.object(path, n); g != nil {
			item = read(g)
		}
		out = append(out, item)
	})
	return out
}

// nested reads a nested object field; a missing required one is a problem.
func nested[T any](r *reader, f *fields, key, what string, read func(*fields) T) T {
	var zero T
	raw, ok := f.take(key)
	if !ok {
		if what != "" {
			r.missing(f, key, what)
		}
		return zero
	}
	g := r.object(join(f.path, key), raw)
	if g == nil {
		return zero
	}
	return read(g)
}

func (r *reader) document(root *node) *Document {
	d := &Document{}
	f := r.object("$", root)
	if f == nil {
		return d
	}
	d.Schema = r.str(f, "schema", fmt.Sprintf("%q", Schema))
	if d.Schema != "" && d.Schema != Schema {
		r.problems.add("$.schema", CodeNotInList, "%s is not a version this portal reads; it reads %q", quote(d.Schema), Schema)
	}
	d.Child = nested(r, f, "child", "the child the plan is for", r.child)
	d.Family = objects(r, f, "family", r.familyMember)
	d.Team = objects(r, f, "team", r.teamMember)
	d.Plan = nested(r, f, "plan", "the plan", r.plan)
	d.Meetings = objects(r, f, "meetings", r.meeting)
	d.Extra = f.rest()
	return d
}

func (r *reader) child(f *fields) Child {
	return Child{
		Ref:                r.str(f, "ref", "the child's reference in the case management system"),
		Name:               r.str(f, "name", "the child's name"),
		KnownAs:            r.str(f, "known_as", ""),
		DateOfBirth:        r.date(f, "date_of_birth", "the child's date of birth (YYYY-MM-DD)"),
		Pronouns:           r.str(f, "pronouns", ""),
		FirstLanguage:      r.languageTag(f, "first_language"),
		CommunicationNeeds: r.strings(f, "communication_needs"),
		Extra:              f.rest(),
	}
}

func (r *reader) familyMember(f *fields) FamilyMember {
	return FamilyMember{
		Ref:                    r.str(f, "ref", "a reference for this family member, such as \"F-1\""),
		Name:                   r.str(f, "name", "the family member's name"),
		Relationship:           r.str(f, "relationship", ""),
		ParentalResponsibility: r.boolean(f, "parental_responsibility"),
		Language:               r.languageTag(f, "language"),
		Needs:                  r.strings(f, "needs"),
		Email:                  r.email(f, "email"),
		Phone:                  r.str(f, "phone", ""),
		Extra:                  f.rest(),
	}
}

func (r *reader) teamMember(f *fields) TeamMember {
	return TeamMember{
		Role:   r.str(f, "role", "the person's role, such as social_worker"),
		Name:   r.str(f, "name", "the person's name"),
		Phone:  r.str(f, "phone", ""),
		Email:  r.email(f, "email"),
		Visits: r.str(f, "visits", ""),
		Extra:  f.rest(),
	}
}

func (r *reader) plan(f *fields) Plan {
	return Plan{
		Ref:             r.str(f, "ref", "the plan's reference in the case management system"),
		Kind:            r.oneOf(f, "kind", "a kind of plan", PlanKinds, true),
		ApprovedOn:      r.date(f, "approved_on", ""),
		NextReview:      r.date(f, "next_review", ""),
		Why:             r.text(f, "why", ""),
		GoingWell:       r.texts(f, "going_well"),
		Worries:         r.texts(f, "worries"),
		Outcomes:        objects(r, f, "outcomes", r.outcome),
		Actions:         objects(r, f, "actions", r.action),
		KeepingSafe:     r.text(f, "keeping_safe", ""),
		IfThingsGoWrong: r.text(f, "if_things_go_wrong", ""),
		NotNegotiable:   r.texts(f, "not_negotiable"),
		ChildViews:      nested(r, f, "child_views", "", r.childViews),
		FamilyViews:     objects(r, f, "family_views", r.familyView),
		FamilyTime:      r.text(f, "family_time", ""),
		PrivateSections: r.sectionNames(f, "private_sections"),
		Extra:           f.rest(),
	}
}

func (r *reader) sectionNames(f *fields, key string) []string {
	names := r.strings(f, key)
	for i, n := range names {
		if !contains(PrivateSectionNames, n) {
			r.notInList(index(join(f.path, key), i), n, "a section of the plan", PrivateSectionNames)
		}
	}
	return names
}

func (r *reader) outcome(f *fields) Outcome {
	return Outcome{
		Ref:           r.str(f, "ref", "a reference for this outcome, such as \"O1\""),
		Text:          r.text(f, "text", "what the plan wants to be true"),
		HowWeWillKnow: r.text(f, "how_we_will_know", ""),
		Extra:         f.rest(),
	}
}

func (r *reader) action(f *fields) Action {
	return Action{
		Ref:     r.str(f, "ref", "a reference for this action, such as \"A1\""),
		What:    r.text(f, "what", "what will be done"),
		Who:     r.str(f, "who", "who will do it: a family member's ref, a team role or a name"),
		By:      r.date(f, "by", ""),
		Outcome: r.str(f, "outcome", ""),
		Status:  r.oneOf(f, "status", "an action status", ActionStatuses, false),
		Extra:   f.rest(),
	}
}

func (r *reader) childViews(f *fields) ChildViews {
	return ChildViews{
		Text:        r.text(f, "text", ""),
		HowGathered: r.text(f, "how_gathered", ""),
		Extra:       f.rest(),
	}
}

func (r *reader) familyView(f *fields) FamilyView {
	return FamilyView{
		By:    r.str(f, "by", "the ref of the family member whose view this is"),
		Text:  r.text(f, "text", "what they said"),
		Extra: f.rest(),
	}
}

func (r *reader) meeting(f *fields) Meeting {
	return Meeting{
		Ref:         r.str(f, "ref", "a reference for this meeting, such as \"M-1\""),
		Kind:        r.oneOf(f, "kind", "a kind of meeting", MeetingKinds, true),
		HeldOn:      r.date(f, "held_on", ""),
		Place:       r.text(f, "place", ""),
		Purpose:     r.text(f, "purpose", ""),
		Attendees:   objects(r, f, "attendees", r.person),
		Apologies:   objects(r, f, "apologies", r.person),
		Summary:     r.text(f, "summary", ""),
		Decisions:   r.texts(f, "decisions"),
		Actions:     objects(r, f, "actions", r.action),
		NextMeeting: r.date(f, "next_meeting", ""),
		Extra:       f.rest(),
	}
}

func (r *reader) person(f *fields) Person {
	return Person{
		Name:  r.str(f, "name", "the person's name"),
		Role:  r.str(f, "role", ""),
		Extra: f.rest(),
	}
}
