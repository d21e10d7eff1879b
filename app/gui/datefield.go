package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"mahalleh/app/datepicker"
	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
)

// dateField is a datepicker.DateEntry (typed in any digit form, or picked
// from the Jalali month grid) with the form's inline error line under it.
type dateField struct {
	de     *datepicker.DateEntry
	entry  *rtl.Entry
	err    *rtl.Label
	obj    fyne.CanvasObject
	change func()
}

func newDateField(win fyne.Window) *dateField {
	f := &dateField{de: datepicker.NewDateEntry(), err: errorLabel()}
	f.de.Window = win
	f.entry = f.de.Entry()
	f.de.OnChanged = func(jalali.Date, bool) {
		showError(f.err, "")
		if f.change != nil {
			f.change()
		}
	}
	f.obj = container.NewVBox(f.de, f.err)
	return f
}

func (f *dateField) setTime(t time.Time) {
	if t.IsZero() {
		f.de.SetDate(jalali.Date{})
		return
	}
	f.de.SetDate(jalali.FromTime(t.In(jalali.Tehran())))
}

// empty reports whether nothing was typed.
func (f *dateField) empty() bool { return trimmed(f.de.Text()) == "" }

// check returns the date, or shows why the text is not one; required says
// whether an empty field is an error.
func (f *dateField) check(required bool) (jalali.Date, bool) {
	f.de.Required = required
	if err := f.de.Validate(); err != nil {
		showError(f.err, err.Error())
		return jalali.Date{}, false
	}
	showError(f.err, "")
	d, _ := f.de.Date()
	return d, true
}
