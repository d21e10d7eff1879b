package jalali

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mahalleh/data/persian"
)

// The years Parse accepts. A liaison office records meetings and deadlines
// of the present era; a year outside this range is a typo (or a Gregorian
// year), and saying so is kinder than storing 0404 or 2025 as a Jalali year.
const (
	ParseMinYear = 1200
	ParseMaxYear = 1600
)

// Reason says why Parse rejected its input.
type Reason int

// Reasons for a ParseError.
const (
	ReasonSyntax    Reason = iota + 1 // not of the form year/month/day
	ReasonYear                        // year outside ParseMinYear..ParseMaxYear
	ReasonGregorian                   // year looks Gregorian (e.g. 2025)
	ReasonDayFirst                    // looks like day/month/year
	ReasonMonth                       // month outside 1..12
	ReasonDay                         // day 0 or past the end of the month
	ReasonTime                        // the time part is not a valid hh:mm
)

// ParseError reports input that is not a date. Error gives an English
// message for logs; Persian gives the message to show the person who typed
// it.
type ParseError struct {
	Input            string // what was passed to Parse, as typed
	Reason           Reason
	Year, Month, Day int // the numbers read, when the syntax was right
}

// Error returns the English message, for logs.
func (e *ParseError) Error() string {
	q := strconv.Quote(shorten(e.Input))
	switch e.Reason {
	case ReasonYear:
		return "jalali: date " + q + ": year " + strconv.Itoa(e.Year) + " is outside " +
			strconv.Itoa(ParseMinYear) + "–" + strconv.Itoa(ParseMaxYear)
	case ReasonGregorian:
		return "jalali: date " + q + ": year " + strconv.Itoa(e.Year) + " looks Gregorian; a Solar Hijri date is expected"
	case ReasonDayFirst:
		return "jalali: date " + q + ": the year must come first (year/month/day)"
	case ReasonMonth:
		return "jalali: date " + q + " does not exist: there is no month " + strconv.Itoa(e.Month)
	case ReasonDay:
		return "jalali: date " + q + " does not exist: " + MonthNameEnglish(e.Month) + " " +
			strconv.Itoa(e.Year) + " has " + strconv.Itoa(MonthLength(e.Year, e.Month)) + " days"
	case ReasonTime:
		return "jalali: date and time " + q + ": the time is not a valid hh:mm"
	}
	return "jalali: " + q + " is not a date; expected year/month/day such as 1404/07/09"
}

// Persian returns the message for the UI, with Persian digits, e.g.
// "تاریخ «۱۴۰۴/۱۲/۳۰» وجود ندارد: اسفند ۱۴۰۴ ۲۹ روز دارد."
func (e *ParseError) Persian() string {
	q := "«" + persian.Digits(shorten(strings.TrimSpace(e.Input))) + "»"
	n := func(i int) string { return persian.Digits(strconv.Itoa(i)) }
	switch e.Reason {
	case ReasonYear:
		return "سال " + n(e.Year) + " در تاریخ " + q + " پذیرفتنی نیست: سال باید بین " +
			n(ParseMinYear) + " و " + n(ParseMaxYear) + " باشد."
	case ReasonGregorian:
		return "تاریخ " + q + " میلادی به نظر می\u200cرسد: تاریخ را شمسی بنویسید، مثل ۱۴۰۴/۰۷/۰۹."
	case ReasonDayFirst:
		return "در تاریخ " + q + " سال باید اول بیاید: سال/ماه/روز، مثل ۱۴۰۴/۰۷/۰۹."
	case ReasonMonth:
		return "تاریخ " + q + " وجود ندارد: ماه باید بین ۱ و ۱۲ باشد."
	case ReasonDay:
		return "تاریخ " + q + " وجود ندارد: " + MonthName(e.Month) + " " + n(e.Year) + " " +
			n(MonthLength(e.Year, e.Month)) + " روز دارد."
	case ReasonTime:
		return "ساعت در " + q + " درست نیست: ساعت را به شکل ۱۶:۳۰ بنویسید."
	}
	return q + " تاریخ نیست: تاریخ را به شکل ۱۴۰۴/۰۷/۰۹ بنویسید."
}

// shorten keeps error messages readable when someone pastes a paragraph.
func shorten(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// Parse reads a date the way people type it: year/month/day, with
// Persian, Arabic-Indic or Latin digits (mixed too), with "/", "-", "." or
// the Persian decimal mark "٫" between the parts (the same one twice),
// with or without leading zeros, and with spaces or invisible bidi marks
// around it (copying a date from a right-to-left document often brings an
// RLM along). So ۱۴۰۴/۰۷/۰۹, 1404/07/09, 1404-7-9, 1404.7.9 and
// ١٤٠٤/٠٧/٠٩ are all 9 Mehr 1404.
//
// It rejects dates that do not exist (1404/12/30: 1404 is not a leap year),
// years outside ParseMinYear..ParseMaxYear and anything else, with a
// *ParseError.
func Parse(s string) (Date, error) {
	d, err := parseDate(prepare(s))
	if err != nil {
		err.Input = s
		return Date{}, err
	}
	return d, nil
}

// ParseDateTime reads a date with an optional time after it, as in
// "۱۴۰۴/۰۷/۰۹ ۱۶:۳۰" or "1404/7/9 - 16:30:05"; the date is read as by
// Parse. It returns the instant in loc and whether a time was given; with
// no time the result is the first instant of the day (see Date.Time).
func ParseDateTime(s string, loc *time.Location) (t time.Time, hasTime bool, err error) {
	p := prepare(s)
	datePart, timePart := p, ""
	if c := strings.IndexByte(p, ':'); c >= 0 {
		sp := strings.LastIndexFunc(p[:c], unicode.IsSpace)
		if sp < 0 {
			return time.Time{}, false, &ParseError{Input: s, Reason: ReasonSyntax}
		}
		datePart, timePart = p[:sp], p[sp+1:]
		// Allow a connector between date and time: "- ", "، ", "ساعت ".
		datePart = strings.TrimRightFunc(datePart, unicode.IsSpace)
		for _, conn := range []string{"-", "،", ",", "ساعت"} {
			if strings.HasSuffix(datePart, conn) {
				datePart = strings.TrimRightFunc(strings.TrimSuffix(datePart, conn), unicode.IsSpace)
				break
			}
		}
	}
	d, perr := parseDate(datePart)
	if perr != nil {
		perr.Input = s
		return time.Time{}, false, perr
	}
	if timePart == "" {
		return d.Time(loc), false, nil
	}
	h, m, sec, ok := parseClock(timePart)
	if !ok {
		return time.Time{}, false, &ParseError{Input: s, Reason: ReasonTime, Year: d.Year, Month: d.Month, Day: d.Day}
	}
	gy, gm, gd := d.Gregorian()
	return time.Date(gy, time.Month(gm), gd, h, m, sec, 0, loc), true, nil
}

// prepare removes invisible marks, trims and converts digits to Latin.
func prepare(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
			r >= 0x2066 && r <= 0x2069, r == 0x061C, r == 0xFEFF:
			return -1
		}
		return r
	}, s)
	return persian.LatinDigits(strings.TrimSpace(s))
}

// parseDate parses a prepared string: number sep number sep number.
func parseDate(s string) (Date, *ParseError) {
	var n, width [3]int
	var sep rune
	rest := s
	for i := range n {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		if digits == 0 || digits > 4 {
			return Date{}, &ParseError{Reason: ReasonSyntax}
		}
		n[i], _ = strconv.Atoi(rest[:digits])
		width[i] = digits
		rest = strings.TrimLeftFunc(rest[digits:], unicode.IsSpace)
		if i == 2 {
			break
		}
		r, size := utf8.DecodeRuneInString(rest)
		if !isSep(r) || (i == 1 && r != sep) {
			return Date{}, &ParseError{Reason: ReasonSyntax}
		}
		sep, rest = r, rest[size:]
	}
	if rest != "" || width[1] > 2 {
		return Date{}, &ParseError{Reason: ReasonSyntax}
	}
	y, m, d := n[0], n[1], n[2]
	e := &ParseError{Year: y, Month: m, Day: d}
	if width[2] > 2 {
		// Day/month/year, as in 09/07/1404 or 01/10/2025.
		if width[0] > 2 {
			return Date{}, &ParseError{Reason: ReasonSyntax}
		}
		e.Reason = ReasonDayFirst
		if d >= 1800 && d <= 2200 {
			e.Reason = ReasonGregorian
		}
		e.Year, e.Day = d, y
		return Date{}, e
	}
	switch {
	case y < ParseMinYear || y > ParseMaxYear:
		e.Reason = ReasonYear
		if y >= 1800 && y <= 2200 {
			e.Reason = ReasonGregorian
		}
	case m < 1 || m > 12:
		e.Reason = ReasonMonth
	case d < 1 || d > MonthLength(y, m):
		e.Reason = ReasonDay
	default:
		return Date{y, m, d}, nil
	}
	return Date{}, e
}

func isSep(r rune) bool {
	return r == '/' || r == '-' || r == '.' || r == '٫'
}

// parseClock parses h:mm or h:mm:ss (hours 0–23).
func parseClock(s string) (h, m, sec int, ok bool) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 || (i > 0 && len(p) != 2) ||
			strings.TrimLeft(p, "0123456789") != "" {
			return 0, 0, 0, false
		}
		v[i], _ = strconv.Atoi(p)
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, 0, 0, false
	}
	return v[0], v[1], v[2], true
}
