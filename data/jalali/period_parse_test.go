package jalali

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePeriod(t *testing.T) {
	mehr, autumn, year := Month(1404, 7), Season(1404, 3), Year(1404)
	good := map[string]Period{
		"1404": year, "۱۴۰۴": year, "سال ۱۴۰۴": year, "year 1404": year,
		"1404-07": mehr, "1404/7": mehr, "۱۴۰۴-۰۷": mehr, "١٤٠٤/٠٧": mehr, "مهر ۱۴۰۴": mehr, "Mehr 1404": mehr, " 1404.07 ": mehr,
		"1404-Q3": autumn, "1404-q3": autumn, "Q3-1404": autumn, "پاییز ۱۴۰۴": autumn, "۱۴۰۴ پاییز": autumn,
		"پائیز 1404": autumn, "Autumn 1404": autumn, "1404-پاییز": autumn,
		"1403-12": Month(1403, 12), "1404-Q1": Season(1404, 1), "زمستان 1404": Season(1404, 4),
		"دي 1404": Month(1404, 10), // Arabic ي
	}
	for in, want := range good {
		got, err := ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"": "syntax", "1404-13": "month", "1404-00": "month", "1404-Q5": "season", "1404-Q0": "season",
		"2025-10": "gregorian", "0404": "year", "1404-07-09": "syntax", "پاییز": "syntax", "مهرماه 1404": "syntax", "abc": "syntax",
	}
	for in, reason := range bad {
		_, err := ParsePeriod(in)
		var pe *PeriodError
		if !errors.As(err, &pe) || pe.Reason != reason {
			t.Errorf("ParsePeriod(%q): %v; want a %s error", in, err, reason)
			continue
		}
		if pe.Error() == "" || !strings.ContainsAny(pe.Persian(), "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") {
			t.Errorf("ParsePeriod(%q): messages %q / %q", in, pe.Error(), pe.Persian())
		}
	}
}
