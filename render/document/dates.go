package document

import "time"

// Dates yields a pointer to every date in the document, for code that moves them all.
func (d *Document) Dates() []*Date {
	dates := []*Date{&d.Child.DateOfBirth, &d.Plan.ApprovedOn, &d.Plan.NextReview}
	for i := range d.Plan.Actions {
		dates = append(dates, &d.Plan.Actions[i].By)
	}
	for i := range d.Meetings {
		m := &d.Meetings[i]
		dates = append(dates, &m.HeldOn, &m.NextMeeting)
		for j := range m.Actions {
			dates = append(dates, &m.Actions[j].By)
		}
	}
	return dates
}

// ShiftDates moves every date in the document by days, keeping the story's intervals: the
// demo uses it to make its meeting always "8 days ago".
func (d *Document) ShiftDates(days int) {
	for _, date := range d.Dates() {
		if !date.IsZero() {
			*date = NewDate(date.Time.Add(time.Duration(days) * 24 * time.Hour))
		}
	}
}

// LastMeetingHeld returns the date of the latest meeting held on or before day, or a zero Date.
func (d *Document) LastMeetingHeld(day time.Time) Date {
	var last Date
	for _, m := range d.Meetings {
		if !m.HeldOn.IsZero() && !m.HeldOn.Time.After(day) && (last.IsZero() || m.HeldOn.Time.After(last.Time)) {
			last = m.HeldOn
		}
	}
	return last
}
