package e2e

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"mahalleh/sync/hq"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 6)) }

func mustCode(tb testing.TB, hs hq.Store, district int, role string) string {
	code, err := hq.NewEnrolCode(context.Background(), hs, district, "bench-"+role, role)
	if err != nil {
		tb.Fatal(err)
	}
	return code
}

// timed is a device's transport that reports each request to a shared
// latencies collector.
type timed struct {
	next http.RoundTripper
	col  *latencies
}

func (t timed) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	t.col.mu.Lock()
	t.col.all = append(t.col.all, time.Since(start))
	if err != nil || resp.StatusCode >= 500 {
		t.col.errs++
	}
	t.col.mu.Unlock()
	return resp, err
}

// BenchmarkLoad200: 200 devices (spread over the 22 districts), each with
// 10 new records, sync at once against one server, then sync again with
// nothing to do. Reports requests per second, p99 latency and errors (goal: none).
func BenchmarkLoad200(b *testing.B) {
	const devices = 200
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			hs := be.open(b)
			srv := startServer(b, hs)
			dir := scratchDir(b)
			col := &latencies{}
			devs := make([]*device, devices)
			rng := newRand(7)
			for i := range devs {
				opts := fastOptions
				opts.Timeout = 60 * time.Second
				opts.Transport = timed{next: &http.Transport{MaxIdleConnsPerHost: 2}, col: col}
				devs[i] = enrolDevice(b, hs, dir, srv.URL(), "load"+strconv.Itoa(i), 1+i%22, "officer", opts)
				if err := createOnly(ctx, devs[i], rng, newModel(), 10); err != nil {
					b.Fatal(err)
				}
			}
			col.all, col.errs = nil, 0
			var failed atomic.Int32
			start := time.Now()
			for wave := 0; wave < 2; wave++ {
				var wg gosync.WaitGroup
				for _, d := range devs {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := d.client.Sync(ctx, nil); err != nil {
							failed.Add(1)
							b.Logf("%s: %v", d.name, err)
						}
					}()
				}
				wg.Wait()
			}
			el := time.Since(start)
			rps := float64(len(col.all)) / el.Seconds()
			b.ReportMetric(rps, "req/s")
			b.ReportMetric(float64(col.p99().Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(int(failed.Load())+col.errs), "errors")
			b.Logf("%s: %d devices × 2 rounds: %d requests in %v = %.0f req/s, p99 %v, %d failed syncs, %d 5xx/transport errors",
				be.name, devices, len(col.all), el.Round(time.Millisecond), rps, col.p99().Round(time.Millisecond), failed.Load(), col.errs)
		})
	}
}
