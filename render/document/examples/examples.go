// Package examples holds example plan documents: the demo family of the fictional Northbridge
// City Council (plans that read like real ones: jargon, withheld items, Urdu and Polish
// speakers, a 16-year-old) and broken.json, with deliberate mistakes for trying out import.
// The demo server seeds from them; render's tests read them.
package examples

import (
	"embed"
	"fmt"

	"github.com/familyportal/portal/render/document"
)

//go:embed *.json
var files embed.FS

// Family are the demo family's documents, in the order they are imported.
var Family = []string{"amira.json", "bilal.json"}

// File returns one example file as written.
func File(name string) ([]byte, error) { return files.ReadFile(name) }

// Document parses one example file.
func Document(name string) (*document.Document, error) {
	data, err := File(name)
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", name, err)
	}
	doc, err := document.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", name, err)
	}
	return doc, nil
}
