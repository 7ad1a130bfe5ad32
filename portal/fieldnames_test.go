package portal

import (
	"testing"

	"github.com/familyportal/portal/locales"
)

func TestFieldNames(t *testing.T) {
	catalog, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	tr := catalog.Translator("en")
	for path, want := range map[string]string{
		"$":                                "The document",
		"$.child.date_of_birth":            "Child: date of birth",
		"$.plan.actions[2].by":             "Plan: action 3: by when",
		"$.family[0].language":             "Family member 1: language",
		"$.meetings[1].decisions[0].text":  "Meeting 2: decision 1: words",
		"$.plan.worries[0].for_child":      "Plan: worry 1: child's wording",
		"$.plan.custom_field[4].some_note": "Plan: custom field[4]: some note",
	} {
		if got := fieldName(tr, path); got != want {
			t.Errorf("fieldName(%s) = %q, want %q", path, got, want)
		}
	}
}
