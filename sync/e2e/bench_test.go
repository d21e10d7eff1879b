package e2e

import (
	"context"
	"database/sql"
	"os"
	"sort"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
	"mahalleh/sync/client"
)

// Benchmarks of sync. The first-sync and 200-device figures are one
// measurement per run (each needs a fresh HQ, and a 100k-meeting store takes
// minutes to build): they ignore b.N and report their figures as metrics.

func benchMeetings() int {
	if n, err := strconv.Atoi(os.Getenv("MAHALLEH_BENCH_MEETINGS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// BenchmarkFirstSync: a demo store of MAHALLEH_BENCH_MEETINGS meetings
// (default 100000, about 21 records each) synced to an empty HQ, as records
// per second, against a plain bulk insert of the same rows into SQLite.
// The demo's neighbourhoods are reference data, which only an HQ role may
// push: the demo store's device is enrolled with role "hq".
func BenchmarkFirstSync(b *testing.B) {
	ctx := context.Background()
	meetings := benchMeetings()
	dir := scratchDir(b)
	src := newStore(b, dir, "demo")
	stats, err := demo.Fill(ctx, src, meetings, 1, demo.WithChangeLog(), demo.WithNow(time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC)))
	if err != nil {
		b.Fatal(err)
	}
	// The demo generator marks its store as a demo, which is never enrolled;
	// here its records are only a realistic load, so the store is declared real.
	if err := src.SetSetting(ctx, "store_kind", data.KindReal); err != nil {
		b.Fatal(err)
	}
	records := stats.Total()
	bulk := bulkInsertRate(b, src, dir)
	b.Logf("demo store: %d meetings, %d records; plain bulk insert into SQLite: %.0f records/s", meetings, records, bulk)
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := copyStore(b, src, dir, "demo-"+be.name)
			hs := be.open(b)
			srv := startServer(b, hs)
			code := mustCode(b, hs, 0, "hq")
			if _, err := client.EnrolWith(ctx, s, srv.URL(), code, "bench", false, fastOptions); err != nil {
				b.Fatal(err)
			}
			c, err := client.New(s, fastOptions)
			if err != nil {
				b.Fatal(err)
			}
			var pushEnd time.Time
			start := time.Now()
			rep, err := c.Sync(ctx, func(p client.Progress) {
				if p.Phase == client.PhasePull && pushEnd.IsZero() {
					pushEnd = time.Now()
				}
			})
			if err != nil {
				b.Fatal(err)
			}
			if pushEnd.IsZero() {
				pushEnd = time.Now()
			}
			round := float64(records) / rep.Duration.Seconds()
			push := float64(rep.Pushed) / pushEnd.Sub(start).Seconds()
			b.ReportMetric(round, "records/s")
			b.ReportMetric(push, "push-records/s")
			b.ReportMetric(round/bulk, "ratio-to-bulk")
			b.ReportMetric(bulk, "bulk-records/s")
			b.Logf("%s: first sync of %d records (%d changes pushed, %d records pulled back) in %v: %.0f records/s for the round (push alone %.0f/s); ratio to bulk insert (%.0f/s) %.2f (goal ≥ 0.25); %.1f MB sent, %.1f MB received",
				be.name, records, rep.Pushed, rep.Received, rep.Duration.Round(time.Millisecond), round, push, bulk, round/bulk,
				float64(rep.BytesSent)/1e6, float64(rep.BytesReceived)/1e6)
		})
	}
}

// copyStore copies a closed-over store's file (after a checkpoint) to a new one.
func copyStore(b *testing.B, src *data.Store, dir, name string) *data.Store {
	if _, err := src.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(src.Path())
	if err != nil {
		b.Fatal(err)
	}
	path := dir + "/" + name + ".db"
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// bulkInsertRate copies every record row of src into an empty store with
// prepared INSERTs in one transaction: the fastest SQLite gets the same rows.
func bulkInsertRate(b *testing.B, src *data.Store, dir string) float64 {
	dst := newStore(b, dir, "bulk")
	start := time.Now()
	n := 0
	tx, err := dst.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range data.Entities {
		cols := make([]string, 0, 16)
		for _, f := range e.AllFields() {
			cols = append(cols, f.Name)
		}
		n += copyRows(b, src.DB(), tx, e.Name, cols)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return float64(n) / time.Since(start).Seconds()
}

func copyRows(b *testing.B, from *sql.DB, to *sql.Tx, table string, cols []string) int {
	list := strings.Join(cols, ", ")
	rows, err := from.Query("SELECT " + list + " FROM " + table)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	ins, err := to.Prepare("INSERT OR REPLACE INTO " + table + " (" + list + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")")
	if err != nil {
		b.Fatal(err)
	}
	defer ins.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		if _, err := ins.Exec(vals...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// BenchmarkQuietSync: a sync with nothing to do, on loopback. Reports the
// round trips and the bytes on the wire (goal: 1 round trip, < 2 KB).
func BenchmarkQuietSync(b *testing.B) {
	ctx := context.Background()
	hs := sqliteBackend.open(b)
	srv := startServer(b, hs)
	d := enrolDevice(b, hs, scratchDir(b), srv.URL(), "quiet", 14, "officer", fastOptions)
	if _, err := d.client.Sync(ctx, nil); err != nil {
		b.Fatal(err)
	}
	var reqs, bytes int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := d.client.Sync(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		reqs += int64(rep.Requests)
		bytes += rep.BytesSent + rep.BytesReceived
	}
	b.ReportMetric(float64(reqs)/float64(b.N), "round-trips/op")
	b.ReportMetric(float64(bytes)/float64(b.N), "wire-bytes/op")
}

// BenchmarkTenChanges: 10 changed records pushed and pulled on loopback
// (goal: < 200 ms a round). Making the changes is not timed.
func BenchmarkTenChanges(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			hs := be.open(b)
			srv := startServer(b, hs)
			d := enrolDevice(b, hs, scratchDir(b), srv.URL(), "ten", 14, "officer", fastOptions)
			m := newModel()
			rng := newRand(1)
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if err := createOnly(ctx, d, rng, m, 10); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rep, err := d.client.Sync(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Pushed != 10 {
					b.Fatalf("pushed %d changes, want 10", rep.Pushed)
				}
				total += rep.Duration
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/sync")
		})
	}
}

// latencies collects the duration of every HTTP request of the load test.
type latencies struct {
	mu   gosync.Mutex
	all  []time.Duration
	errs int
}

func (l *latencies) p99() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.all) == 0 {
		return 0
	}
	sort.Slice(l.all, func(i, j int) bool { return l.all[i] < l.all[j] })
	return l.all[len(l.all)*99/100]
}
