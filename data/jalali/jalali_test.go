package jalali

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
)

func tehranLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestReferenceDates checks the facts in the glossary and a few more known
// Nowruz dates.
func TestReferenceDates(t *testing.T) {
	tests := []struct {
		j          Date
		gy, gm, gd int
		wd         Weekday
	}{
		{Date{1404, 1, 1}, 2025, 3, 21, Friday},
		{Date{1403, 1, 1}, 2024, 3, 20, Wednesday},
		{Date{1404, 7, 9}, 2025, 10, 1, Wednesday}, // the seed article's date
		{Date{1403, 12, 30}, 2025, 3, 20, Thursday},
		{Date{1402, 1, 1}, 2023, 3, 21, Tuesday},
		{Date{1399, 12, 30}, 2021, 3, 20, Saturday},
		{Date{1357, 11, 22}, 1979, 2, 11, Sunday},
		{Date{1300, 1, 1}, 1921, 3, 21, Monday},
		{Date{1500, 1, 1}, 2121, 3, 21, Friday},
	}
	for _, tt := range tests {
		gy, gm, gd := tt.j.Gregorian()
		if gy != tt.gy || gm != tt.gm || gd != tt.gd {
			t.Errorf("%v.Gregorian() = %d-%02d-%02d, want %d-%02d-%02d", tt.j, gy, gm, gd, tt.gy, tt.gm, tt.gd)
		}
		if j, err := FromGregorian(tt.gy, tt.gm, tt.gd); err != nil || j != tt.j {
			t.Errorf("FromGregorian(%d, %d, %d) = %v, %v; want %v", tt.gy, tt.gm, tt.gd, j, err, tt.j)
		}
		if w := tt.j.Weekday(); w != tt.wd {
			t.Errorf("%v.Weekday() = %v, want %v", tt.j, w, tt.wd)
		}
	}
	if got := (Date{1404, 7, 9}).Weekday().String(); got != "چهارشنبه" {
		t.Errorf("weekday of 1404/07/09 = %q, want چهارشنبه", got)
	}
}

// wantLeap lists the leap years 1300–1500 of the official calendar, from
// the 33-year cycle that the calendar follows between the break years 1210
// and 1635: a year is leap when (25·y + 11) mod 33 < 8. The equinox test
// below checks the same thing astronomically.
func wantLeap(y int) bool { return (25*y+11)%33 < 8 }

func TestLeapYears(t *testing.T) {
	var leaps []int
	for y := 1300; y <= 1500; y++ {
		if IsLeap(y) != wantLeap(y) {
			t.Errorf("IsLeap(%d) = %v, want %v", y, IsLeap(y), wantLeap(y))
		}
		if IsLeap(y) {
			leaps = append(leaps, y)
		}
	}
	for _, y := range []int{1399, 1403, 1408, 1370, 1375, 1391, 1395} {
		if !IsLeap(y) {
			t.Errorf("IsLeap(%d) = false, want true", y)
		}
	}
	for _, y := range []int{1400, 1401, 1402, 1404, 1405, 1406, 1407} {
		if IsLeap(y) {
			t.Errorf("IsLeap(%d) = true, want false", y)
		}
	}
	if len(leaps) != 49 {
		t.Errorf("%d leap years in 1300–1500, want 49: %v", len(leaps), leaps)
	}
	if MonthLength(1404, 12) != 29 || MonthLength(1403, 12) != 30 || MonthLength(1404, 7) != 30 ||
		MonthLength(1404, 6) != 31 || MonthLength(1404, 13) != 0 || MonthLength(1404, 0) != 0 {
		t.Error("MonthLength is wrong")
	}
}

// TestEveryDay walks every day from 1300/01/01 to the end of 1500 and checks
// that Jalali→Gregorian→Jalali is the identity, that consecutive Jalali days
// are consecutive Gregorian days, that weekdays follow each other, and that
// AddDays, Sub, Time and FromTime agree.
func TestEveryDay(t *testing.T) {
	loc := tehranLoc(t)
	prev := time.Date(1921, 3, 20, 0, 0, 0, 0, time.UTC) // 1299/12/29
	prevDate := Date{1299, 12, 29}
	wd := prevDate.Weekday()
	first := Date{1300, 1, 1}
	n := 0
	for y := 1300; y <= 1500; y++ {
		days := 0
		for m := 1; m <= 12; m++ {
			for d := 1; d <= MonthLength(y, m); d++ {
				j := Date{y, m, d}
				days++
				if !j.Valid() {
					t.Fatalf("%v not valid", j)
				}
				gy, gm, gd := j.Gregorian()
				g := time.Date(gy, time.Month(gm), gd, 0, 0, 0, 0, time.UTC)
				if want := prev.AddDate(0, 0, 1); !g.Equal(want) {
					t.Fatalf("%v → %v, want %v (the day after %v)", j, g.Format(time.DateOnly), want.Format(time.DateOnly), prevDate)
				}
				if back, err := FromGregorian(gy, gm, gd); err != nil || back != j {
					t.Fatalf("FromGregorian(%v) = %v, %v; want %v", g.Format(time.DateOnly), back, err, j)
				}
				wd = (wd + 1) % 7
				if j.Weekday() != wd || j.Weekday().Std() != g.Weekday() {
					t.Fatalf("%v.Weekday() = %v, want %v (%v)", j, j.Weekday(), wd, g.Weekday())
				}
				if prevDate.AddDays(1) != j || j.AddDays(-1) != prevDate {
					t.Fatalf("AddDays between %v and %v", prevDate, j)
				}
				if j.Sub(first) != n {
					t.Fatalf("%v.Sub(%v) = %d, want %d", j, first, j.Sub(first), n)
				}
				if m == 1 && d == 1 || d == 15 {
					start := j.Time(loc)
					if FromTime(start) != j || FromTime(start.Add(-time.Nanosecond)) != prevDate {
						t.Fatalf("%v.Time(Tehran) = %v is not the first instant of the day", j, start)
					}
				}
				prev, prevDate = g, j
				n++
			}
		}
		if days != YearLength(y) {
			t.Fatalf("year %d has %d days, YearLength says %d", y, days, YearLength(y))
		}
	}
	if n != 73414 {
		t.Errorf("walked %d days, want 73414", n)
	}
}

func TestValid(t *testing.T) {
	valid := []Date{{1404, 1, 1}, {1404, 6, 31}, {1404, 7, 30}, {1404, 12, 29}, {1403, 12, 30}}
	invalid := []Date{{}, {1404, 0, 1}, {1404, 13, 1}, {1404, 1, 0}, {1404, 1, 32}, {1404, 7, 31},
		{1404, 12, 30}, {0, 1, 1}, {MaxYear + 1, 1, 1}, {-5, 1, 1}}
	for _, d := range valid {
		if !d.Valid() {
			t.Errorf("%v.Valid() = false", d)
		}
	}
	for _, d := range invalid {
		if d.Valid() {
			t.Errorf("%v.Valid() = true", d)
		}
		if y, m, dd := d.Gregorian(); y != 0 || m != 0 || dd != 0 {
			t.Errorf("%v.Gregorian() = %d, %d, %d for an invalid date", d, y, m, dd)
		}
		if d.Weekday() != -1 || !d.Time(time.UTC).IsZero() {
			t.Errorf("%v: weekday or time of an invalid date", d)
		}
	}
	for _, g := range [][3]int{{2025, 2, 29}, {2025, 13, 1}, {2025, 4, 31}, {2025, 0, 1}} {
		if _, err := FromGregorian(g[0], g[1], g[2]); err == nil {
			t.Errorf("FromGregorian(%v) succeeded", g)
		}
	}
	if _, err := FromGregorian(2024, 2, 29); err != nil {
		t.Errorf("FromGregorian(2024-02-29): %v", err)
	}
}

func TestFromTimeUsesLocation(t *testing.T) {
	loc := tehranLoc(t)
	// 22:00 UTC on 30 September 2025 is 01:30 on 1 October in Tehran.
	u := time.Date(2025, 9, 30, 22, 0, 0, 0, time.UTC)
	if got := FromTime(u.In(loc)); got != (Date{1404, 7, 9}) {
		t.Errorf("FromTime(Tehran) = %v, want 1404/07/09", got)
	}
	if got := FromTime(u); got != (Date{1404, 7, 8}) {
		t.Errorf("FromTime(UTC) = %v, want 1404/07/08", got)
	}
	if Tehran().String() != "Asia/Tehran" {
		t.Errorf("Tehran() = %v", Tehran())
	}
}

// TestDaylightSavingMidnight: until 2022 Iran moved its clocks at 00:00 on
// 2 Farvardin, so that day had no midnight.
func TestDaylightSavingMidnight(t *testing.T) {
	loc := tehranLoc(t)
	d := Date{1400, 1, 2} // 22 March 2021
	start := d.Time(loc)
	if FromTime(start) != d || FromTime(start.Add(-time.Second)) != d.AddDays(-1) {
		t.Errorf("%v.Time = %v, not the first instant of the day", d, start)
	}
	if h := start.Hour(); h != 1 {
		t.Errorf("%v.Time = %v, want 01:00 (midnight was skipped)", d, start)
	}
}

func TestCompare(t *testing.T) {
	a, b := Date{1404, 7, 9}, Date{1404, 7, 10}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Compare(a) != 0 || a.Compare(b) != -1 {
		t.Error("Compare/Before/After disagree")
	}
	if (Date{1403, 12, 30}).Compare(Date{1404, 1, 1}) != -1 || (Date{1404, 2, 1}).Compare(Date{1404, 1, 31}) != 1 {
		t.Error("Compare across months/years")
	}
}

func TestWeekdayOf(t *testing.T) {
	for w := time.Sunday; w <= time.Saturday; w++ {
		if WeekdayOf(w).Std() != w {
			t.Errorf("WeekdayOf(%v).Std() = %v", w, WeekdayOf(w).Std())
		}
	}
	if WeekdayOf(time.Saturday) != Saturday || WeekdayOf(time.Friday) != Friday {
		t.Error("Saturday must be 0 and Friday 6")
	}
}

// TestAgainstEquinox checks the calendar against its definition: a year
// starts on the day of the March equinox if the equinox is before noon in
// Tehran, else on the next day. The equinox comes from Meeus, Astronomical
// Algorithms, ch. 27 (accurate to about a minute for 1000–3000 AD),
// independent of the conversion code. Years whose equinox falls within a
// quarter of an hour of Tehran noon depend on the exact rule (true or mean
// noon, which meridian) and only need to match one of the two candidate
// days. (With the noon used here, every year with the equinox more than
// 3 minutes from noon matches the library exactly.)
func TestAgainstEquinox(t *testing.T) {
	const noon = 12*60 + 12 // local true noon in Tehran around 20 March (UTC+3:30)
	const margin = 15
	ambiguous := 0
	for jy := 1300; jy <= 1500; jy++ {
		e := marchEquinox(jy + 621).Add(210 * time.Minute) // in UTC+3:30
		tod := e.Hour()*60 + e.Minute()
		day := time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, time.UTC)
		after := day.AddDate(0, 0, 1)
		gy, gm, gd := Date{jy, 1, 1}.Gregorian()
		got := time.Date(gy, time.Month(gm), gd, 0, 0, 0, 0, time.UTC)
		switch {
		case abs(tod-noon) < margin:
			ambiguous++
			if !got.Equal(day) && !got.Equal(after) {
				t.Errorf("1 Farvardin %d = %v; equinox %v is near noon, want %v or %v", jy,
					got.Format(time.DateOnly), e.Format("2006-01-02 15:04"), day.Format(time.DateOnly), after.Format(time.DateOnly))
			}
		case tod < noon && !got.Equal(day), tod > noon && !got.Equal(after):
			t.Errorf("1 Farvardin %d = %v; equinox at %v Tehran", jy, got.Format(time.DateOnly), e.Format("2006-01-02 15:04"))
		}
	}
	t.Logf("%d of 201 years have the equinox within %d minutes of Tehran noon", ambiguous, margin)
}

// marchEquinox returns the instant (UTC) of the March equinox of the
// Gregorian year y (Meeus, tables 27.B and 27.C).
func marchEquinox(y int) time.Time {
	Y := (float64(y) - 2000) / 1000
	jde0 := 2451623.80984 + 365242.37404*Y + 0.05169*Y*Y - 0.00411*Y*Y*Y - 0.00057*Y*Y*Y*Y
	T := (jde0 - 2451545.0) / 36525
	rad := math.Pi / 180
	W := (35999.373*T - 2.47) * rad
	dl := 1 + 0.0334*math.Cos(W) + 0.0007*math.Cos(2*W)
	terms := [...][3]float64{
		{485, 324.96, 1934.136}, {203, 337.23, 32964.467}, {199, 342.08, 20.186},
		{182, 27.85, 445267.112}, {156, 73.14, 45036.886}, {136, 171.52, 22518.443},
		{77, 222.54, 65928.934}, {74, 296.72, 3034.906}, {70, 243.58, 9037.513},
		{58, 119.81, 33718.147}, {52, 297.17, 150.678}, {50, 21.02, 2281.232},
		{45, 247.54, 29929.562}, {44, 325.15, 31555.956}, {29, 60.93, 4443.417},
		{18, 155.12, 67555.328}, {17, 288.79, 4562.452}, {16, 198.04, 62894.029},
		{14, 199.76, 31436.921}, {12, 95.39, 14577.848}, {12, 287.11, 31931.756},
		{12, 320.81, 34777.259}, {9, 227.73, 1222.114}, {8, 15.45, 16859.074},
	}
	S := 0.0
	for _, c := range terms {
		S += c[0] * math.Cos((c[1]+c[2]*T)*rad)
	}
	jde := jde0 + 0.00001*S/dl
	const deltaT = 70.0 / 86400 // TT−UT, about a minute in this era
	unix := (jde - deltaT - 2440587.5) * 86400
	return time.Unix(int64(math.Round(unix)), 0).UTC()
}

func TestMarchEquinox(t *testing.T) {
	// Published times: 20 March 2025 09:01 UTC, 20 March 2024 03:06 UTC.
	for _, c := range []struct {
		y    int
		want time.Time
	}{
		{2025, time.Date(2025, 3, 20, 9, 1, 0, 0, time.UTC)},
		{2024, time.Date(2024, 3, 20, 3, 6, 0, 0, time.UTC)},
	} {
		if d := marchEquinox(c.y).Sub(c.want); d < -2*time.Minute || d > 2*time.Minute {
			t.Errorf("marchEquinox(%d) = %v, want %v", c.y, marchEquinox(c.y), c.want)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
