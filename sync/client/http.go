package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/go-resty/resty/v2"

	msync "mahalleh/sync"
)

// Options tune the HTTP side of a Client. The zero value is what the app uses.
type Options struct {
	Timeout      time.Duration // one attempt of one request; default 60s
	Retries      int           // extra attempts for transient failures; default 4, -1 for none
	RetryWait    time.Duration // first backoff; default 500ms (doubles, with jitter)
	RetryMaxWait time.Duration // longest backoff; default 10s
	PullPage     int           // records per pull page; default msync.MaxPullPage
	PushBatch    int           // changes per push; default msync.MaxBatch
	// Transport, when set, replaces the client's own http.Transport (tests
	// measure latencies with it). Report's wire bytes are then 0: they are
	// counted by the dialer of the client's own transport.
	Transport http.RoundTripper
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 4
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.RetryWait <= 0 {
		o.RetryWait = 500 * time.Millisecond
	}
	if o.RetryMaxWait <= 0 {
		o.RetryMaxWait = 10 * time.Second
	}
	return o
}

// wire is the HTTP client of one device: resty with retries for transient
// failures only, a dialer that counts the bytes on the wire, and gzip both ways.
type wire struct {
	rc       *resty.Client
	sent     atomic.Int64
	received atomic.Int64
	requests atomic.Int64
}

func newWire(baseURL, token string, o Options) *wire {
	w := &wire{}
	rt := o.Transport
	if rt == nil {
		dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
		rt = &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         w.countingDial(dialer),
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 10 * time.Second,
			ForceAttemptHTTP2:   true,
		}
	}
	w.rc = resty.New().
		SetTransport(rt).
		SetBaseURL(strings.TrimRight(baseURL, "/")).
		SetTimeout(o.Timeout).
		SetRetryCount(o.Retries).
		SetRetryWaitTime(o.RetryWait).
		SetRetryMaxWaitTime(o.RetryMaxWait).
		SetLogger(quietLogger{}).
		SetHeader("User-Agent", "mahalleh-desktop/"+msync.Version).
		AddRetryCondition(transient).
		OnBeforeRequest(func(*resty.Client, *resty.Request) error { w.requests.Add(1); return nil })
	if token != "" {
		w.rc.SetAuthToken(token)
	}
	return w
}

// transient says whether a failed attempt is worth repeating: no answer at
// all (connection refused or reset, timeout), or an answer that says "later"
// (429, 502, 503, 504). Never another 4xx: the same request would be refused
// again. Cancellation by the caller is never retried (resty checks it first).
func transient(resp *resty.Response, err error) bool {
	if err != nil {
		return !errors.Is(err, context.Canceled)
	}
	if resp == nil {
		return false
	}
	switch resp.StatusCode() {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// gzipped is a request body already encoded as gzipped JSON.
type gzipped []byte

// call sends one request (with retries) and decodes a 2xx JSON answer into
// out. body, when not nil, is sent as gzipped JSON (encoded here unless it
// is gzipped already).
func (w *wire) call(ctx context.Context, method, path string, body, out any) error {
	req := w.rc.R().SetContext(ctx)
	if body != nil {
		gz, ok := body.(gzipped)
		if !ok {
			var err error
			if gz, err = gzipJSON(body, gzip.DefaultCompression); err != nil {
				return AsError(err)
			}
		}
		req.SetBody([]byte(gz)).
			SetHeader("Content-Type", "application/json").
			SetHeader("Content-Encoding", "gzip")
	}
	resp, err := req.Execute(method, path)
	if err != nil {
		if ctx.Err() != nil {
			return canceled(ctx.Err())
		}
		return offline(err)
	}
	if resp.StatusCode() < 200 || resp.StatusCode() > 299 {
		return fromResponse(resp.StatusCode(), resp.Body())
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body(), out); err != nil {
		return &Error{Kind: KindServer, Status: resp.StatusCode(), Err: err,
			Msg:   "The server's answer could not be read; your work is saved, try again later and tell HQ if it persists.",
			MsgFa: "پاسخ سرور خوانده نشد؛ کار شما ذخیره شده است، بعداً دوباره تلاش کنید و اگر تکرار شد به ستاد خبر دهید."}
	}
	return nil
}

var gzipPools = map[int]*gosync.Pool{
	gzip.DefaultCompression: {New: func() any { return gzip.NewWriter(nil) }},
	gzip.BestSpeed:          {New: func() any { zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return zw }},
}

// gzipJSON encodes v as JSON and compresses it at level (a key of gzipPools).
func gzipJSON(v any, level int) (gzipped, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(raw) / 4)
	pool := gzipPools[level]
	zw := pool.Get().(*gzip.Writer)
	defer pool.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gzipJSONFast is gzipJSON at gzip's fastest level, for push batches: a
// first sync's push is bound by the CPU, and the fastest level costs far
// less of it for a body only somewhat larger (see the closing figures of
// BenchmarkFirstSync).
func gzipJSONFast(v any) (gzipped, error) { return gzipJSON(v, gzip.BestSpeed) }

// countingDial wraps a dialer so that every byte read or written on the
// client's connections is counted (what a metered link would bill).
func (w *wire) countingDial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, w: w}, nil
	}
}

type countingConn struct {
	net.Conn
	w *wire
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.w.received.Add(int64(n))
	return n, err
}

func (c *countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.w.sent.Add(int64(n))
	return n, err
}

// quietLogger drops resty's own log lines: the client reports failures
// through its return values, and a desktop app has no console to print to.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
