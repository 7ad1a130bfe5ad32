// Package plain is the plain-language engine: a glossary of children's social care terms,
// a detector that finds them (and acronyms nobody explained) in a text in one pass, and
// readability figures. It is pure: the glossary is embedded and read once, checking does no
// I/O. Explanations come from go-i18n messages (locales/glossary.*.toml), so they translate
// like every other word a family reads.
package plain

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/familyportal/portal/locales"
)

//go:embed glossary.json
var glossaryJSON []byte

// Kinds of glossary entry.
const (
	KindAcronym = "acronym"
	KindLegal   = "legal"
	KindJargon  = "jargon"
	KindRole    = "role"
	KindService = "service"
)

// Entry is one glossary term with every way it is written.
type Entry struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Term     string   `json:"term"`
	Variants []string `json:"variants"`
	Nations  []string `json:"nations"`
}

// Message IDs of an entry's words in the locales catalogue.
func (e *Entry) parentID() string { return "glossary." + e.ID + ".parent" }
func (e *Entry) childID() string  { return "glossary." + e.ID + ".child" }
func (e *Entry) plainID() string  { return "glossary." + e.ID + ".plain" }

// ForParents is the entry's plain explanation for a parent, in tr's language.
func (e *Entry) ForParents(tr locales.Translator) string { return tr.T(e.parentID()) }

// ForChild is the entry's explanation a child of 8 can follow.
func (e *Entry) ForChild(tr locales.Translator) string { return tr.T(e.childID()) }

// Suggestion is plain words to write instead, or "" when there are none.
func (e *Entry) Suggestion(tr locales.Translator) string {
	if !tr.Has(e.plainID()) {
		return ""
	}
	return tr.T(e.plainID())
}

// Glossary is the set of terms and the automaton that finds them.
type Glossary struct {
	entries []*Entry
	byID    map[string]*Entry
	root    *trieNode
	caps    map[string]bool // every all-capitals variant, so they are never "unexplained"
	tokens  sync.Pool       // *[]token, reused between calls to Find
}

// LoadGlossary reads the embedded glossary and builds its automaton.
func LoadGlossary() (*Glossary, error) {
	var entries []*Entry
	if err := json.Unmarshal(glossaryJSON, &entries); err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	g := &Glossary{byID: map[string]*Entry{}, root: newTrieNode(), caps: map[string]bool{}}
	g.tokens.New = func() any { return new([]token) }
	for _, e := range entries {
		if _, dup := g.byID[e.ID]; dup {
			return nil, fmt.Errorf("read glossary: %s appears twice", e.ID)
		}
		g.byID[e.ID] = e
		g.entries = append(g.entries, e)
		for _, v := range e.Variants {
			if err := g.add(e, v); err != nil {
				return nil, fmt.Errorf("read glossary %s: %w", e.ID, err)
			}
		}
	}
	return g, nil
}

// Entries returns every entry, in glossary order.
func (g *Glossary) Entries() []*Entry { return g.entries }

// Entry returns the entry with id, or nil.
func (g *Glossary) Entry(id string) *Entry { return g.byID[id] }

// isCapitals reports whether a variant is written in capitals (an acronym such as LAC or
// PA), which the detector matches in exactly that case.
func isCapitals(v string) bool {
	return strings.ToUpper(v) == v && strings.ToLower(v) != v
}
