package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
)

// demoMeetings is the size of the demo timed by scaleDemo (the demo's cost
// grows linearly with it, and the limit is measured on the same records).
func demoMeetings() int {
	if n, err := strconv.Atoi(os.Getenv("MAHALLEH_BENCH_DEMO_MEETINGS")); err == nil && n > 0 {
		return n
	}
	return 5000
}

// scaleDemo times `mahalleh demo` (demo.Fill into a new store) and, as its
// limit, a raw bulk insert of the same records: the rows of the demo's
// tables read into memory, then inserted with one prepared statement per
// table into the same tables (no indexes, no change log, no search index),
// with the store's settings (WAL, synchronous=FULL), 5,000 rows a
// transaction. Goal: within 3 times the raw insert.
func scaleDemo(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	n := demoMeetings()
	s, err := data.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	st, err := demo.Fill(ctx, s, n, benchSeed, demo.WithNow(time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC)))
	if err != nil {
		b.Fatal(err)
	}
	fill := time.Since(start)
	raw, rows := rawInsert(b, s.DB(), filepath.Join(dir, "raw.db"))
	b.Logf("demo of %d meetings (%d records) in %s; raw insert of the same %d rows in %s", n, st.Total(), fill, rows, raw)
	addScaleRow("demo --size "+strconv.Itoa(n)+" (limit: 3 × raw insert)", fill.Seconds(), 3*raw.Seconds(), "s")
}

// rawInsert copies the rows of every entity table of src into a new file at
// path, timing only the inserts.
func rawInsert(b *testing.B, src *sql.DB, path string) (time.Duration, int) {
	type table struct {
		create, insert string
		rows           [][]any
	}
	var tables []table
	count := 0
	for _, e := range data.Entities {
		var create string
		if err := src.QueryRow("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", e.Name).Scan(&create); err != nil {
			b.Fatal(err)
		}
		rows, err := src.Query("SELECT * FROM " + e.Name)
		if err != nil {
			b.Fatal(err)
		}
		cols, _ := rows.Columns()
		t := table{create: create, insert: "INSERT INTO " + e.Name + " VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				b.Fatal(err)
			}
			t.rows = append(t.rows, vals)
		}
		rows.Close()
		count += len(t.rows)
		tables = append(tables, t)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, t := range tables {
		if _, err := db.Exec(t.create); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	for _, t := range tables {
		for lo := 0; lo < len(t.rows); lo += 5000 {
			tx, err := db.Begin()
			if err != nil {
				b.Fatal(err)
			}
			stmt, err := tx.Prepare(t.insert)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range t.rows[lo:min(lo+5000, len(t.rows))] {
				if _, err := stmt.Exec(r...); err != nil {
					b.Fatal(err)
				}
			}
			stmt.Close()
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	}
	return time.Since(start), count
}
