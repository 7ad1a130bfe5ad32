package document

import (
	"bytes"
	"encoding/json"
)

// node is one JSON value of a document already known to be valid JSON: its bytes, and for an
// object its members in document order, for a list its elements. Reading the document once
// into nodes keeps parsing linear, however deep the plan nests.
type node struct {
	raw     []byte
	members []member
	elems   []*node
}

type member struct {
	key   string
	value *node
}

// parseTree reads valid JSON (checked by checkBytes) into nodes that share data's bytes.
func parseTree(data []byte) *node {
	p := treeParser{data: data}
	return p.value()
}

type treeParser struct {
	data []byte
	pos  int
}

func (p *treeParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

// next skips space and returns the next byte without consuming it.
func (p *treeParser) next() byte {
	p.space()
	return p.data[p.pos]
}

func (p *treeParser) value() *node {
	n := &node{}
	p.space()
	start := p.pos
	switch p.data[p.pos] {
	case '{':
		p.pos++
		for p.next() != '}' {
			key := p.str()
			p.next()
			p.pos++ // the colon
			n.members = append(n.members, member{decodeString(key), p.value()})
			if p.next() == ',' {
				p.pos++
			}
		}
		p.pos++
	case '[':
		p.pos++
		for p.next() != ']' {
			n.elems = append(n.elems, p.value())
			if p.next() == ',' {
				p.pos++
			}
		}
		p.pos++
	case '"':
		p.str()
	default: // a number, true, false or null
		for p.pos < len(p.data) && !endsScalar(p.data[p.pos]) {
			p.pos++
		}
	}
	n.raw = p.data[start:p.pos]
	return n
}

func endsScalar(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// str skips a string and returns it with its quotes.
func (p *treeParser) str() []byte {
	p.space()
	start := p.pos
	p.pos++
	for p.data[p.pos] != '"' {
		if p.data[p.pos] == '\\' {
			p.pos++
		}
		p.pos++
	}
	p.pos++
	return p.data[start:p.pos]
}

// decodeString turns a quoted JSON string into its text.
func decodeString(raw []byte) string {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner)
	}
	var s string
	json.Unmarshal(raw, &s)
	return s
}
