package gui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/data"
)

// The main screens in both languages, as goldens under testdata/ (each
// looked at when it was made).
func TestScreensGolden(t *testing.T) {
	s, wd := testStore(t, "", true)
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			list := onMeetings(sh)
			assertScreen(t, w, "meetings_"+language+".png", nil)
			list.list.Select(0)
			ed := editorOf(t, sh)
			test.Type(ed.att.picker, "پرو")
			assertScreen(t, w, "meeting_editor_"+language+".png", nil)
			sh.openSection("people")
			assertScreen(t, w, "people_"+language+".png", nil)
			p, _ := s.Get(context.Background(), "people", wd.people["پروین جلالی"])
			var person data.Person
			person.ID, person.District = p.ID(), 14
			person.Name, person.Role, person.Phone = "پروین جلالی", "council_member", "021-5555 1234"
			sh.open(newPersonEditor(sh, person))
			assertScreen(t, w, "person_editor_"+language+".png", nil)
			w.SetContent(newWelcome(sh).content())
			assertScreen(t, w, "welcome_"+language+".png", nil)
		})
	}
}

// The register reads in Persian alphabetical order: پ after ب, چ after ج,
// ژ after ز, گ after ک (code-point order puts all four at the end).
func TestRegisterInPersianOrder(t *testing.T) {
	s, _ := testStore(t, "", false)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("people")
	p := sh.current().(*peoplePage)
	var got []string
	for i := 0; i < p.length(); i++ {
		x, _ := p.at(i)
		got = append(got, x.Name)
	}
	want := []string{"بهروز آقایی", "پروین جلالی", "چنگیز بهرامی", "حاج ابراهیم کریمی", "زهرا احمدی", "ژیلا زمانی", "گلناز کاظمی"}
	if len(got) != len(want) {
		t.Fatalf("the register lists %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("the register lists %v, want %v", got, want)
		}
	}
}

// Every form works from the keyboard: Ctrl+N opens a new meeting, Ctrl+S
// saves even while an entry has the focus, Esc leaves, Ctrl+F focuses the
// search, Enter opens the focused row.
func TestKeyboard(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, w := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	shortcut(w, fyne.KeyF)
	if w.Canvas().Focused() != list.search {
		t.Fatalf("Ctrl+F focused %T, want the search box", w.Canvas().Focused())
	}
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	w.Canvas().Focus(ed.titleE)
	test.Type(ed.titleE, "نشست کوتاه")
	before := countRows(t, s, "meetings")
	ed.titleE.TypedShortcut(ctrl(fyne.KeyS)) // as the driver delivers Ctrl+S to a focused entry
	if countRows(t, s, "meetings") != before+1 {
		t.Fatal("Ctrl+S in a focused entry did not save the meeting")
	}
	if _, ok := sh.current().(*meetingsPage); !ok {
		t.Fatalf("after saving the window shows %T, want the list", sh.current())
	}
	shortcut(w, fyne.KeyN)
	ed = editorOf(t, sh)
	test.Type(ed.titleE, "چیزی که نمی‌خواهم")
	ed.titleE.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, ok := sh.current().(*meetingsPage); !ok {
		t.Fatalf("Esc left the window on %T, want the list", sh.current())
	}
	if countRows(t, s, "meetings") != before+1 {
		t.Fatal("Esc saved the meeting")
	}
	list = sh.current().(*meetingsPage)
	w.Canvas().Focus(list.list)
	list.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := sh.current().(*meetingEditor); !ok {
		t.Fatalf("Enter on the list opened %T, want the meeting editor", sh.current())
	}
}

// A search with no result says so; the count is the true count.
func TestMeetingsCountAndNoResult(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	if list.count.Text != "۳ نشست" {
		t.Errorf("the count line says %q, want ۳ نشست", list.count.Text)
	}
	test.Type(list.search, "حاشیهها") // without the ZWNJ, as text copied from the web
	if list.length() != 1 {
		t.Fatalf("searching حاشیهها finds %d meetings, want the one about حاشیه‌ها", list.length())
	}
	test.Type(list.search, "زززز")
	if list.length() != 0 || list.count.Text != i18n.T("meetings.none_found") {
		t.Errorf("a search with no result shows %d rows and says %q", list.length(), list.count.Text)
	}
}

// First start: a name is required; "try it with demo data" makes a store
// marked as a demo that says so, and it can be emptied from the app.
func TestFirstStartDemoAndEmpty(t *testing.T) {
	s, err := data.Open(t.TempDir() + "/new.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sh, w := testShell(t, s, i18n.Persian)
	wl := findWelcome(t, sh)
	test.Tap(findButton(t, w, i18n.T("welcome.demo")))
	if !wl.nameErr.Visible() || countRows(t, s, "meetings") != 0 {
		t.Fatal("the demo started without the officer's name")
	}
	test.Type(wl.name, "زهرا احمدی")
	test.Tap(findButton(t, w, i18n.T("welcome.demo")))
	// Second step: the office's neighbourhoods; none ticked is the whole district.
	test.Tap(wl.next)
	if n := countRows(t, s, "meetings"); n != sh.demoSize {
		t.Fatalf("the demo store holds %d meetings, want %d", n, sh.demoSize)
	}
	if demo, _ := s.IsDemo(context.Background()); !demo || !sh.demo {
		t.Fatal("the demo store is not marked as one")
	}
	if p, _ := s.Profile(context.Background()); p.Officer != "زهرا احمدی" {
		t.Errorf("the profile holds %q", p.Officer)
	}
	findButton(t, w, i18n.T("demo.empty")) // the banner is there
	sh.confirmEmptyDemo()
	if n := countRows(t, s, "meetings"); n != 0 {
		t.Fatalf("emptying the demo left %d meetings", n)
	}
	findWelcome(t, sh)
}

// Tab moves through the meeting form in reading order, in Persian too.
func TestTabOrderFollowsReading(t *testing.T) {
	s, _ := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.Persian)
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	c := w.Canvas()
	c.Focus(ed.titleE)
	want := []fyne.Focusable{ed.kind.Select, ed.date.entry, nil /* the calendar button */, ed.clock, ed.place, ed.nbh.Select, ed.att.picker}
	for i, next := range want {
		c.FocusNext()
		if next != nil && c.Focused() != next {
			t.Fatalf("Tab %d focused %T, want %T", i+1, c.Focused(), next)
		}
	}
}

// assertScreen compares the settled window with its golden.
func assertScreen(t *testing.T, w fyne.Window, name string, _ any) {
	t.Helper()
	settle(w)
	test.AssertImageMatches(t, name, w.Canvas().Capture())
}

// Switching the language keeps the open meeting and what was typed in it,
// and saves nothing.
func TestLanguageSwitchKeepsTheOpenMeeting(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, w := testShell(t, s, i18n.Persian)
	onMeetings(sh).list.Select(0)
	ed := editorOf(t, sh)
	id := ed.id
	test.Type(ed.place, "سرای محله")
	before := countRows(t, s, "changes")
	test.Tap(findButton(t, w, i18n.T("lang.switch")))
	again := editorOf(t, sh)
	if i18n.Language() != i18n.English || again.id != id || again.place.Text != "سرای محله" {
		t.Fatalf("after switching: language %s, meeting %s (want %s), place %q", i18n.Language(), again.id, id, again.place.Text)
	}
	if countRows(t, s, "changes") != before {
		t.Fatal("switching the language saved the meeting")
	}
}

// On an officer's device the editor offers only what HQ accepts from an
// officer: no Delete on a meeting another officer recorded, no "done" or
// "cancelled" for an action item.
func TestOfficerSeesWhatHQAllows(t *testing.T) {
	s, _ := testStore(t, "", true) // the meetings were recorded by "test"
	if err := s.SetSetting(context.Background(), "sync_role", "officer"); err != nil {
		t.Fatal(err)
	}
	sh, w := testShell(t, s, i18n.Persian)
	onMeetings(sh).list.Select(0)
	ed := editorOf(t, sh)
	walkAll(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("button.delete") {
			t.Error("an officer is offered Delete on another officer's meeting")
		}
	})
	test.Tap(ed.actions.addBtn)
	if got := ed.actions.rows[0].status.Options; len(got) != 2 {
		t.Errorf("an officer may set the action statuses %v, want open and in progress only", got)
	}
}

// The list reads a page at a time: 100 rows first, the next page when the
// officer scrolls near the end; the count line is the true total.
func TestMeetingsListPages(t *testing.T) {
	s, wd := testStore(t, "", true)
	err := s.Write(context.Background(), "test", func(w *data.Writer) error {
		nb := wd.nbh["دارآباد"]
		for i := 0; i < 130; i++ {
			m := data.Meeting{Meta: data.Meta{District: 14}, NeighbourhoodID: &nb, Kind: "elders", Title: "نشست شماره " + itoa(i),
				StartsAt: data.FormatTime(time.Date(2025, 9, 1, 10, i%60, 0, 0, time.UTC).AddDate(0, 0, -i))}
			if err := w.Put("meetings", &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sh, _ := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	if n := list.length(); n != pageSize {
		t.Fatalf("the first read holds %d rows, want a page of %d", n, pageSize)
	}
	if list.count.Text != "۱۳۳ نشست" {
		t.Errorf("the count line says %q, want the true total ۱۳۳ نشست", list.count.Text)
	}
	list.updateRow(pageSize-1, newRow(meetingCols, nil)) // scrolled to the last row held
	if n := list.length(); n != 133 {
		t.Fatalf("after scrolling to the end the list holds %d rows, want 133", n)
	}
	last, _ := list.row(132)
	if last.Title != "نشست شماره 129" {
		t.Errorf("the last row is %q, want the oldest meeting", last.Title)
	}
}

// A phone number shows in the UI's digits, whatever it was typed in, and
// reads left to right inside a Persian line.
func TestPhoneShownInTheUIsDigits(t *testing.T) {
	defer i18n.SetLanguage(i18n.Persian)
	i18n.SetLanguage(i18n.English)
	if got := phoneText("۰۲۱-۵۵۵۵ ۱۲۳۴"); got != "\u2066021-5555 1234\u2069" {
		t.Errorf("in English the phone shows as %q", got)
	}
	i18n.SetLanguage(i18n.Persian)
	if got := phoneText("021-5555 1234"); got != "\u2066۰۲۱-۵۵۵۵ ۱۲۳۴\u2069" {
		t.Errorf("in Persian the phone shows as %q", got)
	}
}
