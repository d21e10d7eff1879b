// Package jalali implements the Solar Hijri (Jalali) calendar, Iran's civil
// calendar, for Mahalleh: a Date type, conversion to and from Go's
// time.Time and the Gregorian calendar, parsing of dates as people type them,
// Persian and English formatting, and the month/season/year periods that
// reports are made for.
//
// The conversion arithmetic comes from github.com/jalaali/go-jalaali, a port
// of jalaali-js (Kazimierz Borkowski's algorithm: a table of "break" years
// between which leap years follow the 33-year cycle). The official Iranian
// calendar is astronomical (a year starts on the day of the March equinox if
// it falls before noon in Tehran); Borkowski's table was fitted to it, and the
// tests check it, year by year over 1300–1500 AP, against an independently
// computed equinox (all 201 Nowruz dates agree) and against known dates.
// The library was kept rather than rewritten because it passes those tests.
// Beware of the 2820-year (Birashk) rule that some "Persian calendar" code
// uses: it makes 1404 a leap year instead of 1403, one day off for a year.
//
// A Date is a civil day with no time and no zone. To turn an instant into a
// Date, pick the zone first: FromTime(t.In(Tehran())).
package jalali

import (
	"fmt"
	"sync"
	"time"

	jalaali "github.com/jalaali/go-jalaali"
)

// The years Valid accepts: the range of the conversion algorithm.
// Parse is stricter (ParseMinYear..ParseMaxYear).
const (
	MinYear = 1
	MaxYear = 3177
)

// Date is a day of the Solar Hijri calendar. Months are 1 (Farvardin) to 12
// (Esfand); days start at 1. The zero Date is not valid.
//
// Dates are comparable with == and can be used as map keys.
type Date struct {
	Year, Month, Day int
}

// New returns the Date y/m/d. It does not validate: call Valid, or use
// Parse for input from people.
func New(y, m, d int) Date { return Date{y, m, d} }

// IsLeap reports whether the Jalali year has 366 days (Esfand has 30 days).
// It returns false for years outside MinYear..MaxYear.
func IsLeap(year int) bool {
	if year < MinYear || year > MaxYear {
		return false
	}
	leap, err := jalaali.IsLeapYear(year)
	return err == nil && leap
}

// MonthLength returns the number of days in the month: 31 for months 1–6,
// 30 for 7–11, and 29 or 30 for Esfand. It returns 0 for a month outside
// 1..12.
func MonthLength(year, month int) int {
	switch {
	case month < 1 || month > 12:
		return 0
	case month <= 6:
		return 31
	case month <= 11:
		return 30
	case IsLeap(year):
		return 30
	}
	return 29
}

// YearLength returns 366 for a leap year and 365 otherwise.
func YearLength(year int) int {
	if IsLeap(year) {
		return 366
	}
	return 365
}

// Valid reports whether d is a day that exists in the calendar.
func (d Date) Valid() bool {
	return d.Year >= MinYear && d.Year <= MaxYear &&
		d.Day >= 1 && d.Day <= MonthLength(d.Year, d.Month)
}

// FromGregorian returns the Jalali date of the Gregorian day y-m-d.
// It fails if y-m-d does not exist or is outside the supported range.
func FromGregorian(y, m, d int) (Date, error) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("jalali: no Gregorian date %04d-%02d-%02d", y, m, d)
	}
	jy, jm, jd, err := jalaali.ToJalaali(y, time.Month(m), d)
	if err != nil || jy < MinYear || jy > MaxYear {
		return Date{}, fmt.Errorf("jalali: Gregorian date %04d-%02d-%02d is outside the supported range", y, m, d)
	}
	return Date{jy, int(jm), jd}, nil
}

// Gregorian returns the Gregorian year, month (1–12) and day of d.
// It returns 0, 0, 0 if d is not Valid.
func (d Date) Gregorian() (y, m, day int) {
	if !d.Valid() {
		return 0, 0, 0
	}
	gy, gm, gd, err := jalaali.ToGregorian(d.Year, jalaali.Month(d.Month), d.Day)
	if err != nil {
		return 0, 0, 0
	}
	return gy, int(gm), gd
}

// FromTime returns the civil date of t in t's own location. Mahalleh's
// dates are Tehran dates (a meeting at 01:00 Tehran time on 9 Mehr is on
// 9 Mehr even though it is still 8 Mehr in UTC), so pass t.In(Tehran()),
// not a UTC time.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	jd, err := FromGregorian(y, int(m), d)
	if err != nil {
		return Date{}
	}
	return jd
}

// Today returns the current date in loc (usually Tehran()).
func Today(loc *time.Location) Date {
	return FromTime(time.Now().In(loc))
}

// Time returns the first instant of d in loc: midnight, or the first
// instant after it when a daylight-saving change skipped midnight (Iran
// moved its clocks at 00:00 until 2022). It returns the zero time if d is
// not Valid.
func (d Date) Time(loc *time.Location) time.Time {
	gy, gm, gd := d.Gregorian()
	if gy == 0 {
		return time.Time{}
	}
	t := time.Date(gy, time.Month(gm), gd, 0, 0, 0, 0, loc)
	// Go picks either side of a gap; make sure we are on the asked day.
	for i := 0; i < 24; i++ {
		if y, m, dd := t.Date(); y == gy && int(m) == gm && dd == gd {
			break
		}
		t = t.Add(time.Hour)
	}
	return t
}

// AddDays returns d moved by n days (n may be negative). The result is
// invalid if d is, or if it leaves the supported range.
func (d Date) AddDays(n int) Date {
	gy, gm, gd := d.Gregorian()
	if gy == 0 {
		return Date{}
	}
	y, m, dd := civilFromDays(daysFromCivil(gy, gm, gd) + n)
	r, err := FromGregorian(y, m, dd)
	if err != nil {
		return Date{}
	}
	return r
}

// Sub returns the number of days from e to d (d - e): positive if d is
// later. Both dates must be Valid.
func (d Date) Sub(e Date) int {
	return d.dayNumber() - e.dayNumber()
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e. It
// compares fields, so it also orders invalid dates sensibly.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(d.Month - e.Month)
	}
	return sign(d.Day - e.Day)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String returns d as "1404/07/09" with Latin digits, for logs and
// debugging. Use FormatShort or FormatLong for people.
func (d Date) String() string { return FormatShortLatin(d) }

// Weekday is a day of the week counted the Iranian way: Saturday is 0 and
// Friday, the weekend, is 6.
type Weekday int

// The days of the week, Saturday first.
const (
	Saturday Weekday = iota
	Sunday
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
)

// Weekday returns the day of the week of d. It returns -1 if d is not
// Valid.
func (d Date) Weekday() Weekday {
	if !d.Valid() {
		return -1
	}
	// Day 0 of daysFromCivil (1970-01-01) was a Thursday.
	return Weekday((d.dayNumber()%7 + 7 + int(Thursday)) % 7)
}

// Std returns the time.Weekday of w (time.Saturday for Saturday, …).
func (w Weekday) Std() time.Weekday { return time.Weekday((int(w) + 6) % 7) }

// WeekdayOf converts a time.Weekday to a Saturday-first Weekday.
func WeekdayOf(w time.Weekday) Weekday { return Weekday((int(w) + 1) % 7) }

// dayNumber returns the number of days from 1970-01-01 to d.
func (d Date) dayNumber() int {
	gy, gm, gd := d.Gregorian()
	return daysFromCivil(gy, gm, gd)
}

var (
	tehranOnce sync.Once
	tehran     *time.Location
)

// Tehran returns the Asia/Tehran location. If the system has no time zone
// database (a Windows machine without Go's embedded tzdata), it falls back
// to a fixed UTC+03:30 zone, which is exact since Iran abolished daylight
// saving time in 2022 and wrong by an hour only for summer dates before it.
// The app's main package should import time/tzdata to avoid the fallback.
func Tehran() *time.Location {
	tehranOnce.Do(func() {
		loc, err := time.LoadLocation("Asia/Tehran")
		if err != nil {
			loc = time.FixedZone("+0330", 3*3600+30*60)
		}
		tehran = loc
	})
	return tehran
}

// daysFromCivil returns the days from 1970-01-01 to the proleptic Gregorian
// date y-m-d (Howard Hinnant's algorithm, exact for any int year).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = (mp+2)%12 + 1
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysIn returns the length of a Gregorian month.
func daysIn(y, m int) int {
	return civilDay(y, m+1) - civilDay(y, m)
}

func civilDay(y, m int) int {
	if m == 13 {
		y, m = y+1, 1
	}
	return daysFromCivil(y, m, 1)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
