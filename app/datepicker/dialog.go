package datepicker

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
)

// ShowDialog shows a picker over win, starting at initial (today's month
// if initial is the zero Date). Picking a day closes it and calls onPick;
// Escape or Cancel closes it without a call. The picker has the keyboard
// from the start, so a date can be picked without the mouse.
func ShowDialog(win fyne.Window, initial jalali.Date, onPick func(jalali.Date)) {
	showDialog(win, New(initial, nil), onPick)
}

// showDialog shows an existing picker (DateEntry and tests pin its today).
func showDialog(win fyne.Window, p *Picker, onPick func(jalali.Date)) dialog.Dialog {
	// The title is drawn by the content: Fyne puts a dialog's own title on
	// the left, where a Persian reader does not start.
	title := rtl.NewLabelWithStyle(word("title"), fyne.TextStyle{Bold: true})
	d := dialog.NewCustom("", word("cancel"), container.NewVBox(title, p), win)
	p.OnCancel = d.Hide
	p.OnPick = func(day jalali.Date) {
		d.Hide()
		if onPick != nil {
			onPick(day)
		}
	}
	d.Show()
	win.Canvas().Focus(p)
	return d
}
