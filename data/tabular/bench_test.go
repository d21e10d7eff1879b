package tabular

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
)

var (
	benchOnce  sync.Once
	benchStore *data.Store
	benchErr   error
)

// store10k is a demo store of 10,000 meetings, made once per test binary
// run (the benchmark function itself runs several times).
func store10k(b *testing.B) *data.Store {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tabular-bench")
		if err != nil {
			benchErr = err
			return
		}
		s, err := data.Open(filepath.Join(dir, "10k.db"))
		if err != nil {
			benchErr = err
			return
		}
		_, benchErr = demo.Fill(context.Background(), s, 10000, 1404, demo.WithNow(time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)))
		benchStore = s
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// BenchmarkExportMeetings10k: the whole meetings list of 10,000 meetings,
// read page by page and written as an XLSX workbook.
func BenchmarkExportMeetings10k(b *testing.B) {
	s := store10k(b)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		t, err := Build(ctx, s, Meetings, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(t.Rows) != 10000 {
			b.Fatalf("%d rows", len(t.Rows))
		}
		if err := WriteXLSX(io.Discard, Persian, t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportMeetingsCSV10k is the same list as CSV.
func BenchmarkExportMeetingsCSV10k(b *testing.B) {
	s := store10k(b)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		t, err := Build(ctx, s, Meetings, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteCSV(io.Discard, t); err != nil {
			b.Fatal(err)
		}
	}
}
