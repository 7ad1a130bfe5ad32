package document

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a document: where (a JSON path such as
// $.plan.actions[2].by), a stable code for programs, and a plain sentence for people.
type Problem struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// Problem codes. Programs (and translations of the messages) key on these.
const (
	CodeEmpty        = "empty"
	CodeTooLarge     = "too_large"
	CodeTooDeep      = "too_deep"
	CodeBOM          = "byte_order_mark"
	CodeNotUTF8      = "not_utf8"
	CodeNotJSON      = "not_json"
	CodeWrongType    = "wrong_type"
	CodeMissing      = "missing"
	CodeDuplicate    = "duplicate"
	CodeNotDate      = "not_date"
	CodeNotInList    = "not_in_list"
	CodeUnresolved   = "unresolved"
	CodeBadLanguage  = "bad_language"
	CodeBadEmail     = "bad_email"
	CodeInconsistent = "inconsistent"
)

// Problems is every problem found in a document. It is the error Parse returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps *Problems) add(path, code, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)})
}

// fieldOrder is the order fields are read in, so problems can be listed top to bottom.
// Plan-only and meeting-only fields interleave without clashing.
var fieldOrder = func() map[string]int {
	order := []string{
		"schema", "child", "family", "team", "plan", "meetings",
		"ref", "name", "known_as", "date_of_birth", "pronouns", "first_language", "communication_needs",
		"relationship", "parental_responsibility", "language", "needs", "role", "email", "phone", "visits",
		"kind", "approved_on", "next_review", "why", "going_well", "worries",
		"held_on", "place", "purpose", "attendees", "apologies", "summary", "decisions",
		"outcomes", "actions", "next_meeting", "keeping_safe", "if_things_go_wrong", "not_negotiable",
		"child_views", "family_views", "family_time", "private_sections",
		"text", "how_we_will_know", "what", "who", "by", "outcome", "status", "how_gathered",
		"for_child", "share", "reason", "translations",
	}
	m := make(map[string]int, len(order))
	for i, k := range order {
		m[k] = i
	}
	return m
}()

// pathSegments splits "$.plan.actions[2].by" into "plan", "actions", "[2]", "by".
func pathSegments(path string) []string {
	var segs []string
	for _, part := range strings.Split(strings.TrimPrefix(path, "$"), ".") {
		for part != "" {
			i := strings.IndexByte(part[1:], '[')
			if i < 0 {
				segs = append(segs, part)
				break
			}
			segs = append(segs, part[:i+1])
			part = part[i+1:]
		}
	}
	return segs
}

// comparePaths orders JSON paths as the document reads: list elements by number, fields in
// the order of the schema, unknown fields after the known ones.
func comparePaths(a, b string) int {
	as, bs := pathSegments(a), pathSegments(b)
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := compareSegments(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return len(as) - len(bs)
}

func compareSegments(a, b string) int {
	if strings.HasPrefix(a, "[") && strings.HasPrefix(b, "[") {
		var x, y int
		fmt.Sscanf(a, "[%d]", &x)
		fmt.Sscanf(b, "[%d]", &y)
		return x - y
	}
	ra, oka := fieldOrder[a]
	rb, okb := fieldOrder[b]
	switch {
	case oka && okb:
		return ra - rb
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}
