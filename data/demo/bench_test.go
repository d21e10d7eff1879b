package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"mahalleh/data"
)

// BenchmarkFill measures the whole demo write path per meeting (about 21
// records each, with the change log, clocks and search index).
func BenchmarkFill(b *testing.B) {
	s, err := data.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	if _, err := Fill(context.Background(), s, b.N, 1, WithNow(time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC))); err != nil {
		b.Fatal(err)
	}
}
