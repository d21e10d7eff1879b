package gui

import (
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/sync/client"
)

// lineMeter counts what crosses the line between the test's laptops and HQ, at
// HQ's side: requests as the handler sees them, TCP connections and bytes
// (headers included, as they travel) as the listener sees them.
type lineMeter struct {
	conns, up, down atomic.Int64
	mu              gosync.Mutex
	requests        []string // "GET /v1/pull", in order
}

func (m *lineMeter) request(r *http.Request) {
	m.mu.Lock()
	m.requests = append(m.requests, r.Method+" "+r.URL.Path)
	m.mu.Unlock()
}

// reading is the meter at one moment; minus gives what happened between two.
type reading struct {
	requests        []string
	conns, up, down int64
}

func (m *lineMeter) read() reading {
	m.mu.Lock()
	defer m.mu.Unlock()
	return reading{requests: append([]string(nil), m.requests...), conns: m.conns.Load(), up: m.up.Load(), down: m.down.Load()}
}

func (r reading) minus(before reading) reading {
	return reading{requests: r.requests[len(before.requests):], conns: r.conns - before.conns, up: r.up - before.up, down: r.down - before.down}
}

// kinds sums the requests by method and path: "GET /v1/pull ×20".
func (r reading) kinds() string {
	n := map[string]int{}
	for _, q := range r.requests {
		n[q]++
	}
	var out []string
	for q, c := range n {
		out = append(out, fmt.Sprintf("%s ×%d", q, c))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

type countingListener struct {
	net.Listener
	m *lineMeter
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.m.conns.Add(1)
	return &countingConn{Conn: c, m: l.m}, nil
}

type countingConn struct {
	net.Conn
	m *lineMeter
}

func (c *countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.m.up.Add(int64(n))
	return n, err
}

func (c *countingConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.m.down.Add(int64(n))
	return n, err
}

// The figures of the closing note, measured at HQ's side of the line with
// the window's own sync settings: what an automatic round costs when
// nothing changed (PROTOCOL.md promises one GET /v1/pull answered by an
// empty page, which this holds the window to), and the time from "Sync
// now" tapped to the status line saying nothing waits, for ten meetings
// recorded in the window. The times are printed, not asserted: they are
// the machine's, and the race detector slows them several times.
func TestSyncCostFigures(t *testing.T) {
	h := startTestHQ(t)
	h.withReference(t)
	sh, w, _ := h.newLaptop(t, "زهرا احمدی")
	sh.syncer.opts = client.Options{} // as the app syncs
	syncNow(t, sh)

	const rounds = 20
	before := h.meter.read()
	start := time.Now()
	for i := 0; i < rounds; i++ {
		sh.syncer.tick()
	}
	took := time.Since(start)
	quiet := h.meter.read().minus(before)
	t.Logf("a quiet automatic round: %.1f requests (%s), %.1f TCP connections, %d bytes up, %d bytes down, %v",
		float64(len(quiet.requests))/rounds, quiet.kinds(), float64(quiet.conns)/rounds, quiet.up/rounds, quiet.down/rounds, took/rounds)
	if len(quiet.requests) != rounds || quiet.kinds() != fmt.Sprintf("GET /v1/pull ×%d", rounds) {
		t.Errorf("%d quiet rounds made the requests %s; PROTOCOL.md promises one GET /v1/pull each", rounds, quiet.kinds())
	}
	if !upToDate(sh) {
		t.Fatalf("after the quiet rounds the status line says %q", sh.status.Text)
	}

	for rep := 1; rep <= 3; rep++ {
		var titles []string
		for i := 1; i <= 10; i++ {
			titles = append(titles, fmt.Sprintf("نشست شماره %s از دور %s", i18n.Number(i), i18n.Number(rep)))
		}
		recordMeetings(t, sh, w, titles...)
		sh.openSection("sync")
		p := sh.current().(*syncPage)
		sh.refreshStatus()
		waiting := sh.status.Text
		if !strings.Contains(waiting, i18n.T("status.pending", map[string]string{"N": i18n.Number(10)})) {
			t.Fatalf("after ten meetings the status line says %q, want ten changes waiting", waiting)
		}
		before := h.meter.read()
		start := time.Now()
		test.Tap(p.syncBtn)
		took := time.Since(start)
		if !upToDate(sh) {
			t.Fatalf("after \"Sync now\" the status line says %q, want nothing waiting", sh.status.Text)
		}
		d := h.meter.read().minus(before)
		t.Logf("\"Sync now\" with 10 new meetings, round %d: up to date in %v; %d requests (%s), %d bytes up, %d bytes down",
			rep, took.Round(time.Millisecond), len(d.requests), d.kinds(), d.up, d.down)
	}
}
