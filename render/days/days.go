// Package days counts days for the service's promises: calendar days, or working days that
// skip weekends, the bank holidays of the council's nation (with their substitute days) and
// the council's own closure days. It is pure: dates in, dates out.
//
// The day of the event never counts: "within 10 days of the meeting on Monday 3 November"
// is by Thursday 13 November, and "within 5 working days of a referral on Friday" is by the
// next Friday.
package days

import (
	"fmt"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// Nation is whose bank holidays count.
type Nation string

// The nations of the UK, as the council is set up.
const (
	EnglandAndWales = Nation("england-and-wales")
	Scotland        = Nation("scotland")
	NorthernIreland = Nation("northern-ireland")
)

// Nations lists them, for flags and settings.
var Nations = []Nation{EnglandAndWales, Scotland, NorthernIreland}

// ParseNation reads a nation as written in settings and flags ("england" and "wales" are
// England and Wales).
func ParseNation(s string) (Nation, error) {
	switch s {
	case "england-and-wales", "england", "wales", "":
		return EnglandAndWales, nil
	case "scotland":
		return Scotland, nil
	case "northern-ireland", "northern_ireland":
		return NorthernIreland, nil
	}
	return "", fmt.Errorf("%q is not a UK nation: use england-and-wales, scotland or northern-ireland", s)
}

// substitute moves a holiday that falls at the weekend to the next Monday.
var substitute = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}

// Holidays rickar/cal's gb package does not have.
var (
	secondJanuary = &cal.Holiday{Name: "2nd January", Type: cal.ObservanceBank, Month: time.January, Day: 2,
		Func: cal.CalcDayOfMonth,
		// 2 January moves past a weekend and past New Year's substitute Monday.
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}, {Day: time.Monday, Offset: 1}}}
	stAndrewsDay = &cal.Holiday{Name: "St Andrew's Day", Type: cal.ObservanceBank, Month: time.November, Day: 30,
		Func: cal.CalcDayOfMonth, Observed: substitute}
	stPatricksDay = &cal.Holiday{Name: "St Patrick's Day", Type: cal.ObservanceBank, Month: time.March, Day: 17,
		Func: cal.CalcDayOfMonth, Observed: substitute}
	battleOfTheBoyne = &cal.Holiday{Name: "Battle of the Boyne (Orangemen's Day)", Type: cal.ObservanceBank, Month: time.July, Day: 12,
		Func: cal.CalcDayOfMonth, Observed: substitute}
)

// holidaysOf are the bank holidays of a nation.
func holidaysOf(n Nation) []*cal.Holiday {
	ew := gb.Holidays
	switch n {
	case Scotland:
		var out []*cal.Holiday
		for _, h := range ew {
			switch h {
			case gb.EasterMonday, gb.SummerHoliday: // not bank holidays in Scotland
			default:
				out = append(out, h)
			}
		}
		return append(out, secondJanuary, gb.SummerHolidayScotland, stAndrewsDay)
	case NorthernIreland:
		return append(append([]*cal.Holiday{}, ew...), stPatricksDay, battleOfTheBoyne)
	}
	return ew
}

// Calendar says which days are working days for one council.
type Calendar struct {
	nation   Nation
	holidays []*cal.Holiday
	closed   map[time.Time]string // the council's closure days, with why

	mu     sync.Mutex
	byYear map[int]map[time.Time]string // observed bank holidays, worked out once a year
}

// NewCalendar is the calendar of a council in nation, closed also on the days given.
func NewCalendar(nation Nation, closures map[time.Time]string) *Calendar {
	c := &Calendar{nation: nation, holidays: holidaysOf(nation), closed: map[time.Time]string{}, byYear: map[int]map[time.Time]string{}}
	for d, why := range closures {
		c.closed[Day(d)] = why
	}
	return c
}

// Day is the calendar day of t, at midnight UTC.
func Day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func (c *Calendar) bankHolidays(year int) map[time.Time]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.byYear[year]; ok {
		return h
	}
	h := map[time.Time]string{}
	for _, hol := range c.holidays {
		if _, observed := hol.Calc(year); !observed.IsZero() {
			h[Day(observed)] = hol.Name
		}
	}
	c.byYear[year] = h
	return h
}

// NotWorking says why a day is not a working day ("Saturday", "Christmas Day (bank
// holiday)", "council closure: ..."), or "" for a working day.
func (c *Calendar) NotWorking(t time.Time) string {
	d := Day(t)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return wd.String()
	}
	if name, ok := c.bankHolidays(d.Year())[d]; ok {
		return name + " (bank holiday)"
	}
	if why, ok := c.closed[d]; ok {
		return "council closure: " + why
	}
	return ""
}

// Skip is a day that did not count, and why.
type Skip struct {
	Day time.Time
	Why string
}

// Due is the last day of a promise of n days after the day of an event: n calendar days,
// or n working days. With working days it also returns the days it skipped and why.
func (c *Calendar) Due(event time.Time, n int, working bool) (time.Time, []Skip) {
	d := Day(event)
	if !working {
		return d.AddDate(0, 0, n), nil
	}
	var skipped []Skip
	for counted := 0; counted < n; {
		d = d.AddDate(0, 0, 1)
		if why := c.NotWorking(d); why != "" {
			skipped = append(skipped, Skip{Day: d, Why: why})
			continue
		}
		counted++
	}
	return d, skipped
}

// WorkingDaysBetween counts the working days after from up to and including to (0 when to
// is not after from): how many working days are left before a promise is due.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	n := 0
	for d := Day(from).AddDate(0, 0, 1); !d.After(Day(to)); d = d.AddDate(0, 0, 1) {
		if c.NotWorking(d) == "" {
			n++
		}
	}
	return n
}
