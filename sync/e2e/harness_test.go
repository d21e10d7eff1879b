package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	gosync "sync"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/sync/client"
	"mahalleh/sync/hq"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// backend opens an empty HQ store of one kind.
type backend struct {
	name string
	open func(t testing.TB) hq.Store
}

var sqliteBackend = backend{"sqlite", func(t testing.TB) hq.Store {
	s, err := sqlitehq.Open(filepath.Join(scratchDir(t), "hq.db"))
	if err != nil {
		t.Fatalf("open the HQ store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}}

var postgresBackend = backend{"postgres", func(t testing.TB) hq.Store {
	s, err := pghq.Open(context.Background(), pgtest.Start(t))
	if err != nil {
		t.Fatalf("open the HQ store on PostgreSQL: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}}

var backends = []backend{sqliteBackend, postgresBackend}

// scratchDir is a fresh folder for the test's SQLite files, in memory
// (/dev/shm) when the machine has it: the stores are real SQLite files with
// synchronous=FULL, but a thousand sessions should not wait on the disk.
// MAHALLEH_E2E_DISK=1 puts them on disk (for benchmark figures with fsync).
func scratchDir(t testing.TB) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() && os.Getenv("MAHALLEH_E2E_DISK") == "" {
		if dir, err := os.MkdirTemp("/dev/shm", "mahalleh-e2e-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// hqServer is a real HQ server on a loopback port, which a test can kill and
// start again on the same store.
type hqServer struct {
	store hq.Store
	mu    gosync.Mutex
	srv   *http.Server
	url   string
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func startServer(t testing.TB, store hq.Store) *hqServer {
	h := &hqServer{store: store}
	if err := h.start(); err != nil {
		t.Fatalf("start the HQ server: %v", err)
	}
	t.Cleanup(h.stop)
	return h
}

func (h *hqServer) start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: hq.NewServer(h.store, quietLog), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	h.srv, h.url = srv, "http://"+ln.Addr().String()
	return nil
}

// URL is the server's current base URL (it changes on restart).
func (h *hqServer) URL() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.url
}

// restart kills the server (its listener and every open connection, with
// requests in flight) and starts a new one on the same store.
func (h *hqServer) restart() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.srv.Close()
	return h.start()
}

func (h *hqServer) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.srv.Close()
}

// device is one enrolled laptop: its store and its sync client.
type device struct {
	name     string
	officer  string
	district int
	role     string
	store    *data.Store
	client   *client.Client
}

var (
	templateOnce gosync.Once
	templatePath string
	templateErr  error
)

// newStore makes an empty device store by copying a migrated template (a
// fresh store costs tens of milliseconds of migrations); the copy gets its
// own device id on open, so clocks of different devices never tie.
func newStore(t testing.TB, dir, name string) *data.Store {
	templateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mahalleh-template-")
		if err != nil {
			templateErr = err
			return
		}
		templatePath = filepath.Join(dir, "template.db")
		s, err := data.Open(templatePath)
		if err != nil {
			templateErr = err
			return
		}
		_, templateErr = s.DB().Exec("DELETE FROM settings WHERE key = 'device_local_id'")
		s.Close()
	})
	if templateErr != nil {
		t.Fatalf("make the template store: %v", templateErr)
	}
	path := filepath.Join(dir, name+".db")
	raw, err := os.ReadFile(templatePath)
	if err == nil {
		err = os.WriteFile(path, raw, 0o644)
	}
	if err != nil {
		t.Fatalf("copy the template store: %v", err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// enrolDevice makes a store and enrols it at serverURL with a fresh code
// for (district, officer, role).
func enrolDevice(t testing.TB, hs hq.Store, dir, serverURL, name string, district int, role string, opts client.Options) *device {
	ctx := context.Background()
	officer := "officer-" + name
	code, err := hq.NewEnrolCode(ctx, hs, district, officer, role)
	if err != nil {
		t.Fatalf("enrol code for %s: %v", name, err)
	}
	s := newStore(t, dir, name)
	if _, err := client.EnrolWith(ctx, s, serverURL, code, name, false, opts); err != nil {
		t.Fatalf("enrol %s: %v", name, err)
	}
	c, err := client.New(s, opts)
	if err != nil {
		t.Fatalf("client for %s: %v", name, err)
	}
	return &device{name: name, officer: officer, district: district, role: role, store: s, client: c}
}

// fastOptions retry quickly: a test has no patience for real backoff.
var fastOptions = client.Options{Timeout: 5 * time.Second, Retries: 3, RetryWait: 2 * time.Millisecond, RetryMaxWait: 20 * time.Millisecond}

// syncUntilQuiet runs rounds on every device until a whole pass moves
// nothing (every device has pushed and pulled everything there is).
func syncUntilQuiet(ctx context.Context, devs []*device) error {
	for pass := 0; pass < 10; pass++ {
		moved := 0
		for _, d := range devs {
			rep, err := d.client.Sync(ctx, nil)
			if err != nil {
				return fmt.Errorf("sync %s: %w", d.name, err)
			}
			moved += rep.Pushed + rep.Pulled
		}
		if moved == 0 && pass > 0 {
			return nil
		}
	}
	return fmt.Errorf("sync did not become quiet after 10 passes")
}
