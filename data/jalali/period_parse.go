package jalali

import (
	"strconv"
	"strings"
	"unicode"

	"mahalleh/data/persian"
)

// PeriodSyntax is how a period is written on the command line, for help
// texts and error messages.
const PeriodSyntax = "1404 (a year), 1404-07 (a month), 1404-Q3 (a season: Q1 spring … Q4 winter); also «پاییز ۱۴۰۴», «مهر ۱۴۰۴», «سال ۱۴۰۴»"

// PeriodError reports a period that could not be read: Error is English,
// Persian the message for a person working in Persian.
type PeriodError struct {
	Input  string
	Reason string // "syntax", "year", "gregorian", "month" or "season"
}

func (e *PeriodError) Error() string {
	q := strconv.Quote(shorten(e.Input))
	switch e.Reason {
	case "year":
		return "period " + q + ": the year must be between " + strconv.Itoa(ParseMinYear) + " and " + strconv.Itoa(ParseMaxYear)
	case "gregorian":
		return "period " + q + ": the year looks Gregorian; write the Solar Hijri year, such as 1404"
	case "month":
		return "period " + q + ": there is no such month; months are 01 to 12"
	case "season":
		return "period " + q + ": there is no such season; seasons are Q1 (spring) to Q4 (winter)"
	}
	return "period " + q + " is not a month, season or year; write 1404-07, 1404-Q3 or 1404"
}

// Persian is the message in Persian, with Persian digits.
func (e *PeriodError) Persian() string {
	q := "«" + persian.Digits(shorten(strings.TrimSpace(e.Input))) + "»"
	switch e.Reason {
	case "year":
		return "سال در دوره " + q + " پذیرفتنی نیست: سال باید بین " + persian.Digits(strconv.Itoa(ParseMinYear)) +
			" و " + persian.Digits(strconv.Itoa(ParseMaxYear)) + " باشد"
	case "gregorian":
		return "سال در دوره " + q + " میلادی به نظر می\u200cرسد: سال شمسی را بنویسید، مثل ۱۴۰۴"
	case "month":
		return "ماه در دوره " + q + " وجود ندارد: ماه باید بین ۰۱ و ۱۲ باشد"
	case "season":
		return "فصل در دوره " + q + " وجود ندارد: فصل‌ها Q1 (بهار) تا Q4 (زمستان) هستند"
	}
	return q + " ماه، فصل یا سال نیست: آن را به شکل ۱۴۰۴-۰۷ (ماه)، ۱۴۰۴-Q3 یا «پاییز ۱۴۰۴» (فصل) یا ۱۴۰۴ (سال) بنویسید"
}

// ParsePeriod reads a reporting period as people write it, with any digits
// and "-", "/", "." or spaces between the parts, in either order:
//
//	1404           the year 1404          سال ۱۴۰۴
//	1404-07        Mehr 1404              مهر ۱۴۰۴, 1404/7, Mehr 1404
//	1404-Q3        autumn 1404            پاییز ۱۴۰۴, Autumn 1404, Q3-1404
func ParsePeriod(s string) (Period, error) {
	bad := func(reason string) (Period, error) { return Period{}, &PeriodError{Input: s, Reason: reason} }
	parts := strings.FieldsFunc(normalPeriod(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '/' || r == '.' || r == '٫'
	})
	year, rest := -1, []string{}
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err == nil && len(p) >= 3 && year < 0 {
			year = n
			continue
		}
		rest = append(rest, p)
	}
	switch {
	case year < 0 || len(rest) > 1:
		return bad("syntax")
	case year >= 1900 && year <= 2100:
		return bad("gregorian")
	case year < ParseMinYear || year > ParseMaxYear:
		return bad("year")
	case len(rest) == 0 || rest[0] == "سال" || rest[0] == "year":
		return Year(year), nil
	}
	w := rest[0]
	if m, err := strconv.Atoi(w); err == nil {
		if m < 1 || m > 12 {
			return bad("month")
		}
		return Month(year, m), nil
	}
	if q, ok := strings.CutPrefix(w, "q"); ok {
		if n, err := strconv.Atoi(q); err == nil {
			if n < 1 || n > 4 {
				return bad("season")
			}
			return Season(year, n), nil
		}
	}
	for i := 0; i < 12; i++ {
		if w == monthNames[i] || w == strings.ToLower(monthNamesEnglish[i]) {
			return Month(year, i+1), nil
		}
	}
	for i := 0; i < 4; i++ {
		if w == seasonNames[i] || w == strings.ToLower(seasonNamesEnglish[i]) {
			return Season(year, i+1), nil
		}
	}
	if w == "پائیز" || w == "fall" {
		return Season(year, 3), nil
	}
	return bad("syntax")
}

// normalPeriod folds what may differ in a typed period: digits, case,
// Arabic ي and ك, the ZWNJ and bidi marks.
func normalPeriod(s string) string {
	s = strings.ToLower(persian.LatinDigits(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ي', 'ى':
			return 'ی'
		case 'ك':
			return 'ک'
		case '\u200c', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
