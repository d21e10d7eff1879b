package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mahalleh/data"
)

// Benchmarks of what the window does, with the screens' own calls and
// arguments, on the 100,000-meeting demo store that data's benchmarks build
// (go test -bench . ./data/ makes it once under the temporary folder):
// opening the meetings list (first page and the true count), opening a
// meeting in the editor, and saving it.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), "mahalleh-bench-100000-1404.db")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no benchmark store at %s: run go test -bench . ./data/ first to build it (about 15 minutes)", path)
	}
	s, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkWindow(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	f := data.Filter{District: 14}
	latest, err := s.ListMeetings(ctx, f, data.Page{Limit: 1})
	if err != nil || len(latest.Rows) == 0 {
		b.Fatalf("the benchmark store has no meetings: %v", err)
	}
	id := latest.Rows[0].ID
	b.Run("OpenMeetingsList", func(b *testing.B) {
		measure(b, func() error {
			if _, err := s.ListMeetings(ctx, f, data.Page{Limit: pageSize}); err != nil {
				return err
			}
			_, err := s.CountMeetings(ctx, f)
			return err
		})
	})
	b.Run("SearchMeetingsList", func(b *testing.B) {
		q := data.Filter{District: 14, Text: "آسفالت"}
		measure(b, func() error {
			if _, err := s.ListMeetings(ctx, q, data.Page{Limit: pageSize}); err != nil {
				return err
			}
			_, err := s.CountMeetings(ctx, q)
			return err
		})
	})
	b.Run("OpenMeeting", func(b *testing.B) {
		measure(b, func() error { _, err := loadMeetingState(ctx, s, id); return err })
	})
	b.Run("SaveMeeting", func(b *testing.B) {
		st, err := loadMeetingState(ctx, s, id)
		if err != nil {
			b.Fatal(err)
		}
		orig := st
		starts, _ := data.ParseTime(latest.Rows[0].StartsAt)
		n := 0
		measure(b, func() error {
			n++
			st.Minutes = orig.Minutes + fmt.Sprintf("\nبند افزوده %d", n)
			return saveMeeting(ctx, s, "bench", 14, st, orig, starts)
		})
	})
}

// measure runs op b.N times and reports p50 and p99 in milliseconds.
func measure(b *testing.B, op func() error) {
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t))
	}
	slices.Sort(took)
	for _, p := range []float64{50, 99} {
		b.ReportMetric(float64(took[int(float64(len(took)-1)*p/100)].Microseconds())/1000, fmt.Sprintf("p%g-ms", p))
	}
}
