package datepicker

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
)

// inLanguage starts a test app with the Mahalleh theme in language l.
func inLanguage(t *testing.T, l string) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(rtl.NewTheme(theme.VariantLight))
	old := i18n.Language()
	i18n.SetLanguage(l)
	t.Cleanup(func() { i18n.SetLanguage(old) })
	return a
}

var (
	mehr9  = jalali.New(1404, 7, 9)  // "today" in the tests: a Wednesday
	mehr15 = jalali.New(1404, 7, 15) // the selected day: a Tuesday
)

func newTestPicker(d jalali.Date, onPick func(jalali.Date)) *Picker {
	p := New(d, onPick)
	p.SetToday(mehr9)
	return p
}

// cellShowing finds the cell that shows text on screen (as a person
// reads it, in the UI's digits).
func cellShowing(t *testing.T, p *Picker, text string) *dayCell {
	t.Helper()
	for _, c := range p.cells {
		r := test.TempWidgetRenderer(t, c).(*cellRenderer)
		if r.text.Text == text {
			return c
		}
	}
	t.Fatalf("no day shows %q", text)
	return nil
}

func TestTappingADayPicksIt(t *testing.T) {
	for _, l := range []string{i18n.Persian, i18n.English} {
		inLanguage(t, l)
		var got []jalali.Date
		p := newTestPicker(mehr15, func(d jalali.Date) { got = append(got, d) })
		w := test.NewWindow(p)
		w.Resize(fyne.NewSize(420, 400))
		label := map[string]string{i18n.Persian: "۲۰", i18n.English: "20"}[l]
		c := cellShowing(t, p, label)
		test.TapCanvas(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(fyne.NewPos(cellSize/2, cellSize/2)))
		if len(got) != 1 || got[0] != jalali.New(1404, 7, 20) {
			t.Errorf("%s: tapping «%s» picked %v, want 1404/07/20", l, label, got)
		}
		if d, ok := p.Selected(); !ok || d != jalali.New(1404, 7, 20) {
			t.Errorf("%s: selected %v after the tap", l, d)
		}
		w.Close()
	}
}

// In Persian the week runs from the right: Saturday's column is the
// rightmost, Friday's the leftmost; in English the other way round.
func TestWeekStartsOnSaturdayOnTheStartSide(t *testing.T) {
	for _, l := range []string{i18n.Persian, i18n.English} {
		inLanguage(t, l)
		p := newTestPicker(mehr15, nil)
		w := test.NewWindow(p)
		w.Resize(fyne.NewSize(420, 400))
		d := fyne.CurrentApp().Driver()
		// 5 Mehr 1404 is a Saturday, 11 Mehr the Friday after it.
		sat := d.AbsolutePositionForObject(cellShowing(t, p, num(5))).X
		fri := d.AbsolutePositionForObject(cellShowing(t, p, num(11))).X
		if (l == i18n.Persian) != (sat > fri) {
			t.Errorf("%s: Saturday at x=%v, Friday at x=%v", l, sat, fri)
		}
		w.Close()
	}
}

func TestKeyboard(t *testing.T) {
	inLanguage(t, i18n.Persian)
	var picked jalali.Date
	cancelled := false
	p := newTestPicker(mehr15, func(d jalali.Date) { picked = d })
	p.OnCancel = func() { cancelled = true }
	w := test.NewWindow(p)
	defer w.Close()
	w.Canvas().Focus(p)
	for _, k := range []fyne.KeyName{fyne.KeyLeft, fyne.KeyLeft, fyne.KeyDown, fyne.KeyRight} {
		p.TypedKey(&fyne.KeyEvent{Name: k})
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	// Left is the next day in Persian: 15 → 17, a week on → 24, Right → 23.
	if picked != jalali.New(1404, 7, 23) {
		t.Errorf("arrows and Enter picked %v, want 1404/07/23", picked)
	}
	for range 2 {
		p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // 30 Mehr, then 7 Aban
	}
	if y, m := p.Month(); y != 1404 || m != 8 {
		t.Errorf("moving past the month's end shows %d/%d, want 1404/8", y, m)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if picked != jalali.New(1404, 7, 7) {
		t.Errorf("Page Up and Space picked %v, want 1404/07/07", picked)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !cancelled {
		t.Error("Escape did not cancel")
	}
}

func TestDialogPicksAndCloses(t *testing.T) {
	inLanguage(t, i18n.English)
	w := test.NewWindow(container.NewStack())
	w.Resize(fyne.NewSize(500, 500))
	defer w.Close()
	var picked []jalali.Date
	p := newTestPicker(mehr15, nil)
	d := showDialog(w, p, func(day jalali.Date) { picked = append(picked, day) })
	if w.Canvas().Focused() != p {
		t.Fatal("the picker does not have the keyboard when the dialog opens")
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(picked) != 1 || picked[0] != jalali.New(1404, 7, 16) || len(w.Canvas().Overlays().List()) != 0 {
		t.Errorf("Enter picked %v; overlays left %d", picked, len(w.Canvas().Overlays().List()))
	}
	d = showDialog(w, newTestPicker(mehr15, nil), func(day jalali.Date) { picked = append(picked, day) })
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(picked) != 1 || len(w.Canvas().Overlays().List()) != 0 {
		t.Errorf("Escape: picked %v, overlays left %d", picked, len(w.Canvas().Overlays().List()))
	}
	_ = d
}

func TestDateEntryAcceptsEveryDigitForm(t *testing.T) {
	inLanguage(t, i18n.Persian)
	for _, typed := range []string{"۱۴۰۴/۰۷/۱۵", "1404-7-15", "١٤٠٤/٧/١٥", "1404/07/15", "۱۴۰۴.۷.۱۵"} {
		e := NewDateEntry()
		var seen []jalali.Date
		e.OnChanged = func(d jalali.Date, ok bool) {
			if ok {
				seen = append(seen, d)
			}
		}
		w := test.NewWindow(e)
		test.Type(e.Entry(), typed)
		if d, ok := e.Date(); !ok || d != mehr15 {
			t.Errorf("typed %q: Date() = %v, %v", typed, d, ok)
		}
		if err := e.Validate(); err != nil {
			t.Errorf("typed %q: %v", typed, err)
		}
		if len(seen) == 0 || seen[len(seen)-1] != mehr15 {
			t.Errorf("typed %q: OnChanged saw %v", typed, seen)
		}
		w.Close()
	}
}

// 1403 is a leap year (Esfand has 30 days) and 1404 is not: see
// jalali.IsLeap, checked there against the astronomical calendar.
func TestDateEntryRefusesDaysThatDoNotExist(t *testing.T) {
	if !jalali.IsLeap(1403) || jalali.IsLeap(1404) {
		t.Fatal("the test assumes 1403 is a leap year and 1404 is not")
	}
	for _, l := range []string{i18n.Persian, i18n.English} {
		inLanguage(t, l)
		e := NewDateEntry()
		w := test.NewWindow(e)
		test.Type(e.Entry(), "1404/12/30")
		err := e.Validate()
		var ie *InputError
		if _, ok := e.Date(); ok || !errors.As(err, &ie) {
			t.Fatalf("%s: 1404/12/30 accepted (%v)", l, err)
		}
		want := map[string]string{
			i18n.Persian: "تاریخ «۱۴۰۴/۱۲/۳۰» وجود ندارد: اسفند ۱۴۰۴ ۲۹ روز دارد.",
			i18n.English: `Date "1404/12/30" does not exist: Esfand 1404 has 29 days.`,
		}[l]
		if err.Error() != want {
			t.Errorf("%s: message %q, want %q", l, err.Error(), want)
		}
		e.SetDate(jalali.Date{})
		test.Type(e.Entry(), "۱۴۰۳/۱۲/۳۰")
		if d, ok := e.Date(); !ok || d != jalali.New(1403, 12, 30) || e.Validate() != nil {
			t.Errorf("%s: 1403/12/30 refused: %v", l, e.Validate())
		}
		e.SetDate(jalali.Date{})
		if e.Validate() != nil {
			t.Errorf("%s: an empty optional date is an error", l)
		}
		e.Required = true
		if e.Validate() == nil {
			t.Errorf("%s: an empty required date is accepted", l)
		}
		w.Close()
	}
}

func TestDateEntryPicksFromTheDialog(t *testing.T) {
	inLanguage(t, i18n.Persian)
	e := NewDateEntry()
	e.today = mehr9
	w := test.NewWindow(e)
	w.Resize(fyne.NewSize(500, 500))
	defer w.Close()
	test.Type(e.Entry(), "1404/7/15")
	test.Tap(e.button)
	p, ok := w.Canvas().Focused().(*Picker)
	if !ok {
		t.Fatal("the button did not open the picker")
	}
	if d, _ := p.Selected(); d != mehr15 {
		t.Errorf("the picker opened at %v, want the typed date", d)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.Text() != "۱۴۰۴/۰۷/۰۸" {
		t.Errorf("the field holds %q after picking, want ۱۴۰۴/۰۷/۰۸", e.Text())
	}
}

// Golden images: look at them after a change (see app/rtl/golden_test.go).
// Mehr 1404 starts on a Tuesday; today is the 9th (ringed), the 15th is
// selected (filled), Fridays are red.
func TestGoldenPicker(t *testing.T) {
	for _, c := range []struct{ lang, file string }{{i18n.Persian, "picker_fa.png"}, {i18n.English, "picker_en.png"}} {
		inLanguage(t, c.lang)
		w := test.NewWindow(newTestPicker(mehr15, nil))
		w.Resize(fyne.NewSize(440, 420))
		test.AssertImageMatches(t, c.file, w.Canvas().Capture())
		w.Close()
	}
}
