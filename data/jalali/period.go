package jalali

import (
	"strconv"
	"time"

	"mahalleh/data/persian"
)

// PeriodKind is the length of a reporting period. Performance reports
// (گزارش عملکرد) are made per month, per season or per year, always on
// Jalali boundaries: a "month" is Mehr, not October.
type PeriodKind int

// The kinds of Period.
const (
	PeriodMonth PeriodKind = iota + 1
	PeriodSeason
	PeriodYear
)

// Period is a whole Jalali month, season or year. Start and End are the
// first and the last day, both included, as people say them ("from 1 Mehr
// to 30 Mehr"). For database queries use UTCRange, which is half-open.
//
// The zero Period (Kind 0) is invalid; constructors return it for
// arguments out of range.
type Period struct {
	Start, End Date
	Kind       PeriodKind
}

// Month returns the month m (1–12) of year y.
func Month(y, m int) Period {
	if y < MinYear || y > MaxYear || m < 1 || m > 12 {
		return Period{}
	}
	return Period{Date{y, m, 1}, Date{y, m, MonthLength(y, m)}, PeriodMonth}
}

// Season returns season q of year y: 1 بهار (spring, months 1–3), 2 تابستان
// (summer, 4–6), 3 پاییز (autumn, 7–9) or 4 زمستان (winter, 10–12).
func Season(y, q int) Period {
	if y < MinYear || y > MaxYear || q < 1 || q > 4 {
		return Period{}
	}
	last := q * 3
	return Period{Date{y, last - 2, 1}, Date{y, last, MonthLength(y, last)}, PeriodSeason}
}

// Year returns the whole year y, 1 Farvardin to the end of Esfand.
func Year(y int) Period {
	if y < MinYear || y > MaxYear {
		return Period{}
	}
	return Period{Date{y, 1, 1}, Date{y, 12, MonthLength(y, 12)}, PeriodYear}
}

// Containing returns the period of the given kind that contains d, e.g. the
// current season for a "this season" report. It returns the zero Period if
// d is not Valid or kind is unknown.
func Containing(kind PeriodKind, d Date) Period {
	if !d.Valid() {
		return Period{}
	}
	switch kind {
	case PeriodMonth:
		return Month(d.Year, d.Month)
	case PeriodSeason:
		return Season(d.Year, SeasonOf(d.Month))
	case PeriodYear:
		return Year(d.Year)
	}
	return Period{}
}

// SeasonOf returns the season (1–4) of month m (1–12), or 0.
func SeasonOf(m int) int {
	if m < 1 || m > 12 {
		return 0
	}
	return (m + 2) / 3
}

// Valid reports whether p is a period made by a constructor.
func (p Period) Valid() bool {
	return p.Kind >= PeriodMonth && p.Kind <= PeriodYear && p.Start.Valid() && p.End.Valid()
}

// Next returns the period of the same kind right after p.
func (p Period) Next() Period {
	if !p.Valid() {
		return Period{}
	}
	return Containing(p.Kind, p.End.AddDays(1))
}

// Prev returns the period of the same kind right before p.
func (p Period) Prev() Period {
	if !p.Valid() {
		return Period{}
	}
	return Containing(p.Kind, p.Start.AddDays(-1))
}

// Contains reports whether d falls within p (both ends included).
func (p Period) Contains(d Date) bool {
	return p.Valid() && d.Valid() && !d.Before(p.Start) && !d.After(p.End)
}

// Days returns the number of days in p.
func (p Period) Days() int {
	if !p.Valid() {
		return 0
	}
	return p.End.Sub(p.Start) + 1
}

// Name returns the Persian label of p for report titles: "مهر ۱۴۰۴",
// "پاییز ۱۴۰۴" or "سال ۱۴۰۴".
func (p Period) Name() string {
	y := persian.Digits(strconv.Itoa(p.Start.Year))
	switch p.Kind {
	case PeriodMonth:
		return MonthName(p.Start.Month) + " " + y
	case PeriodSeason:
		return SeasonName(SeasonOf(p.Start.Month)) + " " + y
	case PeriodYear:
		return "سال " + y
	}
	return ""
}

// NameEnglish returns the English label of p: "Mehr 1404", "Autumn 1404"
// or "Year 1404".
func (p Period) NameEnglish() string {
	y := strconv.Itoa(p.Start.Year)
	switch p.Kind {
	case PeriodMonth:
		return MonthNameEnglish(p.Start.Month) + " " + y
	case PeriodSeason:
		return SeasonNameEnglish(SeasonOf(p.Start.Month)) + " " + y
	case PeriodYear:
		return "Year " + y
	}
	return ""
}

// UTCRange returns the instants that p covers in loc, as a half-open UTC
// range [start, end): start is the first instant of p.Start in loc and end
// the first instant of the day after p.End. Use it as
//
//	WHERE held_at >= ? AND held_at < ?
//
// so that no instant is counted in two periods or in none, whatever the
// clock did (Iran's old daylight-saving changes happened at midnight).
// Pass Tehran() for Mahalleh's reports. It returns zero times for an invalid
// period.
func (p Period) UTCRange(loc *time.Location) (start, end time.Time) {
	if !p.Valid() {
		return time.Time{}, time.Time{}
	}
	return p.Start.Time(loc).UTC(), p.End.AddDays(1).Time(loc).UTC()
}
