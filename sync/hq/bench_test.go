package hq

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// BenchmarkPush measures new meetings applied per second, pushed in full
// batches over loopback (the server's share of a first sync).
func BenchmarkPush(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			var st Store
			var err error
			if kind == "sqlite" {
				st, err = sqlitehq.Open(filepath.Join(b.TempDir(), "hq.db"))
			} else {
				st, err = pghq.Open(context.Background(), pgtest.Start(b))
			}
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			srv := httptest.NewServer(NewServer(st, slog.New(slog.NewJSONHandler(io.Discard, nil))))
			defer srv.Close()
			code, _ := NewEnrolCode(context.Background(), st, 14, "bench", msync.RoleOfficer)
			body, _ := json.Marshal(msync.EnrolRequest{Code: code})
			resp, err := http.Post(srv.URL+"/v1/enrol", "application/json", bytesReader(body))
			if err != nil {
				b.Fatal(err)
			}
			var enrolled msync.EnrolResponse
			json.NewDecoder(resp.Body).Decode(&enrolled)
			resp.Body.Close()
			batches := make([][]byte, 0, b.N)
			for n := 0; n < b.N; n++ {
				var changes []data.Change
				for i := 0; i < msync.MaxBatch; i++ {
					changes = append(changes, newMeeting(14, "meeting", clockAt(time.Now(), int64(i), "bench")))
				}
				raw, _ := json.Marshal(msync.PushRequest{Changes: changes})
				batches = append(batches, raw)
			}
			b.ResetTimer()
			start := time.Now()
			for n := 0; n < b.N; n++ {
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/push", bytesReader(batches[n]))
				req.Header.Set("Authorization", "Bearer "+enrolled.Token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("push: %v %v", err, resp.Status)
				}
				resp.Body.Close()
			}
			b.ReportMetric(float64(b.N*msync.MaxBatch)/time.Since(start).Seconds(), "records/s")
		})
	}
}
