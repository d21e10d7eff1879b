package rtl

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const sample = "نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09 برگزار شد"

// newTestApp starts the headless driver with the Vazirmatn theme.
func newTestApp(t testing.TB) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(theme.VariantLight))
	return a
}

// savePNG writes a capture to dir for looking at, when RTL_PNG_DIR is set.
func savePNG(t *testing.T, name string, c fyne.Canvas) {
	dir := os.Getenv("RTL_PNG_DIR")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, c.Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestDemoLabel(t *testing.T) {
	newTestApp(t)
	l := NewLabel(sample)
	b := NewLabelWithStyle("(تاریخ) «گزارش» شد.", fyne.TextStyle{Bold: true})
	w := test.NewWindow(container.NewVBox(l, b))
	defer w.Close()
	w.Resize(fyne.NewSize(480, 100))
	savePNG(t, "demo_label.png", w.Canvas())
}

func TestDemoEntry(t *testing.T) {
	newTestApp(t)
	e := NewEntry()
	e.SetText(sample)
	m := NewMultiLineEntry()
	m.SetText(sample + "\nسطر دوم با (پرانتز) و English words.")
	txt := NewText(sample + " " + sample)
	w := test.NewWindow(container.NewVBox(e, m, txt, NewLabel("Meeting on 1404/07/09 with محله ۱۴ elders.")))
	defer w.Close()
	w.Resize(fyne.NewSize(420, 330))
	w.Canvas().Focus(e)
	e.Select(9, 20)
	savePNG(t, "demo_entry_sel.png", w.Canvas())
	e.SetCursorIndex(33)
	savePNG(t, "demo_entry_caret.png", w.Canvas())
}

// TestDemoScreen renders a whole screen built once with the mirroring
// API, in Persian and in English (RTL_PNG_DIR=/tmp/x to look at it).
func TestDemoScreen(t *testing.T) {
	newTestApp(t)
	for _, d := range []Direction{RTL, LTR} {
		SetDirection(d)
		title := NewLabelWithStyle("صورتجلسه نشست ۱۴ — Minutes", fyne.TextStyle{Bold: true})
		place := NewEntry()
		place.SetText("سرای محله ۱۴ (Laleh park)")
		notes := NewMultiLineEntry()
		notes.SetText(sample + "\nمصوبه: پیگیری تا 1404/08/01.")
		form := Form(NewLabel("مکان"), place, NewLabel("یادداشت"), notes)
		save := widget.NewButtonWithIcon("ذخیره", theme.DocumentSaveIcon(), nil)
		bar := HBox(save, widget.NewButton("انصراف", nil), Spacer(), Leading(widget.NewIcon(theme.InfoIcon()), NewLabel("۳ اقدام باز")))
		list := widget.NewList(func() int { return 3 }, func() fyne.CanvasObject { return NewCell() },
			func(i widget.ListItemID, o fyne.CanvasObject) { SetCell(o, rowTexts(3)[i]) })
		body := Border(container.NewVBox(title, form), bar, nil, nil, list)
		w := test.NewWindow(body)
		w.Resize(fyne.NewSize(520, 420))
		w.Canvas().Focus(place)
		name := "demo_screen_fa.png"
		if d == LTR {
			name = "demo_screen_en.png"
		}
		savePNG(t, name, w.Canvas())
		w.Close()
	}
	SetDirection(RTL)
}
