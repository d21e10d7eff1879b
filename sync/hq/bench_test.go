package hq

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	gosync "sync"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// benchMeetings is the size of the demo store the push benchmark sends:
// about 21 records per meeting (attendance, agenda, concerns, decisions,
// action items…), so ~20k records. MAHALLEH_BENCH_MEETINGS overrides it
// (the figure is for 100000).
func benchMeetings() int {
	if n, err := strconv.Atoi(os.Getenv("MAHALLEH_BENCH_MEETINGS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// stream is a demo store's change log as a device first pushes it: gzipped
// batches of msync.MaxBatch changes, oldest first.
type stream struct {
	batches [][]byte
	changes []data.Change // for the plain bulk insert
}

var (
	benchStream     stream
	benchStreamOnce gosync.Once
	benchStreamErr  error
)

// demoStream fills a demo store once per test process and encodes its
// change log as the client sends it.
func demoStream(b *testing.B) stream {
	benchStreamOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hqbench")
		if err != nil {
			benchStreamErr = err
			return
		}
		defer os.RemoveAll(dir)
		benchStream, benchStreamErr = loadStream(filepath.Join(dir, "demo.db"), benchMeetings())
	})
	if benchStreamErr != nil {
		b.Fatal(benchStreamErr)
	}
	return benchStream
}

func loadStream(path string, meetings int) (stream, error) {
	ctx := context.Background()
	s, err := data.Open(path)
	if err != nil {
		return stream{}, err
	}
	defer s.Close()
	if _, err := demo.Fill(ctx, s, meetings, 1, demo.WithChangeLog()); err != nil {
		return stream{}, err
	}
	changes, err := s.PendingChanges(ctx, 1<<30)
	if err != nil {
		return stream{}, err
	}
	st := stream{changes: changes}
	for start := 0; start < len(changes); start += msync.MaxBatch {
		req := msync.PushRequest{BatchID: strconv.Itoa(start), Changes: changes[start:min(start+msync.MaxBatch, len(changes))]}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if err := json.NewEncoder(zw).Encode(req); err != nil {
			return stream{}, err
		}
		zw.Close()
		st.batches = append(st.batches, buf.Bytes())
	}
	return st, nil
}

// BenchmarkPush is the server's share of a first sync: a demo store's whole
// change log (mixed entities) pushed in full gzipped batches over loopback
// to an empty HQ, as records per second; and, in the same run, the same
// records bulk-inserted into a plain SQLite table (one transaction, one
// prepared INSERT per row, JSON already encoded), with the ratio of the two
// rates (the goal: push ≥ 0.25 × bulk).
func BenchmarkPush(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			st := demoStream(b)
			b.ResetTimer()
			var push, bulk time.Duration
			for n := 0; n < b.N; n++ {
				push += pushStream(b, kind, st)
				bulk += bulkInsert(b, st.changes)
			}
			recs := float64(b.N * len(st.changes))
			b.ReportMetric(recs/push.Seconds(), "records/s")
			b.ReportMetric(recs/bulk.Seconds(), "bulk-records/s")
			b.ReportMetric(bulk.Seconds()/push.Seconds(), "ratio")
			b.ReportMetric(float64(len(st.changes)), "records")
		})
	}
}

// pushStream pushes the stream to a fresh HQ store and returns the time
// the pushes took.
func pushStream(b *testing.B, kind string, st stream) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	var store Store
	var err error
	if kind == "sqlite" {
		store, err = sqlitehq.Open(filepath.Join(b.TempDir(), "hq.db"))
	} else {
		store, err = pghq.Open(context.Background(), pgtest.Start(b))
	}
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	srv := httptest.NewServer(NewServer(store, nil))
	defer srv.Close()
	code, err := NewEnrolCode(context.Background(), store, 0, "bench", msync.RoleHQ)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := http.Post(srv.URL+"/v1/enrol", "application/json", bytesReader(mustJSON(msync.EnrolRequest{Code: code})))
	if err != nil {
		b.Fatal(err)
	}
	var enrolled msync.EnrolResponse
	json.NewDecoder(resp.Body).Decode(&enrolled)
	resp.Body.Close()
	b.StartTimer()
	start := time.Now()
	for i, body := range st.batches {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/push", bytesReader(body))
		req.Header.Set("Authorization", "Bearer "+enrolled.Token)
		req.Header.Set("Content-Encoding", "gzip")
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			b.Fatalf("push batch %d: %v", i, err)
		}
		var pr msync.PushResponse
		json.NewDecoder(resp.Body).Decode(&pr)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || pr.Duplicates != 0 {
			b.Fatalf("push batch %d: %s, %+v", i, resp.Status, pr)
		}
	}
	took := time.Since(start)
	b.StopTimer()
	return took
}

// bulkInsert writes the same records into a plain SQLite table (same file
// settings as HQ's: WAL, synchronous=FULL) and returns the time it took.
func bulkInsert(b *testing.B, changes []data.Change) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	type row struct {
		entity, id string
		district   int
		fields     []byte
	}
	rows := make([]row, len(changes))
	for i, c := range changes {
		f, err := json.Marshal(c.Fields)
		if err != nil {
			b.Fatal(err)
		}
		rows[i] = row{c.Entity, c.ID, c.District, f}
	}
	path := filepath.Join(b.TempDir(), "plain.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE plain (entity TEXT NOT NULL, id TEXT NOT NULL, district INTEGER NOT NULL,
		fields TEXT NOT NULL, PRIMARY KEY (entity, id))`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = func() error {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		ins, err := tx.Prepare("INSERT INTO plain (entity, id, district, fields) VALUES (?, ?, ?, ?)")
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := ins.Exec(r.entity, r.id, r.district, r.fields); err != nil {
				return fmt.Errorf("insert %s %s: %w", r.entity, r.id, err)
			}
		}
		return tx.Commit()
	}()
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
