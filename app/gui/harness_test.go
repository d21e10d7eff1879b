package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"

	_ "mahalleh/app/clocale" // Fyne quiet under LANG=C.UTF-8, as in the binary
)

// world is what a test store holds besides the built-in departments: the
// test refers to these records by name.
type world struct {
	nbh    map[string]string // neighbourhood name → id
	people map[string]string // person name → id
}

// testStore is a real store file with District 14's neighbourhoods, a small
// register and, with meetings, three meetings on fixed dates (so goldens
// never depend on today). The first start is behind it.
func testStore(t *testing.T, path string, meetings bool) (*data.Store, world) {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "gui.db")
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	wd := world{nbh: map[string]string{}, people: map[string]string{}}
	ctx := context.Background()
	err = s.Write(ctx, "test", func(w *data.Writer) error {
		for _, name := range []string{"دارآباد", "پیروزی", "Laleh Park"} {
			n := data.Neighbourhood{Meta: data.Meta{District: 14}, Name: name}
			if err := w.Put("neighbourhoods", &n); err != nil {
				return err
			}
			wd.nbh[name] = n.ID
		}
		// Written as a register holds them: Persian spelling, one with a ZWNJ.
		for _, p := range []data.Person{
			{Name: "حاج ابراهیم کریمی", Role: "elder", Phone: "09121234567"},
			{Name: "چنگیز بهرامی", Role: "resident"},
			{Name: "پروین جلالی", Role: "council_member", Phone: "021-5555 1234"},
			{Name: "زهرا احمدی", Role: "staff"},
			{Name: "ژیلا زمانی", Role: "resident"},
			{Name: "گلناز کاظمی", Role: "imam"},
			{Name: "بهروز آقایی", Role: "representative"},
		} {
			p.District = 14
			if err := w.Put("people", &p); err != nil {
				return err
			}
			wd.people[p.Name] = p.ID
		}
		if !meetings {
			return nil
		}
		teh, _ := time.LoadLocation("Asia/Tehran")
		nb := wd.nbh["پیروزی"]
		for i, title := range []string{
			"نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09",
			"بازدید میدانی از پارک لاله (Laleh Park)",
			"جلسه شورایاری درباره حاشیه‌های خیابان",
		} {
			m := data.Meeting{Meta: data.Meta{District: 14}, NeighbourhoodID: &nb, Kind: data.MeetingKinds[i],
				Title: title, StartsAt: data.FormatTime(time.Date(2025, 10, 1-i, 16, 30, 0, 0, teh))}
			if err := w.Put("meetings", &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetProfile(ctx, data.Profile{Officer: "زهرا احمدی", District: 14}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFirstStartDone(ctx); err != nil {
		t.Fatal(err)
	}
	return s, wd
}

// testShell opens the window on s in language, with store work run at once
// and no typing delays, so a test sees each step's result immediately.
func testShell(t *testing.T, s *data.Store, language string) (*shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(rtl.NewTheme(theme.VariantLight))
	i18n.SetLanguage(language)
	t.Cleanup(func() { i18n.SetLanguage(i18n.Persian) })
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1180, 760))
	sh := newShell(a, w, s)
	sh.background = func(fn func()) { fn() }
	sh.syncer.timers = false // a test runs the automatic rounds itself (tick)
	sh.instant = true
	sh.demoSize = 12
	sh.answer = func(string) bool { return true }
	sh.now = func() time.Time { return time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC) }
	sh.start(context.Background())
	return sh, w
}

// shortcut presses Ctrl+<key> on the window.
func shortcut(w fyne.Window, key fyne.KeyName) {
	w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// choose opens a select and taps the option with the given text.
func choose(t *testing.T, s *rtl.Select, text string) {
	t.Helper()
	test.Tap(s)
	for _, o := range s.PopUpOptions() {
		if opt, ok := o.(interface{ Text() string }); ok && opt.Text() == text {
			test.Tap(o.(fyne.Tappable))
			return
		}
	}
	t.Fatalf("the select has no option %q (options: %v)", text, s.Options)
}

// retype replaces an entry's text the way a person does: select all, type.
func retype(e *rtl.Entry, text string) {
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	test.Type(e, text)
}

func editorOf(t *testing.T, sh *shell) *meetingEditor {
	t.Helper()
	ed, ok := sh.current().(*meetingEditor)
	if !ok {
		t.Fatalf("the window shows %T, want the meeting editor", sh.current())
	}
	return ed
}

func countRows(t *testing.T, s *data.Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// findButton finds a button by its text anywhere in the window.
func findButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkAll(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in the window", text)
	}
	return found
}

// findWelcome returns the welcome screen's form if the window shows it.
func findWelcome(t *testing.T, sh *shell) *welcome {
	t.Helper()
	if sh.welcome == nil || sh.win.Content() != sh.welcome.root {
		t.Fatal("the window does not show the welcome screen")
	}
	return sh.welcome
}

// walkAll visits every object under o, inside widgets too.
func walkAll(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkAll(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkAll(c, fn)
		}
	}
}

// onMeetings opens the meetings list (the window starts on Home) and
// returns it; a list already shown is returned as it is.
func onMeetings(sh *shell) *meetingsPage {
	if p, ok := sh.current().(*meetingsPage); ok {
		return p
	}
	sh.openSection("meetings")
	return sh.current().(*meetingsPage)
}
