package hq

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	gosync "sync"
	"time"
)

// Enrolment is the one unauthenticated endpoint, and each attempt is a write
// transaction: its body is kept small and failed attempts are counted per
// client address, so that guessing codes (60 bits each) or flooding HQ with
// attempts is cut off early. The counts live in the server process: with
// several servers behind a load balancer each counts its own share.
const (
	MaxEnrolBodyBytes = 4 << 10          // an enrolment request, compressed or not
	EnrolFailLimit    = 10               // failed attempts per address...
	EnrolFailWindow   = 15 * time.Minute // ...within this long
	maxTrackedAddrs   = 50_000           // beyond this, expired entries are dropped
)

// failCounter counts failures per key within a fixed window.
type failCounter struct {
	mu     gosync.Mutex
	limit  int
	window time.Duration
	fails  map[string]*failWindow
}

type failWindow struct {
	n     int
	start time.Time
}

func newFailCounter(limit int, window time.Duration) *failCounter {
	return &failCounter{limit: limit, window: window, fails: map[string]*failWindow{}}
}

// blocked says how long key must still wait, if it has used up its failures.
func (c *failCounter) blocked(key string, at time.Time) (time.Duration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.fails[key]
	if f == nil || at.Sub(f.start) >= c.window {
		return 0, false
	}
	return c.window - at.Sub(f.start), f.n >= c.limit
}

func (c *failCounter) fail(key string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.fails[key]
	if f == nil || at.Sub(f.start) >= c.window {
		if len(c.fails) >= maxTrackedAddrs {
			c.dropExpired(at)
		}
		f = &failWindow{start: at}
		c.fails[key] = f
	}
	f.n++
}

func (c *failCounter) dropExpired(at time.Time) {
	for k, f := range c.fails {
		if at.Sub(f.start) >= c.window {
			delete(c.fails, k)
		}
	}
	if len(c.fails) >= maxTrackedAddrs { // a flood of fresh addresses: start over rather than grow
		clear(c.fails)
	}
}

// limitEnrol wraps the enrolment handler: refuses an address that failed
// too often (429 with Retry-After), bounds the body, and counts the
// attempts h refuses.
func (s *server) limitEnrol(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		addr := clientKey(r)
		if wait, ok := s.enrolFails.blocked(addr, now()); ok {
			mins := int(wait/time.Minute) + 1
			w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
			return &apiError{Status: http.StatusTooManyRequests, Code: "too_many_attempts",
				Message:   fmt.Sprintf("Too many failed enrolment attempts came from this address. Wait %d minutes, check the code with HQ, and try again.", mins),
				MessageFa: fmt.Sprintf("از این نشانی تلاش‌های ناموفق ثبت دستگاه زیاد بوده است. %d دقیقه صبر کنید، کد را با ستاد بررسی کنید و دوباره تلاش کنید.", mins)}
		}
		err := boundEnrolBody(w, r)
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			if st := asAPIError(err).Status; st >= 400 && st < 500 {
				s.enrolFails.fail(addr, now())
			}
		}
		return err
	}
}

// boundEnrolBody reads at most MaxEnrolBodyBytes, and as many after gunzip,
// and hands the plain body on to the handler.
func boundEnrolBody(w http.ResponseWriter, r *http.Request) error {
	tooBig := tooLarge(fmt.Sprintf("An enrolment request may have at most %d bytes.", MaxEnrolBodyBytes))
	if r.ContentLength > MaxEnrolBodyBytes {
		return tooBig
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxEnrolBodyBytes))
	if err != nil {
		return tooBig
	}
	if strings.EqualFold(strings.TrimSpace(r.Header.Get("Content-Encoding")), "gzip") {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return invalidf("بدنه فشرده درخواست خراب است. برنامه را به‌روز کنید.", "The gzip body is damaged (%v). Send it again; if this keeps happening, update the app.", err)
		}
		plain, err := io.ReadAll(io.LimitReader(zr, MaxEnrolBodyBytes+1))
		if err != nil {
			return invalidf("بدنه فشرده درخواست خراب است. برنامه را به‌روز کنید.", "The gzip body is damaged (%v). Send it again; if this keeps happening, update the app.", err)
		}
		if len(plain) > MaxEnrolBodyBytes {
			return tooBig
		}
		raw = plain
		r.Header.Del("Content-Encoding")
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	r.ContentLength = int64(len(raw))
	return nil
}

// remoteHost is the address of the peer that connected.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// clientKey is the address failures are counted by: the peer, or, when the
// peer is a proxy on this machine (loopback), the address it reports last in
// X-Forwarded-For. An IPv6 client counts by its /64, which one holder has.
func clientKey(r *http.Request) string {
	host := remoteHost(r)
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			host = strings.TrimSpace(parts[len(parts)-1])
		}
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}
