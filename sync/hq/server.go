package hq

import (
	"compress/gzip"
	"context"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	gosync "sync"
	"time"

	msync "mahalleh/sync"
)

// server holds what the handlers share: the store and the logger. It keeps
// no other state (but a brake on failed enrolments), so any number of
// servers can share one database.
type server struct {
	store Store
	log   *slog.Logger
	// enrolFails counts failed enrolments per address (limitEnrol): the
	// one state of the process, and only a brake, never a record.
	enrolFails *failCounter
}

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

type ctxKey struct{}

// reqLog is what the authentication learnt about a request, for handle's
// log line: the device, also of requests refused after authentication.
type reqLog struct{ dev *Device }

type reqLogKey struct{}

// NewServer returns the handler of every /v1/ route.
func NewServer(store Store, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	s := &server{store: store, log: logger, enrolFails: newFailCounter(EnrolFailLimit, EnrolFailWindow)}
	mux := http.NewServeMux()
	p := "/" + msync.Version
	mux.Handle(p+"/enrol", s.route(http.MethodPost, false, true, s.limitEnrol(s.enrol)))
	mux.Handle(p+"/status", s.route(http.MethodGet, true, true, s.status))
	mux.Handle(p+"/push", s.route(http.MethodPost, true, true, s.push))
	mux.Handle(p+"/pull", s.route(http.MethodGet, true, true, s.pull))
	mux.Handle(p+"/blobs/{sha}", s.blobRoute())
	mux.Handle("/", s.handle(func(http.ResponseWriter, *http.Request) error { return errNotFound }))
	return s.recoverer(mux)
}

// route checks the method, the token (if auth) and compresses the answer
// (if zip) around h.
func (s *server) route(method string, auth, zip bool, h handlerFunc) http.Handler {
	inner := h
	if auth {
		inner = s.authenticated(h)
	}
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != method {
			w.Header().Set("Allow", method)
			return errMethod
		}
		if zip && acceptsGzip(r) {
			zw := newGzipWriter(w)
			defer zw.Close()
			w = zw
		}
		return inner(w, r)
	})
}

// handle writes the error h returns as a JSON error body and logs it.
func (s *server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rl := &reqLog{}
		err := h(w, r.WithContext(context.WithValue(r.Context(), reqLogKey{}, rl)))
		if err == nil {
			return
		}
		ae := asAPIError(err)
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", ae.Status, "code", ae.Code, "ms", time.Since(start).Milliseconds(),
			"remote", remoteHost(r)}
		if rl.dev != nil {
			attrs = append(attrs, "device", rl.dev.ID, "district", rl.dev.District)
		}
		if ae.Status >= 500 {
			s.log.Error("request failed", append(attrs, "err", err.Error())...)
		} else {
			s.log.Warn("request refused", append(attrs, "reason", ae.Message)...)
		}
		if ae.Status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="mahalleh-hq"`)
		}
		writeJSON(w, ae.Status, ae.body())
	})
}

// recoverer turns a panic into a 500 and a log line: one bad request must
// not take the server down.
func (s *server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeJSON(w, errInternal.Status, errInternal.body())
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// authenticated looks the bearer token up by its hash and refuses unknown,
// garbled and revoked tokens before h runs.
func (s *server) authenticated(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || !wellFormedToken(token) {
			return errUnauthorized
		}
		hash := hashToken(token)
		var dev *Device
		err := s.store.View(r.Context(), func(tx Tx) error {
			var err error
			dev, err = tx.DeviceByTokenHash(hash)
			return err
		})
		if err != nil {
			return err
		}
		if dev == nil || subtle.ConstantTimeCompare([]byte(dev.TokenHash), []byte(hash)) != 1 {
			return errUnauthorized
		}
		if rl, ok := r.Context().Value(reqLogKey{}).(*reqLog); ok {
			rl.dev = dev
		}
		if dev.RevokedAt != nil {
			return errRevoked
		}
		if err := s.touch(r.Context(), dev, false); err != nil {
			return err
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, dev)))
	}
}

// touch records that the device was seen; "seen" is written at most once a
// minute so that a busy device does not make every request a write.
func (s *server) touch(ctx context.Context, dev *Device, synced bool) error {
	t := now()
	if !synced && dev.LastSeenAt != nil && t.Sub(*dev.LastSeenAt) < time.Minute {
		return nil
	}
	return s.store.Update(ctx, func(tx Tx) error { return tx.TouchDevice(dev.ID, t, synced) })
}

func wellFormedToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}

func deviceOf(r *http.Request) *Device {
	d, _ := r.Context().Value(ctxKey{}).(*Device)
	return d
}

func (s *server) status(w http.ResponseWriter, r *http.Request) error {
	dev := deviceOf(r)
	writeJSON(w, http.StatusOK, msync.StatusResponse{ServerTime: now().Format("2006-01-02T15:04:05.000Z"),
		DeviceID: dev.ID, District: dev.District, Role: dev.Role, Officer: dev.Officer, Protocol: msync.Version})
	return nil
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		if strings.TrimSpace(strings.SplitN(part, ";", 2)[0]) == "gzip" {
			return true
		}
	}
	return false
}

// gzipWriter compresses the body of an answer. It starts only when the
// handler writes, so a handler that fails before writing leaves the
// ResponseWriter untouched for the (uncompressed) error body.
type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func newGzipWriter(w http.ResponseWriter) *gzipWriter { return &gzipWriter{ResponseWriter: w} }

func (g *gzipWriter) WriteHeader(code int) {
	if g.zw == nil {
		h := g.Header()
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
		h.Del("Content-Length")
		g.zw = gzipWriters.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if g.zw == nil {
		g.WriteHeader(http.StatusOK)
	}
	return g.zw.Write(b)
}

// Close ends the gzip stream, if one was started.
func (g *gzipWriter) Close() error {
	if g.zw == nil {
		return nil
	}
	err := g.zw.Close()
	g.zw.Reset(io.Discard) // let go of the connection before pooling
	gzipWriters.Put(g.zw)
	g.zw = nil
	return err
}

// gzipWriters pools the compressors of answers: a new gzip.Writer
// allocates about a megabyte of state, which for the small answers of a
// quiet round cost more CPU than compressing them (a third of HQ's pull in
// the 200-device benchmark's profile).
var gzipWriters = gosync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}
