package data_test

import (
	"context"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// BenchmarkMeetingsBetweenMonth reads one Jalali month of the district's
// calendar, the month of the last meeting (the busiest part of the demo
// year), as the calendar's month view does. Goal: < 10 ms at 100,000 meetings.
func BenchmarkMeetingsBetweenMonth(b *testing.B) {
	s := openBenchStore(b)
	c := loadBenchContext(b, s)
	d := jalali.FromTime(c.last.In(jalali.Tehran()))
	from, to := jalali.Month(d.Year, d.Month).UTCRange(jalali.Tehran())
	ctx := context.Background()
	n := 0
	b.ResetTimer()
	for b.Loop() {
		ms, err := s.MeetingsBetween(ctx, benchDistrict, from, to)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ms)
		_ = data.Overlaps(ms)
	}
	b.ReportMetric(float64(n), "meetings/month")
}

// BenchmarkReminders reads a day's reminders (meetings of two days, the
// action items due or overdue).
func BenchmarkReminders(b *testing.B) {
	s := openBenchStore(b)
	c := loadBenchContext(b, s)
	ctx := context.Background()
	day := c.last.Add(-24 * time.Hour)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Reminders(ctx, benchDistrict, day, jalali.Tehran()); err != nil {
			b.Fatal(err)
		}
	}
}
