// Package e2e holds the end-to-end tests of sync (a real HQ server over
// loopback, real SQLite stores, PostgreSQL too), its fault-injection
// sessions and its benchmarks. This file is the fault proxy they put between
// the devices and the server.
package e2e

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	gosync "sync"
	"sync/atomic"
	"time"
)

// Fault is one way the proxy mistreats a request.
type Fault int

const (
	FaultNone        Fault = iota
	FaultDropBefore        // close the client's connection without forwarding
	FaultDropMidBody       // forward half the body, then cut both connections
	FaultDropAfter         // forward it all, let the server commit, lose the reply
	FaultDelay             // wait a while first
	FaultDuplicate         // send it to the server twice at once
	FaultHold              // hold it until the next request has gone (or a timeout)
	FaultReplayLater       // forward it, and send a copy again after the next request
	FaultKillServer        // forward it and restart the server while it runs
	numFaults
)

var faultNames = [...]string{"none", "drop-before", "drop-mid-body", "drop-after-reply", "delay", "duplicate", "hold", "replay-later", "kill-server"}

func (f Fault) String() string { return faultNames[f] }

// Proxy is an HTTP proxy on 127.0.0.1 that injects faults chosen by a seeded
// random source, so that a session can be replayed from its seed (up to
// the scheduling of goroutines).
type Proxy struct {
	URL      string
	Rate     float64      // probability that a request gets a fault
	OnKill   func() error // restarts the server (FaultKillServer); nil disables that fault
	enabled  atomic.Bool
	upstream atomic.Pointer[string]
	srv      *http.Server
	fwd      *http.Transport

	mu      gosync.Mutex
	rng     *rand.Rand
	counts  [numFaults]int
	replay  *saved        // a request to send again after the next one
	next    chan struct{} // closed when a request has been forwarded (wakes a held one)
	killing gosync.Mutex
}

type saved struct {
	method, uri string
	header      http.Header
	body        []byte
}

// NewProxy starts a proxy to upstream (a base URL) with faults off.
func NewProxy(upstream string, seed uint64, rate float64) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{URL: "http://" + ln.Addr().String(), Rate: rate,
		rng:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		next: make(chan struct{}),
		fwd:  &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 16},
	}
	p.upstream.Store(&upstream)
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

// SetUpstream points the proxy at another server (after a restart).
func (p *Proxy) SetUpstream(u string) { p.upstream.Store(&u) }

// SetFaults turns fault injection on or off (off for enrolment and the
// final clean sync).
func (p *Proxy) SetFaults(on bool) { p.enabled.Store(on) }

// Counts returns how many times each fault was injected.
func (p *Proxy) Counts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for f := FaultNone + 1; f < numFaults; f++ {
		if p.counts[f] > 0 {
			out[f.String()] = p.counts[f]
		}
	}
	return out
}

// Close stops the proxy.
func (p *Proxy) Close() {
	p.srv.Close()
	p.fwd.CloseIdleConnections()
}

func (p *Proxy) pick() (Fault, time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.enabled.Load() || p.rng.Float64() >= p.Rate {
		return FaultNone, 0
	}
	f := Fault(1 + p.rng.IntN(int(numFaults)-1))
	if f == FaultKillServer && p.OnKill == nil {
		f = FaultDelay
	}
	p.counts[f]++
	return f, time.Duration(p.rng.IntN(80)) * time.Millisecond
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		hangUp(w)
		return
	}
	req := &saved{method: r.Method, uri: r.URL.RequestURI(), header: r.Header.Clone(), body: body}
	fault, delay := p.pick()
	defer p.afterForward()
	switch fault {
	case FaultDropBefore:
		hangUp(w)
		return
	case FaultDropMidBody:
		p.forwardCut(req)
		hangUp(w)
		return
	case FaultDelay:
		time.Sleep(delay)
	case FaultHold:
		p.hold(delay * 4)
	case FaultDuplicate:
		go func() { // the twin: its answer is thrown away
			if resp, err := p.forward(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	case FaultReplayLater:
		p.mu.Lock()
		p.replay = req
		p.mu.Unlock()
	case FaultKillServer:
		go func() { time.Sleep(delay / 8); p.killing.Lock(); p.OnKill(); p.killing.Unlock() }()
	}
	resp, err := p.forward(req)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	if err != nil || fault == FaultDropAfter {
		hangUp(w)
		return
	}
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(respBody)
}

// afterForward wakes a held request and sends a saved one again: both put
// an older request behind a newer one at the server.
func (p *Proxy) afterForward() {
	p.mu.Lock()
	close(p.next)
	p.next = make(chan struct{})
	again := p.replay
	p.replay = nil
	p.mu.Unlock()
	if again != nil {
		go func() {
			if resp, err := p.forward(again); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
}

// hold waits until another request went through the proxy, or max.
func (p *Proxy) hold(max time.Duration) {
	p.mu.Lock()
	next := p.next
	p.mu.Unlock()
	select {
	case <-next:
		time.Sleep(time.Millisecond) // let the other one reach the server first
	case <-time.After(max + 20*time.Millisecond):
	}
}

func (p *Proxy) forward(req *saved) (*http.Response, error) {
	return p.send(req, bytes.NewReader(req.body), int64(len(req.body)))
}

// forwardCut sends the headers and half the body, then fails the body, so
// the server sees a connection that dies mid-request.
func (p *Proxy) forwardCut(req *saved) {
	half := io.MultiReader(bytes.NewReader(req.body[:len(req.body)/2]), failingReader{})
	if resp, err := p.send(req, half, int64(len(req.body))); err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func (p *Proxy) send(req *saved, body io.Reader, length int64) (*http.Response, error) {
	p.killing.Lock() // wait for a restart in progress to finish
	p.killing.Unlock()
	out, err := http.NewRequest(req.method, *p.upstream.Load()+req.uri, body)
	if err != nil {
		return nil, err
	}
	out.ContentLength = length
	for k, vs := range req.header {
		if k != "Connection" && k != "Proxy-Connection" && k != "Keep-Alive" && k != "Te" && k != "Upgrade" {
			out.Header[k] = vs
		}
	}
	return p.fwd.RoundTrip(out)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) {
	return 0, errors.New("connection cut by the fault proxy")
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	w.WriteHeader(http.StatusBadGateway)
}
