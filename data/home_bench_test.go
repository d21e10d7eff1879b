package data_test

import (
	"context"
	"testing"
	"time"

	"mahalleh/data"
)

// BenchmarkHome reads the whole Home screen (every count and list) on the
// benchmark store (100,000 meetings by default), for the whole district
// and for an office of three neighbourhoods; and the action items list's
// first page and count as the screen opens it. Goal: Home < 50 ms, a page
// < 10 ms.
func BenchmarkHome(b *testing.B) {
	s := openBenchStore(b)
	c := loadBenchContext(b, s)
	ctx := context.Background()
	now := c.last
	var office []string
	rows, err := s.DB().Query("SELECT DISTINCT neighbourhood_id FROM meetings WHERE district = ? LIMIT 3", benchDistrict)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		office = append(office, id)
	}
	rows.Close()
	for _, bc := range []struct {
		name string
		sc   data.HomeScope
	}{
		{"district", data.HomeScope{District: benchDistrict}},
		{"office", data.HomeScope{District: benchDistrict, Neighbourhoods: office}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			benchOp(b, func() error {
				h, err := s.Home(ctx, bc.sc, now)
				if err == nil && h.Overdue == 0 {
					b.Fatal("the benchmark store has no overdue action item")
				}
				return err
			})
		})
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for _, status := range []string{"active", "overdue", ""} {
		f := data.ActionFilter{District: benchDistrict, Status: status}
		b.Run("actions-page-"+status, func(b *testing.B) {
			benchOp(b, func() error {
				_, _, err := s.ListActionRows(ctx, f, data.Page{Limit: 100}, today)
				return err
			})
		})
		b.Run("actions-count-"+status, func(b *testing.B) {
			benchOp(b, func() error { _, err := s.CountActionRows(ctx, f, today); return err })
		})
	}
}
