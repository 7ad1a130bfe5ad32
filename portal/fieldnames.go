package portal

import (
	"strconv"
	"strings"

	"github.com/familyportal/portal/locales"
)

// fieldName turns a JSON path of a plan document into words a worker knows:
// $.plan.actions[2].by -> "Plan: action 3: by when" (list items are numbered from 1). Keys the portal has no words for are
// shown as they are, with spaces for underscores, so a new field still reads.
func fieldName(tr locales.Translator, path string) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	if rest == "" {
		return tr.T("field.document")
	}
	var words []string
	for _, segment := range strings.Split(rest, ".") {
		key, index, indexed := strings.Cut(segment, "[")
		n, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
		id := "field." + key
		switch {
		case indexed && err == nil && tr.Has(id):
			words = append(words, tr.T(id)+" "+strconv.Itoa(n+1))
		case !indexed && tr.Has(id):
			words = append(words, tr.T(id))
		default:
			words = append(words, strings.ReplaceAll(segment, "_", " "))
		}
	}
	words[0] = upperFirst(words[0])
	return strings.Join(words, ": ")
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
