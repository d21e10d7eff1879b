package datepicker

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
)

// DateEntry is a date field: a text entry that takes the date typed in any
// digit form (۱۴۰۴/۰۷/۱۵, 1404-7-15, ١٤٠٤/٧/١٥) and a button that opens
// the picker. It does not show its own error: the form calls Validate and
// shows the message beside the field.
type DateEntry struct {
	widget.BaseWidget
	// Required makes an empty field an error.
	Required bool
	// OnChanged is called after every change, typed or picked, with the
	// date and whether the text is a date that exists.
	OnChanged func(d jalali.Date, ok bool)
	// Window is where the picker opens; when nil, the window showing the
	// entry is used.
	Window fyne.Window

	entry  *rtl.Entry
	button *widget.Button
	today  jalali.Date // the zero Date: today in Tehran
	row    fyne.CanvasObject
}

// NewDateEntry returns an empty date field.
func NewDateEntry() *DateEntry {
	e := &DateEntry{entry: rtl.NewEntry()}
	e.ExtendBaseWidget(e)
	e.entry.PlaceHolder = word("hint")
	e.entry.OnChanged = func(string) { e.changed() }
	e.button = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openPicker)
	e.row = rtl.Border(nil, nil, nil, e.button, e.entry)
	return e
}

// Date returns the date typed or picked; ok is false when the field is
// empty or does not hold a date that exists.
func (e *DateEntry) Date() (jalali.Date, bool) {
	d, err := jalali.Parse(e.entry.Text)
	if err != nil || strings.TrimSpace(e.entry.Text) == "" {
		return jalali.Date{}, false
	}
	return d, true
}

// SetDate writes d into the field in the UI's digits; the zero Date empties it.
func (e *DateEntry) SetDate(d jalali.Date) {
	if d.Valid() {
		e.entry.SetText(formatDate(d))
	} else {
		e.entry.SetText("")
	}
	e.changed()
}

// Text returns what the field holds, as typed.
func (e *DateEntry) Text() string { return e.entry.Text }

// Entry returns the text field, for focusing it and for Tab order.
func (e *DateEntry) Entry() *rtl.Entry { return e.entry }

// Validate returns nil for a date that exists (or an empty optional
// field) and otherwise an *InputError whose Error is the message in the UI
// language, saying what is wrong and how to write it ("تاریخ «۱۴۰۴/۱۲/۳۰»
// وجود ندارد: اسفند ۱۴۰۴ ۲۹ روز دارد.").
func (e *DateEntry) Validate() error {
	if strings.TrimSpace(e.entry.Text) == "" {
		if e.Required {
			return &InputError{Msg: words["required"][1], MsgFa: words["required"][0]}
		}
		return nil
	}
	if _, err := jalali.Parse(e.entry.Text); err != nil {
		return inputError(err)
	}
	return nil
}

func (e *DateEntry) changed() {
	if e.OnChanged != nil {
		d, ok := e.Date()
		e.OnChanged(d, ok)
	}
}

// openPicker shows the picker at the typed date (or today's month).
func (e *DateEntry) openPicker() {
	win := e.Window
	if win == nil {
		win = windowOf(e)
	}
	if win == nil {
		return
	}
	d, _ := e.Date()
	p := New(d, nil)
	if e.today.Valid() {
		p.SetToday(e.today)
	}
	showDialog(win, p, func(day jalali.Date) {
		e.SetDate(day)
		win.Canvas().Focus(e.entry)
	})
}

// windowOf finds the window whose canvas shows obj.
func windowOf(obj fyne.CanvasObject) fyne.Window {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(obj)
	for _, w := range app.Driver().AllWindows() {
		if w.Canvas() == c {
			return w
		}
	}
	return nil
}

// CreateRenderer implements fyne.Widget.
func (e *DateEntry) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(e.row) }
