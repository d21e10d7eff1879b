package jalali

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	d := Date{1404, 7, 9}
	for _, c := range []struct{ got, want string }{
		{FormatShort(d), "۱۴۰۴/۰۷/۰۹"},
		{FormatShortLatin(d), "1404/07/09"},
		{FormatLong(d), "چهارشنبه ۹ مهر ۱۴۰۴"},
		{FormatLongEnglish(d), "Wednesday 9 Mehr 1404"},
		{FormatMonth(d), "مهر ۱۴۰۴"},
		{d.String(), "1404/07/09"},
		{fmt.Sprint(d), "1404/07/09"},
		{FormatLong(Date{1403, 12, 30}), "پنجشنبه ۳۰ اسفند ۱۴۰۳"},
		{FormatLong(Date{1404, 1, 12}), "سه\u200cشنبه ۱۲ فروردین ۱۴۰۴"},
		{FormatLongEnglish(Date{1404, 1, 1}), "Friday 1 Farvardin 1404"},
		{FormatLong(Date{1404, 12, 30}), "۱۴۰۴/۱۲/۳۰"}, // invalid: no weekday
		{FormatLongEnglish(Date{}), "0000/00/00"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	wantMonths := "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند"
	wantEnglish := "Farvardin Ordibehesht Khordad Tir Mordad Shahrivar Mehr Aban Azar Dey Bahman Esfand"
	var fa, en []string
	for m := 1; m <= 12; m++ {
		fa = append(fa, MonthName(m))
		en = append(en, MonthNameEnglish(m))
	}
	if strings.Join(fa, " ") != wantMonths || strings.Join(en, " ") != wantEnglish {
		t.Errorf("month names: %v / %v", fa, en)
	}
	if MonthName(0) != "" || MonthName(13) != "" || MonthNameEnglish(13) != "" {
		t.Error("out-of-range month names must be empty")
	}
	wantDays := "شنبه یکشنبه دوشنبه سه\u200cشنبه چهارشنبه پنجشنبه جمعه"
	var days []string
	for w := Saturday; w <= Friday; w++ {
		days = append(days, w.String())
	}
	if strings.Join(days, " ") != wantDays {
		t.Errorf("weekday names: %q", days)
	}
	if Saturday.English() != "Saturday" || Friday.English() != "Friday" || Weekday(7).String() != "" {
		t.Error("English weekday names")
	}
	if SeasonName(3) != "پاییز" || SeasonNameEnglish(4) != "Winter" || SeasonName(5) != "" {
		t.Error("season names")
	}
}

func TestPeriods(t *testing.T) {
	tests := []struct {
		p          Period
		start, end Date
		name, en   string
		days       int
	}{
		{Month(1404, 7), Date{1404, 7, 1}, Date{1404, 7, 30}, "مهر ۱۴۰۴", "Mehr 1404", 30},
		{Month(1404, 1), Date{1404, 1, 1}, Date{1404, 1, 31}, "فروردین ۱۴۰۴", "Farvardin 1404", 31},
		{Month(1404, 12), Date{1404, 12, 1}, Date{1404, 12, 29}, "اسفند ۱۴۰۴", "Esfand 1404", 29},
		{Month(1403, 12), Date{1403, 12, 1}, Date{1403, 12, 30}, "اسفند ۱۴۰۳", "Esfand 1403", 30},
		{Season(1404, 1), Date{1404, 1, 1}, Date{1404, 3, 31}, "بهار ۱۴۰۴", "Spring 1404", 93},
		{Season(1404, 2), Date{1404, 4, 1}, Date{1404, 6, 31}, "تابستان ۱۴۰۴", "Summer 1404", 93},
		{Season(1404, 3), Date{1404, 7, 1}, Date{1404, 9, 30}, "پاییز ۱۴۰۴", "Autumn 1404", 90},
		{Season(1404, 4), Date{1404, 10, 1}, Date{1404, 12, 29}, "زمستان ۱۴۰۴", "Winter 1404", 89},
		{Year(1404), Date{1404, 1, 1}, Date{1404, 12, 29}, "سال ۱۴۰۴", "Year 1404", 365},
		{Year(1403), Date{1403, 1, 1}, Date{1403, 12, 30}, "سال ۱۴۰۳", "Year 1403", 366},
	}
	for _, tt := range tests {
		p := tt.p
		if p.Start != tt.start || p.End != tt.end || p.Name() != tt.name || p.NameEnglish() != tt.en || p.Days() != tt.days {
			t.Errorf("%v: got %v–%v %q %q %d days", tt.name, p.Start, p.End, p.Name(), p.NameEnglish(), p.Days())
		}
		if !p.Contains(p.Start) || !p.Contains(p.End) || p.Contains(p.Start.AddDays(-1)) || p.Contains(p.End.AddDays(1)) {
			t.Errorf("%v: Contains is wrong at the edges", tt.name)
		}
		if p.Next().Start != p.End.AddDays(1) || p.Prev().End != p.Start.AddDays(-1) || p.Next().Kind != p.Kind {
			t.Errorf("%v: Next/Prev do not touch", tt.name)
		}
	}
	for _, p := range []Period{Month(1404, 0), Month(1404, 13), Season(1404, 0), Season(1404, 5), Year(0), {}} {
		if p.Valid() || p.Contains(Date{1404, 7, 9}) || p.Name() != "" || p.Days() != 0 {
			t.Errorf("%+v should be invalid", p)
		}
	}
	if Year(1404).Next() != Year(1405) || Season(1404, 4).Next() != Season(1405, 1) || Month(1404, 1).Prev() != Month(1403, 12) {
		t.Error("Next/Prev across years")
	}
	d := Date{1404, 7, 9}
	if Containing(PeriodMonth, d) != Month(1404, 7) || Containing(PeriodSeason, d) != Season(1404, 3) ||
		Containing(PeriodYear, d) != Year(1404) || Containing(0, d).Valid() || Containing(PeriodMonth, Date{}).Valid() {
		t.Error("Containing")
	}
}

func TestUTCRange(t *testing.T) {
	loc := tehranLoc(t)
	start, end := Month(1404, 7).UTCRange(loc)
	// 1 Mehr 1404 = 23 September 2025; Tehran is UTC+3:30 (no DST since 2022).
	if want := time.Date(2025, 9, 22, 20, 30, 0, 0, time.UTC); !start.Equal(want) || start.Location() != time.UTC {
		t.Errorf("start = %v, want %v", start, want)
	}
	if want := time.Date(2025, 10, 22, 20, 30, 0, 0, time.UTC); !end.Equal(want) {
		t.Errorf("end = %v, want %v", end, want)
	}
	// Consecutive periods tile time with no gap and no overlap, even across
	// the old daylight-saving changes.
	for p := Month(1399, 1); p.Start.Year < 1402; p = p.Next() {
		_, e1 := p.UTCRange(loc)
		s2, _ := p.Next().UTCRange(loc)
		if !e1.Equal(s2) {
			t.Fatalf("%v ends at %v but %v starts at %v", p.Name(), e1, p.Next().Name(), s2)
		}
		if FromTime(e1.Add(-time.Second).In(loc)) != p.End || FromTime(s2.In(loc)) != p.Next().Start {
			t.Fatalf("%v: range edges are not on day boundaries", p.Name())
		}
	}
	if s, e := (Period{}).UTCRange(loc); !s.IsZero() || !e.IsZero() {
		t.Error("UTCRange of an invalid period")
	}
}
