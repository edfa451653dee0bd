package sandbox

import (
	"fmt"
	"time"
)

// sast is South African Standard Time (UTC+2, no daylight saving). The bank's
// "today" is a date in this zone, whatever the machine's zone is. A fixed
// zone avoids depending on the tzdata database.
var sast = time.FixedZone("SAST", 2*60*60)

// day is a calendar date counted in days since 1970-01-01. All bank dates
// (posting, value, action and transaction dates) are days: integer
// arithmetic, cheap to store a million of, and impossible to confuse with a
// time of day.
type day int32

// dayOf returns the calendar date of t in South Africa.
func dayOf(t time.Time) day {
	y, m, d := t.In(sast).Date()
	return civilDay(y, int(m), d)
}

// civilDay converts a proleptic Gregorian date to a day number (Howard
// Hinnant's days_from_civil).
func civilDay(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468) //nolint:gosec // G115: dates within ±5 million years fit
}

// civil returns the year, month and day of d (Hinnant's civil_from_days).
func (d day) civil() (y, m, dd int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, dd
}

// weekday returns the day of the week (1970-01-01 was a Thursday).
func (d day) weekday() time.Weekday {
	w := (int(d) + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// weekend reports whether d is a Saturday or Sunday.
func (d day) weekend() bool {
	w := d.weekday()
	return w == time.Saturday || w == time.Sunday
}

// daysInMonth returns the number of days in the month of d.
func (d day) daysInMonth() int {
	y, m, _ := d.civil()
	return int(civilDay(y, m+1, 1) - civilDay(y, m, 1))
}

// addMonths returns the same day of the month n months later (or earlier),
// clamped to the end of shorter months.
func (d day) addMonths(n int) day {
	y, m, dd := d.civil()
	m += n
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	first := civilDay(y, m, 1)
	return first + day(min(dd, first.daysInMonth())-1) //nolint:gosec // G115: 0..30
}

// String formats d as YYYY-MM-DD.
func (d day) String() string { return string(d.appendISO(nil)) }

// appendISO appends d as YYYY-MM-DD without allocating a time.Time.
func (d day) appendISO(b []byte) []byte {
	y, m, dd := d.civil()
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, m)
	b = append(b, '-')
	return append2(b, dd)
}

// appendDMY appends d as dd/MM/yyyy, the format Investec uses for payment
// dates and a beneficiary's last payment date.
func (d day) appendDMY(b []byte) []byte {
	y, m, dd := d.civil()
	b = append2(b, dd)
	b = append(b, '/')
	b = append2(b, m)
	b = append(b, '/')
	return append4(b, y)
}

// dmy formats d as dd/MM/yyyy.
func (d day) dmy() string { return string(d.appendDMY(nil)) }

// compact formats d as yyyyMMdd, as used inside a transaction uuid.
func (d day) compact() string {
	y, m, dd := d.civil()
	b := append4(nil, y)
	b = append2(b, m)
	return string(append2(b, dd))
}

// at returns the instant hh:mm:ss.ms on d in South Africa.
func (d day) at(hh, mm, ss, ms int) time.Time {
	y, m, dd := d.civil()
	return time.Date(y, time.Month(m), dd, hh, mm, ss, ms*int(time.Millisecond), sast)
}

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10%10), byte('0'+v%10))
}

func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000%10), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// parseDay parses a YYYY-MM-DD date. It rejects anything else, including
// impossible dates such as 2026-02-30.
func parseDay(s string) (day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	return civilDay(t.Year(), int(t.Month()), t.Day()), nil
}
