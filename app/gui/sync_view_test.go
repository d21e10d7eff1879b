package gui

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/sync/client"
	"mahalleh/sync/hq"
	"mahalleh/sync/hq/sqlitehq"
)

// An officer enrols a new real store from the window with HQ's code,
// records a meeting, and sends it with "sync now": a second device of the
// district then receives the meeting from HQ as typed.
func TestEnrolAndSyncFromTheWindow(t *testing.T) {
	ctx := context.Background()
	hqStore, err := sqlitehq.Open(filepath.Join(t.TempDir(), "hq.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hq.NewServer(hqStore, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(func() { srv.Close(); hqStore.Close() })
	code, err := hq.NewEnrolCode(ctx, hqStore, 14, "زهرا احمدی", "officer")
	if err != nil {
		t.Fatal(err)
	}

	s, err := data.Open(filepath.Join(t.TempDir(), "office.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetProfile(ctx, data.Profile{Officer: "زهرا احمدی", District: 14}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFirstStartDone(ctx); err != nil {
		t.Fatal(err)
	}
	sh, w := testShell(t, s, i18n.Persian)
	sh.openSection("sync")
	p := sh.current().(*syncPage)
	test.Type(p.server, srv.URL)
	test.Type(p.code, code)
	test.Tap(p.enrolBtn)
	if !strings.Contains(p.message.Text, "۱۴") {
		t.Fatalf("after enrolling the screen says %q", p.message.Text)
	}

	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	test.Type(ed.titleE, "نشست نخست پس از ثبت")
	shortcut(w, fyne.KeyS)
	sh.openSection("sync")
	p = sh.current().(*syncPage)
	test.Tap(p.syncBtn)
	if !strings.Contains(p.message.Text, "همگام شد") {
		t.Fatalf("after syncing the screen says %q", p.message.Text)
	}

	// The outside check: another device of district 14 gets it from HQ.
	other, err := data.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	code2, _ := hq.NewEnrolCode(ctx, hqStore, 14, "رضا", "officer")
	if _, err := client.Enrol(ctx, other, srv.URL, code2, "laptop 2"); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(other, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := other.ListMeetings(ctx, data.Filter{Text: "نخست"}, data.Page{Limit: 5})
	if err != nil || len(got.Rows) != 1 || got.Rows[0].Title != "نشست نخست پس از ثبت" {
		t.Fatalf("the other device holds %+v (%v), want the meeting as typed", got.Rows, err)
	}
}

// A demo store's sync screen says it is never synced and offers no enrolment.
func TestDemoStoreSyncScreen(t *testing.T) {
	s, _ := testStore(t, "", true)
	if err := s.MarkDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("sync")
	p := sh.current().(*syncPage)
	walkAll(p.body, func(o fyne.CanvasObject) {
		if o == p.enrolBtn {
			t.Error("a demo store is offered enrolment")
		}
	})
	if !strings.Contains(p.body.Objects[0].(*rtl.Text).Text, "نمایشی") {
		t.Errorf("the demo store's sync screen says %q", p.body.Objects[0].(*rtl.Text).Text)
	}
	if !sh.demo {
		t.Fatal("the shell does not know the store is a demo")
	}
}

// "Start for real" leads to enrolment: the sync screen with its form.
func TestStartForRealLeadsToEnrolment(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sh, w := testShell(t, s, i18n.Persian)
	wl := findWelcome(t, sh)
	test.Type(wl.name, "زهرا احمدی")
	test.Tap(findButton(t, w, i18n.T("welcome.real")))
	p, ok := sh.current().(*syncPage)
	if !ok {
		t.Fatalf("after 'start for real' the window shows %T, want the sync screen", sh.current())
	}
	if demo, _ := s.IsDemo(context.Background()); demo || countRows(t, s, "meetings") != 0 {
		t.Fatal("'start for real' made demo data")
	}
	var form bool
	walkAll(p.body, func(o fyne.CanvasObject) { form = form || o == p.enrolBtn })
	if !form {
		t.Fatal("the sync screen of a new real store offers no enrolment")
	}
}
