package gui

import (
	"context"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/sync/client"
	"mahalleh/sync/hq"
	"mahalleh/sync/hq/sqlitehq"
)

// testHQ is a real HQ server (SQLite) on loopback whose connection a test
// can cut: while down, every request is dropped without an answer, as when
// the office's connection goes away mid-round.
type testHQ struct {
	store hq.Store
	url   string
	path  string     // the database file, for mahalleh-hq commands
	meter *lineMeter // what crossed the line (sync_cost_test.go)

	mu      gosync.Mutex
	allowed int // requests still answered before the line goes down; -1 for always
}

func startTestHQ(t *testing.T) *testHQ {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hq.db")
	st, err := sqlitehq.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	h := &testHQ{store: st, path: path, allowed: -1, meter: &lineMeter{}}
	inner := hq.NewServer(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.meter.request(r)
		if !h.pass() {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close() // the line drops: no status, no body
					return
				}
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	srv.Listener = &countingListener{Listener: srv.Listener, m: h.meter}
	srv.Start()
	t.Cleanup(func() { srv.Close(); st.Close() })
	h.url = srv.URL
	return h
}

func (h *testHQ) pass() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.allowed < 0 {
		return true
	}
	if h.allowed == 0 {
		return false
	}
	h.allowed--
	return true
}

// cutAfter lets n more requests through, then drops the line; -1 mends it.
func (h *testHQ) cutAfter(n int) {
	h.mu.Lock()
	h.allowed = n
	h.mu.Unlock()
}

func (h *testHQ) code(t *testing.T, officer string) string {
	t.Helper()
	code, err := hq.NewEnrolCode(context.Background(), h.store, 14, officer, "officer")
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// device is a second laptop of District 14, synced with the client alone:
// what it receives from HQ is the outside check of what the window sent.
func (h *testHQ) device(t *testing.T, officer string) (*data.Store, *client.Client) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), officer+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := client.Enrol(context.Background(), s, h.url, h.code(t, officer), officer); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(s, client.Options{Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// officeWindow is the window of an enrolled office laptop with the test
// store's neighbourhoods and register, whose automatic rounds the test runs
// (tick) and which gives up on a dropped line at once instead of retrying.
func (h *testHQ) officeWindow(t *testing.T, language string) (*shell, fyne.Window, *data.Store) {
	t.Helper()
	s, _ := testStore(t, "", false)
	if err := s.SetProfile(context.Background(), data.Profile{Officer: "زهرا احمدی", District: 14}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Enrol(context.Background(), s, h.url, h.code(t, "زهرا احمدی"), "office"); err != nil {
		t.Fatal(err)
	}
	sh, w := testShell(t, s, language)
	sh.syncer.opts = client.Options{Retries: -1, PushBatch: 5}
	return sh, w, s
}

// recordMeetings saves meetings through the window's editor, as an officer types them.
func recordMeetings(t *testing.T, sh *shell, w fyne.Window, titles ...string) {
	t.Helper()
	for _, title := range titles {
		shortcut(w, fyne.KeyN)
		ed := editorOf(t, sh)
		test.Type(ed.titleE, title)
		shortcut(w, fyne.KeyS)
	}
}

// meetingTitles is what a store holds, sorted.
func meetingTitles(t *testing.T, s *data.Store) []string {
	t.Helper()
	list, err := s.ListMeetings(context.Background(), data.Filter{}, data.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range list.Rows {
		out = append(out, m.Title)
	}
	sort.Strings(out)
	return out
}

func pull(t *testing.T, c *client.Client) {
	t.Helper()
	if _, err := c.Sync(context.Background(), nil); err != nil {
		t.Fatalf("the second device's sync: %v", err)
	}
}

// The status line says when the last sync was, as people say it, and what
// waits; it counts a save at once.
func TestStatusLineSaysWhereSyncStands(t *testing.T) {
	h := startTestHQ(t)
	for _, tc := range []struct{ language, ago, pending string }{
		{i18n.Persian, "۵ دقیقه پیش", "۱ تغییر"},
		{i18n.English, "5 minutes ago", "1 changes"},
	} {
		sh, w, _ := h.officeWindow(t, tc.language)
		sh.syncer.tick()
		sh.now = func() time.Time { return time.Now().Add(5*time.Minute + 10*time.Second) }
		recordMeetings(t, sh, w, "نشست شورایاری")
		sh.refreshStatus()
		if got := sh.status.Text; !strings.Contains(got, tc.ago) || !strings.Contains(got, tc.pending) {
			t.Errorf("%s: the status line says %q, want %q and %q", tc.language, got, tc.ago, tc.pending)
		}
	}
}

// The line drops in the middle of a round: the error is shown in words, the
// next automatic round waits (backoff), and when the line is back that
// round finishes the work: a second device receives every meeting.
func TestOfflineMidSyncTheNextRoundFinishes(t *testing.T) {
	h := startTestHQ(t)
	sh, w, _ := h.officeWindow(t, i18n.Persian)
	sh.syncer.tick() // the first round: enrolled, nothing to send yet
	var titles []string
	for i := 1; i <= 12; i++ {
		titles = append(titles, "نشست پیگیری شماره "+i18n.Number(i))
	}
	recordMeetings(t, sh, w, titles...)

	h.cutAfter(2) // two push batches get through, then the line drops
	sh.syncer.tick()
	if got := sh.status.Text; !strings.Contains(got, "خطا") {
		t.Fatalf("after the line dropped the status line says %q, want the error", got)
	}
	if sh.syncer.wait != syncBackoff0 {
		t.Fatalf("the next automatic round is in %v, want the backoff %v", sh.syncer.wait, syncBackoff0)
	}
	h.cutAfter(-1)
	sh.syncer.tick()
	if got := sh.status.Text; strings.Contains(got, "خطا") || !strings.Contains(got, "۰ تغییر") {
		t.Fatalf("after the next round the status line says %q, want nothing waiting and no error", got)
	}
	otherStore, other := h.device(t, "رضا")
	pull(t, other)
	got := meetingTitles(t, otherStore)
	sort.Strings(titles)
	if strings.Join(got, "|") != strings.Join(titles, "|") {
		t.Fatalf("the second device holds %q, want %q", got, titles)
	}
}

// Two officers write one meeting's minutes while apart: the window shows the
// conflict with both versions, the officer merges them by editing, the
// count on the status line goes down, and the other device receives the
// merged minutes from HQ.
func TestConflictResolvedFromTheWindow(t *testing.T) {
	h := startTestHQ(t)
	ctx := context.Background()
	sh, w, s := h.officeWindow(t, i18n.Persian)
	recordMeetings(t, sh, w, "نشست با معتمدین")
	sh.syncer.tick()
	otherStore, other := h.device(t, "رضا")
	pull(t, other)
	id := onlyMeeting(t, otherStore)

	// Reza writes the minutes on his laptop and syncs; Zahra writes them
	// too, not knowing, a little later.
	if err := otherStore.Write(ctx, "رضا", func(wr *data.Writer) error {
		_, err := wr.Save("meetings", map[string]any{"id": id, "minutes": "نشست با معتمدین محله دارآباد"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	pull(t, other)
	time.Sleep(5 * time.Millisecond)
	if err := s.Write(ctx, "زهرا احمدی", func(wr *data.Writer) error {
		_, err := wr.Save("meetings", map[string]any{"id": id, "minutes": "دیدار با معتمدین و امام جماعت"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	sh.syncer.tick()
	sh.refreshStatus()
	if !strings.Contains(sh.status.Text, "۱ تعارض") {
		t.Fatalf("after the conflicting round the status line says %q, want one conflict", sh.status.Text)
	}

	sh.openSection("sync")
	sp := sh.current().(*syncPage)
	if !sp.conflicts.Visible() {
		t.Fatal("the sync screen offers no way to the conflict")
	}
	test.Tap(sp.conflicts)
	cp, ok := sh.current().(*conflictsPage)
	if !ok || len(cp.merge) != 1 {
		t.Fatalf("the window shows %T with %d conflicts, want the one conflict", sh.current(), len(cp.merge))
	}
	shot(t, w, "conflict_side_by_side")
	shown := texts(cp.list)
	for _, want := range []string{"نشست با معتمدین محله دارآباد", "دیدار با معتمدین و امام جماعت", "رضا", "زهرا احمدی"} {
		if !strings.Contains(shown, want) {
			t.Fatalf("the conflict does not show %q; it shows:\n%s", want, shown)
		}
	}
	const merged = "دیدار با معتمدین محله دارآباد و امام جماعت"
	for _, e := range cp.merge {
		retype(e, merged)
	}
	test.Tap(findButton(t, w, i18n.T("conflicts.merge.save")))
	if !strings.Contains(texts(cp.list), i18n.T("conflicts.none")) {
		t.Fatalf("after resolving, the screen shows:\n%s", texts(cp.list))
	}
	if strings.Contains(sh.status.Text, "تعارض") {
		t.Fatalf("after resolving the status line still counts a conflict: %q", sh.status.Text)
	}
	sh.syncer.tick()
	pull(t, other)
	rec, err := otherStore.Get(ctx, "meetings", id)
	if err != nil || rec["minutes"] != merged {
		t.Fatalf("the other device's minutes read %q (%v), want the merged text", rec["minutes"], err)
	}
	open, _ := otherStore.Conflicts(ctx, "open")
	if len(open) != 0 {
		t.Fatalf("the other device still has %d open conflicts", len(open))
	}
}

// HQ refuses one change (an officer may not add a neighbourhood): the sync
// screen names it and why, and the meetings recorded beside it reach HQ.
func TestARefusedChangeIsShownAndTheRestSyncs(t *testing.T) {
	h := startTestHQ(t)
	sh, w, s := h.officeWindow(t, i18n.Persian)
	if err := s.Write(context.Background(), "زهرا احمدی", func(wr *data.Writer) error {
		return wr.Put("neighbourhoods", &data.Neighbourhood{Meta: data.Meta{District: 14}, Name: "محله‌ای ساختگی"})
	}); err != nil {
		t.Fatal(err)
	}
	recordMeetings(t, sh, w, "نشست شورایاری پیروزی", "بازدید از بوستان لاله")
	sh.syncer.tick()
	sh.openSection("sync")
	shot(t, w, "sync_refused")
	shown := texts(sh.current().(*syncPage).refused)
	if !strings.Contains(shown, i18n.T("entity.neighbourhoods")) || !strings.Contains(shown, i18n.T("sync.discard")) {
		t.Fatalf("the refused change is not shown with its choices; the screen shows:\n%s", shown)
	}
	otherStore, other := h.device(t, "رضا")
	pull(t, other)
	if got := meetingTitles(t, otherStore); strings.Join(got, "|") != "بازدید از بوستان لاله|نشست شورایاری پیروزی" {
		t.Fatalf("the second device holds %q, want both meetings", got)
	}
}

// HQ revokes the laptop: the window says so and offers enrolling again; a
// new code from HQ enrols it, and the work saved meanwhile reaches HQ.
func TestARevokedDeviceIsOfferedReenrolment(t *testing.T) {
	h := startTestHQ(t)
	ctx := context.Background()
	sh, w, _ := h.officeWindow(t, i18n.Persian)
	st, err := client.StatusOf(ctx, sh.store)
	if err != nil {
		t.Fatal(err)
	}
	if err := hq.Revoke(ctx, h.store, st.DeviceID); err != nil {
		t.Fatal(err)
	}
	recordMeetings(t, sh, w, "نشست پس از لغو دسترسی")
	sh.syncer.tick()
	sh.syncer.tick() // halted: no second refused round
	sh.openSection("sync")
	p := sh.current().(*syncPage)
	shot(t, w, "sync_revoked")
	if !strings.Contains(texts(p.body), i18n.T("sync.revoked")) || p.enrolBtn.Text != i18n.T("sync.reenrol") {
		t.Fatalf("a revoked device's sync screen shows:\n%s", texts(p.body))
	}
	test.Type(p.code, h.code(t, "زهرا احمدی"))
	test.Tap(p.enrolBtn)
	sh.syncer.tick()
	otherStore, other := h.device(t, "رضا")
	pull(t, other)
	if got := meetingTitles(t, otherStore); len(got) != 1 || got[0] != "نشست پس از لغو دسترسی" {
		t.Fatalf("after enrolling again the second device holds %q", got)
	}
}

func onlyMeeting(t *testing.T, s *data.Store) string {
	t.Helper()
	list, err := s.ListMeetings(context.Background(), data.Filter{}, data.Page{Limit: 5})
	if err != nil || len(list.Rows) != 1 {
		t.Fatalf("the store holds %d meetings (%v), want 1", len(list.Rows), err)
	}
	return list.Rows[0].ID
}

// texts is every text shown under o, one per line, as a person reads the screen.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	walkAll(o, func(x fyne.CanvasObject) {
		switch v := x.(type) {
		case *rtl.Text:
			if v.Visible() {
				b.WriteString(v.Text + "\n")
			}
		case *rtl.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		}
	})
	return b.String()
}

// shot writes the window to $MAHALLEH_SHOTS/name.png when that is set, for a
// person to look at screens whose content depends on the time of the run.
func shot(t *testing.T, w fyne.Window, name string) {
	dir := os.Getenv("MAHALLEH_SHOTS")
	if dir == "" {
		return
	}
	settle(w)
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
