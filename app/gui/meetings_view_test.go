package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// fixtureStore holds three meetings with fixed dates, so the goldens never
// depend on today's date.
func fixtureStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "gui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	teh, _ := time.LoadLocation("Asia/Tehran")
	err = s.Write(context.Background(), "test", func(w *data.Writer) error {
		n := data.Neighbourhood{Meta: data.Meta{District: 14}, Name: "پیروزی"}
		if err := w.Put("neighbourhoods", &n); err != nil {
			return err
		}
		for i, title := range []string{
			"نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09",
			"بازدید میدانی از پارک لاله (Laleh Park)",
			"جلسه شورایاری درباره حاشیه‌های خیابان",
		} {
			m := data.Meeting{Meta: data.Meta{District: 14}, NeighbourhoodID: &n.ID, Kind: data.MeetingKinds[i],
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
	// The first start is over: no demo data in these tests.
	s.SetSetting(context.Background(), "first_start_done", "1")
	return s
}

func newTestWindow(t *testing.T, s *data.Store, language string) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(rtl.NewTheme(theme.VariantLight))
	i18n.SetLanguage(language)
	t.Cleanup(func() { i18n.SetLanguage(i18n.Persian) })
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u := newUI(a, w, s)
	w.SetContent(u.build())
	w.Resize(fyne.NewSize(1000, 320))
	u.start(context.Background())
	return u, w
}

func TestMeetingsWindowGolden(t *testing.T) {
	s := fixtureStore(t)
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			u, w := newTestWindow(t, s, language)
			if len(u.rows) != 3 {
				t.Fatalf("the window lists %d meetings, want 3", len(u.rows))
			}
			test.AssertImageMatches(t, "meetings_"+language+".png", w.Canvas().Capture())
		})
	}
}

func TestMeetingsListNewestFirstWithJalaliDates(t *testing.T) {
	u, _ := newTestWindow(t, fixtureStore(t), i18n.Persian)
	if got := u.cell(0, 0); got != "۱۴۰۴/۰۷/۰۹" {
		t.Errorf("first row date = %q, want ۱۴۰۴/۰۷/۰۹ (1 October 2025, the newest)", got)
	}
	if got := u.cell(2, 0); got != "۱۴۰۴/۰۷/۰۷" {
		t.Errorf("last row date = %q, want ۱۴۰۴/۰۷/۰۷", got)
	}
	if got := u.cell(0, 4); got != "۰" {
		t.Errorf("attendees shown as %q, want Persian zero", got)
	}
}

func TestSearchBoxFiltersIgnoringZWNJ(t *testing.T) {
	u, w := newTestWindow(t, fixtureStore(t), i18n.Persian)
	w.Canvas().Focus(u.search)
	test.Type(u.search, "حاشیهها") // typed without the ZWNJ, as text copied from the web
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		var first string
		fyne.DoAndWait(func() { n = len(u.rows); first = u.cell(0, 1) })
		if n == 1 && first == "جلسه شورایاری درباره حاشیه‌های خیابان" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("searching حاشیهها did not narrow the list to the meeting about حاشیه‌ها; rows: %d", len(u.rows))
}
