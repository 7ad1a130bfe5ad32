package render

import (
	"time"

	"github.com/familyportal/portal/render/document"
)

// PromiseLine is one of the service's promises to a family member, for the parent version.
type PromiseLine struct {
	Rule    string // referral_decision, minutes ...
	Status  string // due, kept, kept_late or late
	Started time.Time
	Due     time.Time
	Kept    time.Time
}

// promiseSentences says each promise in one sentence in the reader's language. A rule with
// no sentences in the catalogue (a council's own rule without its words yet) is left out.
func (b *familyBuilder) promiseSentences(lines []PromiseLine, child string) []string {
	var out []string
	for _, l := range lines {
		id := "promise." + l.Rule + "." + l.Status
		s := b.tr.T(id, "Started", b.date(document.NewDate(l.Started)), "Due", b.date(document.NewDate(l.Due)),
			"Kept", b.date(document.NewDate(l.Kept)), "Child", child)
		if s != id {
			out = append(out, s)
		}
	}
	return out
}
