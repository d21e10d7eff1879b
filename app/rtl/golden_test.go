package rtl

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// Golden images. Fyne v2.7 has no update flag: a missing master is
// written to testdata/failed/NAME and the test fails; after looking at
// the image, move it to testdata/ to make it the master.

const english = "Meeting with the elders of District 14 on 2025-10-01 (Mehr 9) was held."

// withDir runs the test body with the UI direction set, then restores it.
func withDir(t *testing.T, d Direction) {
	old := Current()
	SetDirection(d)
	t.Cleanup(func() { SetDirection(old) })
}

func capture(t *testing.T, name string, obj fyne.CanvasObject, size fyne.Size, focus fyne.Focusable) {
	w := test.NewWindow(obj)
	defer w.Close()
	w.Resize(size)
	if focus != nil {
		w.Canvas().Focus(focus)
	}
	savePNG(t, name, w.Canvas())
	test.AssertImageMatches(t, name, w.Canvas().Capture())
}

func labels(text string) fyne.CanvasObject {
	trunc := NewLabel(text)
	trunc.Truncate = true
	return container.NewVBox(NewLabel(text), NewLabelWithStyle(text, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, trunc, NewLabel("|")))
}

func TestGoldenLabel(t *testing.T) {
	newTestApp(t)
	capture(t, "label_fa.png", labels(sample+"."), fyne.NewSize(480, 130), nil)
	withDir(t, LTR)
	capture(t, "label_en.png", labels(english), fyne.NewSize(520, 130), nil)
}

func TestGoldenText(t *testing.T) {
	newTestApp(t)
	fa := sample + "؛ مصوبه (۳): پیگیری مطالبه‌های ساکنین درباره‌ی پارک «لاله» تا 1404/08/01."
	for _, w := range []float32{420, 220} {
		capture(t, "text_fa_"+itoa(int(w))+".png", NewText(fa), fyne.NewSize(w, 200), nil)
	}
	withDir(t, LTR)
	en := english + " Action: follow up with منطقه ۱۴ about the park."
	for _, w := range []float32{420, 220} {
		capture(t, "text_en_"+itoa(int(w))+".png", NewText(en), fyne.NewSize(w, 200), nil)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func meetingTable() *MirroredTable {
	rows := [][]string{
		{"نشست معتمدان", "1404/07/09", "محله ۱۴", "باز"},
		{"Field visit: Laleh park", "1404/07/12", "محله ۷", "در حال انجام"},
	}
	t := NewMirroredTable(func() int { return len(rows) }, 4, func(r, c int) string { return rows[r][c] })
	for c, w := range []float32{170, 100, 80, 110} {
		t.SetColumnWidth(c, w)
	}
	return t
}

func TestGoldenTable(t *testing.T) {
	newTestApp(t)
	capture(t, "table_fa.png", meetingTable(), fyne.NewSize(480, 100), nil)
	withDir(t, LTR)
	capture(t, "table_en.png", meetingTable(), fyne.NewSize(480, 100), nil)
}

func TestGoldenEntry(t *testing.T) {
	newTestApp(t)
	n := len([]rune(sample))
	shots := func(lang, text string, mid int) {
		e := NewEntry()
		e.SetText(text)
		box := container.NewVBox(e)
		size := fyne.NewSize(440, 50)
		for _, s := range []struct {
			name string
			set  func()
		}{
			{"start", func() { e.SetCursorIndex(0) }},
			{"middle", func() { e.SetCursorIndex(mid) }},
			{"end", func() { e.SetCursorIndex(len([]rune(text))) }},
			{"selection", func() { e.Select(mid-6, mid+6) }},
		} {
			s.set()
			capture(t, "entry_"+lang+"_"+s.name+".png", box, size, e)
		}
	}
	shots("fa", sample, n-13)
	withDir(t, LTR)
	shots("en", english, 42)
}
