package document

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Extra is what a JSON object held beyond the fields this version reads. Writing the document
// back puts every field where it was, the unknown ones unchanged, and keeps known fields that
// were given empty ("email": "") so that nothing the sender wrote is lost.
type Extra struct {
	order   []string                   // every key, in document order
	unknown map[string]json.RawMessage // fields this version does not read
	zeroes  map[string]json.RawMessage // known fields given as "", [], {}, false or null
}

// Unknown returns the names of the fields this version does not read, in document order.
func (e Extra) Unknown() []string {
	var keys []string
	for _, k := range e.order {
		if _, ok := e.unknown[k]; ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// field is one known field to write: its key, its value, and whether the value is empty.
type field struct {
	key   string
	value any
	empty bool
}

func anyField(key string, value any, empty bool) field { return field{key, value, empty} }
func strField(key, v string) field                     { return field{key, v, v == ""} }
func dateField(key string, v Date) field               { return field{key, v, v.IsZero()} }
func textField(key string, v Text) field               { return field{key, v, v.IsZero()} }
func listField[T any](key string, v []T) field         { return field{key, v, len(v) == 0} }

// writeObject writes known fields and extra in the order the document had them; known fields
// that are new since (set by an edit) follow.
func writeObject(fields []field, e Extra) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	member := func(key string, raw []byte) {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := marshal(key)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(raw)
	}
	known := make(map[string]field, len(fields))
	for _, fl := range fields {
		known[fl.key] = fl
	}
	write := func(fl field) error {
		if fl.empty {
			if raw, ok := e.zeroes[fl.key]; ok {
				member(fl.key, raw)
			}
			return nil
		}
		raw, err := marshal(fl.value)
		if err != nil {
			return fmt.Errorf("write %s: %w", fl.key, err)
		}
		member(fl.key, raw)
		return nil
	}
	done := make(map[string]bool, len(e.order))
	for _, k := range e.order {
		done[k] = true
		if fl, ok := known[k]; ok {
			if err := write(fl); err != nil {
				return nil, err
			}
		} else if raw, ok := e.unknown[k]; ok {
			member(k, raw)
		}
	}
	for _, fl := range fields {
		if !done[fl.key] {
			if err := write(fl); err != nil {
				return nil, err
			}
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and &, which plans are full of.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// JSON writes the document back as indented JSON.
func (d *Document) JSON() ([]byte, error) {
	compact, err := marshal(d)
	if err != nil {
		return nil, fmt.Errorf("write plan document: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, fmt.Errorf("write plan document: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func (d Document) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("schema", d.Schema),
		anyField("child", d.Child, false),
		listField("family", d.Family),
		listField("team", d.Team),
		anyField("plan", d.Plan, false),
		listField("meetings", d.Meetings),
	}, d.Extra)
}

func (c Child) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", c.Ref), strField("name", c.Name), strField("known_as", c.KnownAs),
		dateField("date_of_birth", c.DateOfBirth), strField("pronouns", c.Pronouns),
		strField("first_language", c.FirstLanguage), listField("communication_needs", c.CommunicationNeeds),
	}, c.Extra)
}

func (m FamilyMember) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", m.Ref), strField("name", m.Name), strField("relationship", m.Relationship),
		anyField("parental_responsibility", m.ParentalResponsibility, !m.ParentalResponsibility),
		strField("language", m.Language), listField("needs", m.Needs), strField("email", m.Email), strField("phone", m.Phone),
	}, m.Extra)
}

func (t TeamMember) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("role", t.Role), strField("name", t.Name), strField("phone", t.Phone),
		strField("email", t.Email), strField("visits", t.Visits),
	}, t.Extra)
}

func (p Plan) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", p.Ref), strField("kind", p.Kind),
		dateField("approved_on", p.ApprovedOn), dateField("next_review", p.NextReview),
		textField("why", p.Why), listField("going_well", p.GoingWell), listField("worries", p.Worries),
		listField("outcomes", p.Outcomes), listField("actions", p.Actions),
		textField("keeping_safe", p.KeepingSafe), textField("if_things_go_wrong", p.IfThingsGoWrong),
		listField("not_negotiable", p.NotNegotiable),
		anyField("child_views", p.ChildViews, p.ChildViews.Text.IsZero() && p.ChildViews.HowGathered.IsZero() && len(p.ChildViews.order) == 0),
		listField("family_views", p.FamilyViews), textField("family_time", p.FamilyTime),
		listField("private_sections", p.PrivateSections),
	}, p.Extra)
}

func (o Outcome) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", o.Ref), textField("text", o.Text), textField("how_we_will_know", o.HowWeWillKnow),
	}, o.Extra)
}

func (a Action) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", a.Ref), textField("what", a.What), strField("who", a.Who), dateField("by", a.By),
		strField("outcome", a.Outcome), strField("status", a.Status),
	}, a.Extra)
}

func (v ChildViews) MarshalJSON() ([]byte, error) {
	return writeObject([]field{textField("text", v.Text), textField("how_gathered", v.HowGathered)}, v.Extra)
}

func (v FamilyView) MarshalJSON() ([]byte, error) {
	return writeObject([]field{strField("by", v.By), textField("text", v.Text)}, v.Extra)
}

func (m Meeting) MarshalJSON() ([]byte, error) {
	return writeObject([]field{
		strField("ref", m.Ref), strField("kind", m.Kind), dateField("held_on", m.HeldOn),
		textField("place", m.Place), textField("purpose", m.Purpose),
		listField("attendees", m.Attendees), listField("apologies", m.Apologies),
		textField("summary", m.Summary), listField("decisions", m.Decisions), listField("actions", m.Actions),
		dateField("next_meeting", m.NextMeeting),
	}, m.Extra)
}

func (p Person) MarshalJSON() ([]byte, error) {
	return writeObject([]field{strField("name", p.Name), strField("role", p.Role)}, p.Extra)
}

// MarshalJSON writes a text as a plain string when that is all it is, else as an object.
func (t Text) MarshalJSON() ([]byte, error) {
	if !t.asObject && t.ForChild == "" && t.Share == "" && t.Reason == "" && len(t.Translations) == 0 && len(t.order) == 0 {
		return marshal(t.Text)
	}
	return writeObject([]field{
		strField("text", t.Text), strField("for_child", t.ForChild), strField("share", string(t.Share)),
		strField("reason", t.Reason), anyField("translations", t.Translations, len(t.Translations) == 0),
	}, t.Extra)
}

func (d Date) MarshalJSON() ([]byte, error) { return marshal(d.written) }
