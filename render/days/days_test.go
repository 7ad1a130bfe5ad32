package days

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The bank holidays published for each nation, 2025 to 2028, substitute days included.
var bankHolidays = map[Nation]map[int][]string{
	EnglandAndWales: {
		2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"},
	},
	Scotland: {
		2025: {"2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02", "2027-11-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-01-04", "2028-04-14", "2028-05-01", "2028-05-29", "2028-08-07", "2028-11-30", "2028-12-25", "2028-12-26"},
	},
	NorthernIreland: {
		2025: {"2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-03-17", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-07-12", "2028-08-28", "2028-12-25", "2028-12-26"},
	},
}

func TestBankHolidaysOfEachNation(t *testing.T) {
	for nation, years := range bankHolidays {
		c := NewCalendar(nation, nil)
		for year, want := range years {
			var got []string
			for day := d(want[0][:4] + "-01-01"); day.Year() == year; day = day.AddDate(0, 0, 1) {
				if strings.HasSuffix(c.NotWorking(day), "(bank holiday)") {
					got = append(got, day.Format(time.DateOnly))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %d:\n got  %v\n want %v", nation, year, got, want)
			}
		}
	}
}

func TestDue(t *testing.T) {
	christmasClosure := map[time.Time]string{d("2026-12-29"): "Christmas closure", d("2026-12-30"): "Christmas closure", d("2026-12-31"): "Christmas closure"}
	tests := []struct {
		name     string
		nation   Nation
		closed   map[time.Time]string
		event    string
		n        int
		working  bool
		want     string
		skipping int
	}{
		{"10 days of the meeting on Monday 3 November", EnglandAndWales, nil, "2025-11-03", 10, false, "2025-11-13", 0},
		{"calendar days may end on a Saturday", EnglandAndWales, nil, "2026-11-04", 10, false, "2026-11-14", 0},
		{"1 working day from a Friday", EnglandAndWales, nil, "2026-11-20", 1, true, "2026-11-23", 2},
		{"5 working days from a Friday", EnglandAndWales, nil, "2026-11-20", 5, true, "2026-11-27", 2},
		{"over Christmas, Boxing Day moved to Monday", EnglandAndWales, nil, "2026-12-18", 5, true, "2026-12-29", 6},
		{"over Christmas with the council closed", EnglandAndWales, christmasClosure, "2026-12-18", 5, true, "2027-01-04", 12},
		{"New Year in England", EnglandAndWales, nil, "2026-12-31", 1, true, "2027-01-04", 3},
		{"New Year in Scotland: 2 January moves to Monday", Scotland, nil, "2026-12-31", 1, true, "2027-01-05", 4},
		{"Easter in England", EnglandAndWales, nil, "2026-04-02", 5, true, "2026-04-13", 6},
		{"Easter in Scotland: no Easter Monday", Scotland, nil, "2026-04-02", 5, true, "2026-04-10", 3},
		{"the Twelfth in Northern Ireland", NorthernIreland, nil, "2027-07-09", 1, true, "2027-07-13", 3},
		{"St Andrew's Day in Scotland", Scotland, nil, "2026-11-27", 1, true, "2026-12-01", 3},
		{"10 working days for the first CIN meeting", EnglandAndWales, nil, "2027-05-27", 10, true, "2027-06-11", 5},
	}
	for _, tt := range tests {
		c := NewCalendar(tt.nation, tt.closed)
		got, skipped := c.Due(d(tt.event), tt.n, tt.working)
		if got.Format(time.DateOnly) != tt.want || len(skipped) != tt.skipping {
			t.Errorf("%s: due %s skipping %d days (%v), want %s skipping %d", tt.name, got.Format(time.DateOnly), len(skipped), skipped, tt.want, tt.skipping)
		}
	}
}

func TestWhy(t *testing.T) {
	c := NewCalendar(EnglandAndWales, map[time.Time]string{d("2026-12-29"): "Christmas closure"})
	for day, want := range map[string]string{
		"2026-12-26": "Saturday",
		"2026-12-28": "Boxing Day (bank holiday)",
		"2026-12-29": "council closure: Christmas closure",
		"2026-12-30": "",
	} {
		if got := c.NotWorking(d(day)); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
	if n := c.WorkingDaysBetween(d("2026-12-23"), d("2027-01-05")); n != 5 {
		t.Errorf("working days from 23 Dec to 5 Jan: %d, want 5 (24, 30, 31 Dec, 4, 5 Jan)", n)
	}
}

func TestParseNation(t *testing.T) {
	for in, want := range map[string]Nation{"england": EnglandAndWales, "wales": EnglandAndWales, "scotland": Scotland, "northern_ireland": NorthernIreland} {
		if got, err := ParseNation(in); err != nil || got != want {
			t.Errorf("%s: %s %v", in, got, err)
		}
	}
	if _, err := ParseNation("france"); err == nil {
		t.Error("france accepted")
	}
}
