package client

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq"
	"mahalleh/sync/hq/sqlitehq"
)

// realHQ is a real HQ server (SQLite) on loopback.
type realHQ struct {
	store hq.Store
	url   string
}

func startHQ(t *testing.T) *realHQ {
	t.Helper()
	st, err := sqlitehq.Open(filepath.Join(t.TempDir(), "hq.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hq.NewServer(st, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(func() { srv.Close(); st.Close() })
	return &realHQ{store: st, url: srv.URL}
}

func (h *realHQ) code(t *testing.T, district int, role string) string {
	t.Helper()
	code, err := hq.NewEnrolCode(context.Background(), h.store, district, "Zahra", role)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

var fast = Options{RetryWait: time.Millisecond, RetryMaxWait: 5 * time.Millisecond, Retries: 3}

// device is a store enrolled with h.
func (h *realHQ) device(t *testing.T, district int, role string) (*data.Store, *Client) {
	t.Helper()
	s := openStore(t)
	if _, err := EnrolWith(context.Background(), s, h.url, h.code(t, district, role), "laptop", false, fast); err != nil {
		t.Fatal(err)
	}
	c, err := New(s, fast)
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// hqHas says whether HQ holds the record (read from HQ's own store).
func (h *realHQ) hqHas(t *testing.T, entity, id string) bool {
	t.Helper()
	var rec *hq.Record
	err := h.store.View(context.Background(), func(tx hq.Tx) error {
		var err error
		rec, err = tx.GetRecord(entity, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rec != nil
}

func saveRec(t *testing.T, s *data.Store, entity string, fields map[string]any) string {
	t.Helper()
	var id string
	err := s.Write(context.Background(), "Zahra", func(w *data.Writer) error {
		rec, err := w.Save(entity, fields)
		id = rec.ID()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A change HQ refuses (here a neighbourhood made on an officer's laptop) is
// set aside with HQ's reason; the officer's other work still reaches HQ,
// the pull still brings the others' work, and the next rounds are clean.
// Retried, it is refused again; discarded, it is gone from the queue.
func TestARefusedChangeDoesNotBlockTheOthers(t *testing.T) {
	h := startHQ(t)
	ctx := context.Background()
	other, oc := h.device(t, 14, msync.RoleOfficer)
	fromOther := saveRec(t, other, "people", map[string]any{"district": 14, "name": "Hassan", "role": "elder"})
	if _, err := oc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s, c := h.device(t, 14, msync.RoleOfficer)
	before := saveRec(t, s, "people", map[string]any{"district": 14, "name": "Maryam", "role": "imam"})
	nb := saveRec(t, s, "neighbourhoods", map[string]any{"district": 14, "name": "A made-up neighbourhood"})
	after := saveRec(t, s, "meetings", map[string]any{"district": 14, "kind": "elders", "title": "Elders",
		"starts_at": "2026-10-01T08:00:00.000Z"})

	rep, err := c.Sync(ctx, nil)
	if err != nil {
		t.Fatalf("sync with a refused change: %v", err)
	}
	if rep.Pushed != 2 || rep.Refused != 1 || rep.RefusedTotal != 1 {
		t.Fatalf("report %+v, want 2 pushed and 1 refused", rep)
	}
	if !h.hqHas(t, "people", before) || !h.hqHas(t, "meetings", after) || h.hqHas(t, "neighbourhoods", nb) {
		t.Fatal("HQ lacks the good changes or holds the refused one")
	}
	if _, err := s.Get(ctx, "people", fromOther); err != nil {
		t.Fatalf("the pull did not run: %v", err)
	}
	list, err := s.RefusedChanges(ctx)
	if err != nil || len(list) != 1 || list[0].RecordID != nb || list[0].Code != msync.RefusedForbidden ||
		!strings.Contains(list[0].Message, "reference data") || list[0].MessageFa == "" {
		t.Fatalf("refused changes: %+v, %v", list, err)
	}
	if st, _ := c.Status(ctx); st.Pending != 0 || st.Refused != 1 {
		t.Fatalf("status %+v, want nothing pending and 1 refused", st)
	}
	rep, err = c.Sync(ctx, nil)
	if err != nil || rep.Pushed != 0 || rep.Refused != 0 {
		t.Fatalf("the next round: %+v, %v", rep, err)
	}
	if err := s.RetryRefused(ctx, list[0].ChangeID); err != nil {
		t.Fatal(err)
	}
	if rep, err = c.Sync(ctx, nil); err != nil || rep.Refused != 1 || rep.RefusedTotal != 1 {
		t.Fatalf("after retry: %+v, %v", rep, err)
	}
	if err := s.DiscardRefused(ctx, list[0].ChangeID); err != nil {
		t.Fatal(err)
	}
	if rep, err = c.Sync(ctx, nil); err != nil || rep.RefusedTotal != 0 || rep.Pushed != 0 {
		t.Fatalf("after discard: %+v, %v", rep, err)
	}
}

// A logged change that cannot be read back is set aside as unreadable, not
// sent as a change with no fields and not left to block the queue.
func TestAnUnreadableChangeIsSetAside(t *testing.T) {
	h := startHQ(t)
	ctx := context.Background()
	s, c := h.device(t, 14, msync.RoleOfficer)
	bad := saveRec(t, s, "people", map[string]any{"district": 14, "name": "Maryam", "role": "imam"})
	good := saveRec(t, s, "people", map[string]any{"district": 14, "name": "Hassan", "role": "elder"})
	if _, err := s.DB().Exec(`UPDATE changes SET fields = '{"role": 7}' WHERE record_id = ?`, bad); err != nil {
		t.Fatal(err)
	}
	rep, err := c.Sync(ctx, nil)
	if err != nil || rep.Pushed != 1 || rep.Refused != 1 {
		t.Fatalf("sync: %+v, %v", rep, err)
	}
	if !h.hqHas(t, "people", good) || h.hqHas(t, "people", bad) {
		t.Fatal("HQ lacks the good change or holds the unreadable one")
	}
	list, _ := s.RefusedChanges(ctx)
	if len(list) != 1 || list[0].RecordID != bad || list[0].Code != "unreadable" {
		t.Fatalf("refused: %+v", list)
	}
}

// loseEnrolReply forwards requests; the reply to the first enrolment is
// thrown away after HQ has answered (as when the connection drops then).
type loseEnrolReply struct {
	lost atomic.Int32
}

func (l *loseEnrolReply) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && r.URL.Path == "/v1/enrol" && l.lost.Add(1) == 1 {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, errors.New("connection reset by peer (the test lost the reply)")
	}
	return resp, err
}

func devicesOf(t *testing.T, h *realHQ) []hq.Device {
	t.Helper()
	devs, err := hq.Devices(context.Background(), h.store)
	if err != nil {
		t.Fatal(err)
	}
	return devs
}

// The reply to an enrolment is lost after HQ committed: the retry is the
// same enrolment (same nonce), so it succeeds instead of "bad code", HQ
// lists exactly one device, and its token works.
func TestALostEnrolmentReplyDoesNotBurnTheCode(t *testing.T) {
	ctx := context.Background()
	t.Run("retried by the client", func(t *testing.T) {
		h := startHQ(t)
		s := openStore(t)
		lose := &loseEnrolReply{}
		opts := fast
		opts.Transport = lose
		en, err := EnrolWith(ctx, s, h.url, h.code(t, 14, msync.RoleOfficer), "laptop", false, opts)
		if err != nil || lose.lost.Load() < 2 {
			t.Fatalf("enrol with the first reply lost: %v (attempts %d)", err, lose.lost.Load())
		}
		if devs := devicesOf(t, h); len(devs) != 1 || devs[0].ID != en.DeviceID {
			t.Fatalf("HQ lists %d devices, want exactly the one enrolled", len(devs))
		}
		c, _ := New(s, fast)
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("the token does not work: %v", err)
		}
	})
	t.Run("enrol run again", func(t *testing.T) {
		h := startHQ(t)
		s := openStore(t)
		code := h.code(t, 14, msync.RoleOfficer)
		once := fast
		once.Retries, once.Transport = -1, &loseEnrolReply{}
		if _, err := EnrolWith(ctx, s, h.url, code, "laptop", false, once); KindOf(err) != KindOffline {
			t.Fatalf("enrol with the reply lost and no retry: %v", err)
		}
		en, err := EnrolWith(ctx, s, h.url, code, "laptop", false, fast)
		if err != nil {
			t.Fatalf("enrol again with the same code: %v", err)
		}
		if devs := devicesOf(t, h); len(devs) != 1 || devs[0].ID != en.DeviceID {
			t.Fatalf("HQ lists %d devices, want exactly the one enrolled", len(devs))
		}
		if n, _ := s.Setting(ctx, keyNonce); n != "" {
			t.Errorf("the nonce is kept after the token was stored")
		}
		// Another store with the same (used) code is still refused.
		if _, err := EnrolWith(ctx, openStore(t), h.url, code, "other", false, fast); err == nil || AsError(err).Code != "bad_code" {
			t.Fatalf("a used code from another device: %v", err)
		}
	})
}

// A store with demo data is neither enrolled nor synced, with the store's
// own error (data.ErrDemoStore), and HQ receives nothing from it.
func TestADemoStoreIsNotEnrolledOrSynced(t *testing.T) {
	h := startHQ(t)
	ctx := context.Background()
	demo := openStore(t)
	if err := demo.MarkDemo(ctx); err != nil {
		t.Fatal(err)
	}
	var de *data.Error
	if _, err := EnrolWith(ctx, demo, h.url, h.code(t, 14, msync.RoleOfficer), "laptop", false, fast); !errors.As(err, &de) || !data.IsInvalid(err) || !strings.Contains(de.Msg, "demo") {
		t.Fatalf("enrol a demo store: %v", err)
	}
	if len(devicesOf(t, h)) != 0 {
		t.Fatal("HQ enrolled a demo store")
	}
	s, c := h.device(t, 14, msync.RoleOfficer) // enrolled, then filled with demo data
	id := saveRec(t, s, "people", map[string]any{"district": 14, "name": "Demo", "role": "elder"})
	s.MarkDemo(ctx)
	if _, err := c.Sync(ctx, nil); !errors.As(err, &de) || !strings.Contains(de.Msg, "demo") {
		t.Fatalf("sync a demo store: %v", err)
	}
	if h.hqHas(t, "people", id) {
		t.Fatal("HQ received a demo store's record")
	}
}

// A push HQ turns down whole (here a 400 from a proxy in front of a real
// HQ, as an older HQ or a body it cannot read would give) does not keep the
// device from receiving the others' work: the pull runs, then the round
// reports the push's error; the changes stay pending.
func TestThePullRunsAfterAPushTurnedDownWhole(t *testing.T) {
	h := startHQ(t)
	ctx := context.Background()
	other, oc := h.device(t, 14, msync.RoleOfficer)
	fromOther := saveRec(t, other, "people", map[string]any{"district": 14, "name": "Hassan", "role": "elder"})
	if _, err := oc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/push" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":{"code":"invalid","message":"not today","message_fa":"امروز نه"}}`)
			return
		}
		proxyTo(t, h.url, w, r)
	}))
	defer real.Close()
	if _, err := EnrolWith(ctx, s, real.URL, h.code(t, 14, msync.RoleOfficer), "laptop", false, fast); err != nil {
		t.Fatal(err)
	}
	c, _ := New(s, fast)
	saveRec(t, s, "people", map[string]any{"district": 14, "name": "Maryam", "role": "imam"})
	_, err := c.Sync(ctx, nil)
	if KindOf(err) != KindRejected || AsError(err).MsgFa != "امروز نه" {
		t.Fatalf("sync: %v, want the push's refusal", err)
	}
	if _, err := s.Get(ctx, "people", fromOther); err != nil {
		t.Fatalf("the pull did not run after the refused push: %v", err)
	}
	if n, _ := s.PendingCount(ctx); n != 1 {
		t.Fatalf("%d pending, want the change kept", n)
	}
}

// proxyTo forwards one request to the server at base.
func proxyTo(t *testing.T, base string, w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
	if err != nil {
		t.Error(err)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}
