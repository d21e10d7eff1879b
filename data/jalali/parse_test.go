package jalali

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	want := Date{1404, 7, 9}
	inputs := []string{
		"۱۴۰۴/۰۷/۰۹",
		"1404/07/09",
		"1404-7-9",
		"1404.7.9",
		"١٤٠٤/٠٧/٠٩",
		"۱۴۰۴/۷/۹",
		"1404/07/09",
		"  ۱۴۰۴/۰۷/۰۹ \t",
		"\u00a01404/7/9\u00a0",
		"۱4٠۴/0۷/٠9",             // mixed digit forms
		"1404 / 07 / 09",         // spaces around separators
		"۱۴۰۴٫۰۷٫۰۹",             // Persian decimal mark
		"\u200f۱۴۰۴/۰۷/۰۹\u200f", // RLM copied from an RTL document
		"\u202b1404/07/09\u202c",
	}
	for _, in := range inputs {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	leap, err := Parse("1403/12/30")
	if err != nil || leap != (Date{1403, 12, 30}) {
		t.Errorf("Parse(1403/12/30) = %v, %v", leap, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		reason  Reason
		persian string // a substring of the Persian message
	}{
		{"۱۴۰۴/۱۲/۳۰", ReasonDay, "تاریخ «۱۴۰۴/۱۲/۳۰» وجود ندارد: اسفند ۱۴۰۴ ۲۹ روز دارد."},
		{"1404/12/30", ReasonDay, "تاریخ «۱۴۰۴/۱۲/۳۰» وجود ندارد: اسفند ۱۴۰۴ ۲۹ روز دارد."},
		{"1404/07/31", ReasonDay, "مهر ۱۴۰۴ ۳۰ روز دارد."},
		{"1404/13/01", ReasonMonth, "ماه باید بین ۱ و ۱۲ باشد"},
		{"1404/00/01", ReasonMonth, "وجود ندارد"},
		{"1404/07/00", ReasonDay, "وجود ندارد"},
		{"1199/01/01", ReasonYear, "سال ۱۱۹۹"},
		{"1601/01/01", ReasonYear, "بین ۱۲۰۰ و ۱۶۰۰"},
		{"0404/07/09", ReasonYear, "پذیرفتنی نیست"},
		{"2025/10/01", ReasonGregorian, "میلادی"},
		{"01/10/2025", ReasonGregorian, "میلادی"},
		{"09/07/1404", ReasonDayFirst, "سال باید اول بیاید"},
		{"", ReasonSyntax, "تاریخ نیست"},
		{"   ", ReasonSyntax, "تاریخ نیست"},
		{"فردا", ReasonSyntax, "«فردا» تاریخ نیست"},
		{"1404/07", ReasonSyntax, ""},
		{"1404/07/09/01", ReasonSyntax, ""},
		{"1404/07-09", ReasonSyntax, ""}, // mixed separators
		{"1404//07/09", ReasonSyntax, ""},
		{"14040/07/09", ReasonSyntax, ""},
		{"1404/007/09", ReasonSyntax, ""},
		{"1404/07/09x", ReasonSyntax, ""},
		{"-1404/07/09", ReasonSyntax, ""},
		{"1404/+7/09", ReasonSyntax, ""},
		{"1404/07/09 16:30", ReasonSyntax, ""}, // Parse takes no time
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): error %v, want a *ParseError", tt.in, err)
			continue
		}
		if pe.Reason != tt.reason {
			t.Errorf("Parse(%q): reason %d, want %d", tt.in, pe.Reason, tt.reason)
		}
		if pe.Input != tt.in {
			t.Errorf("Parse(%q): Input = %q", tt.in, pe.Input)
		}
		if !strings.Contains(pe.Persian(), tt.persian) {
			t.Errorf("Parse(%q).Persian() = %q, want it to contain %q", tt.in, pe.Persian(), tt.persian)
		}
		if !strings.HasPrefix(pe.Error(), "jalali: ") {
			t.Errorf("Parse(%q).Error() = %q", tt.in, pe.Error())
		}
	}
	_, err := Parse("1404/12/30")
	if want := `jalali: date "1404/12/30" does not exist: Esfand 1404 has 29 days`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	long := strings.Repeat("الف", 100)
	if _, err := Parse(long); len(err.Error()) > 200 {
		t.Errorf("the message for a long input is not shortened: %q", err.Error())
	}
}

func TestParseDateTime(t *testing.T) {
	loc := tehranLoc(t)
	tests := []struct {
		in      string
		want    time.Time
		hasTime bool
	}{
		{"۱۴۰۴/۰۷/۰۹ ۱۶:۳۰", time.Date(2025, 10, 1, 16, 30, 0, 0, loc), true},
		{"1404/07/09 16:30", time.Date(2025, 10, 1, 16, 30, 0, 0, loc), true},
		{"1404/7/9 9:05", time.Date(2025, 10, 1, 9, 5, 0, 0, loc), true},
		{"1404/7/9 - 15:48", time.Date(2025, 10, 1, 15, 48, 0, 0, loc), true},
		{"۱۴۰۴/۰۷/۰۹ ساعت ۱۶:۳۰", time.Date(2025, 10, 1, 16, 30, 0, 0, loc), true},
		{"۱۴۰۴/۰۷/۰۹، ۱۶:۳۰", time.Date(2025, 10, 1, 16, 30, 0, 0, loc), true},
		{"1404/07/09 16:30:05", time.Date(2025, 10, 1, 16, 30, 5, 0, loc), true},
		{" 1404/07/09 ", time.Date(2025, 10, 1, 0, 0, 0, 0, loc), false},
		{"1404/07/09 00:00", time.Date(2025, 10, 1, 0, 0, 0, 0, loc), true},
	}
	for _, tt := range tests {
		got, hasTime, err := ParseDateTime(tt.in, loc)
		if err != nil || !got.Equal(tt.want) || hasTime != tt.hasTime {
			t.Errorf("ParseDateTime(%q) = %v, %v, %v; want %v, %v", tt.in, got, hasTime, err, tt.want, tt.hasTime)
		}
	}
	bad := map[string]Reason{
		"1404/07/09 24:00":   ReasonTime,
		"1404/07/09 16:60":   ReasonTime,
		"1404/07/09 16:3":    ReasonTime,
		"1404/07/09 16:30:":  ReasonTime,
		"1404/07/09 :30":     ReasonTime,
		"1404/07/09 1:2:3:4": ReasonTime,
		"16:30":              ReasonSyntax,
		"1404/12/30 10:00":   ReasonDay,
		"1404/07/0916:30":    ReasonSyntax,
	}
	for in, reason := range bad {
		_, _, err := ParseDateTime(in, loc)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Reason != reason || pe.Input != in {
			t.Errorf("ParseDateTime(%q): error %v, want reason %d", in, err, reason)
		}
	}
	_, _, err := ParseDateTime("1404/07/09 25:00", loc)
	if pe := (*ParseError)(nil); !errors.As(err, &pe) || !strings.Contains(pe.Persian(), "ساعت") {
		t.Errorf("time error message: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"۱۴۰۴/۰۷/۰۹", "1404/07/09", "1404-7-9", "1404.7.9", "١٤٠٤/٠٧/٠٩", " 1403/12/30 ",
		"1404/12/30", "1404/13/1", "2025/10/01", "09/07/1404", "", "abc", "\u200f1404/7/9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): error of type %T", s, err)
			}
			_, _ = pe.Error(), pe.Persian()
			return
		}
		if !d.Valid() || d.Year < ParseMinYear || d.Year > ParseMaxYear {
			t.Fatalf("Parse(%q) = %v: not a valid date", s, d)
		}
		for _, f := range []func(Date) string{FormatShortLatin, FormatShort} {
			back, err := Parse(f(d))
			if err != nil || back != d {
				t.Fatalf("Parse(%q) = %v, but Parse(%q) = %v, %v", s, d, f(d), back, err)
			}
		}
		_, _, _ = ParseDateTime(s+" 10:00", time.UTC)
	})
}
