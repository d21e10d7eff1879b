package datepicker

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
)

// Picker is a month of the Jalali calendar to pick a day from. Tapping a
// day, or moving to it with the arrow keys and pressing Enter, calls
// OnPick. The layout follows the UI direction at the time New is called.
type Picker struct {
	widget.BaseWidget
	// OnPick is called with the day picked.
	OnPick func(jalali.Date)
	// OnCancel is called when Escape is pressed (ShowDialog closes the dialog).
	OnCancel func()

	year, month int         // the month shown
	selected    jalali.Date // the zero Date when nothing is selected
	today       jalali.Date
	cursor      jalali.Date // the day the keyboard is on
	hasFocus    bool

	title   *rtl.Label
	cells   [42]*dayCell // logical order: row by row, Saturday first
	content fyne.CanvasObject
}

var _ fyne.Focusable = (*Picker)(nil)

// New returns a picker showing the month of initial with initial selected;
// an invalid initial (the zero Date) shows today's month with nothing
// selected.
func New(initial jalali.Date, onPick func(jalali.Date)) *Picker {
	p := &Picker{OnPick: onPick, today: jalali.Today(jalali.Tehran())}
	p.ExtendBaseWidget(p)
	p.build()
	p.SetDate(initial)
	return p
}

// SetDate selects d and shows its month; the zero Date clears the
// selection and shows today's month.
func (p *Picker) SetDate(d jalali.Date) {
	if d.Valid() {
		p.selected, p.cursor = d, d
	} else {
		p.selected, p.cursor = jalali.Date{}, p.today
	}
	p.year, p.month = p.cursor.Year, p.cursor.Month
	p.update()
}

// Selected returns the selected day, if any.
func (p *Picker) Selected() (jalali.Date, bool) { return p.selected, p.selected.Valid() }

// Month returns the month shown.
func (p *Picker) Month() (year, month int) { return p.year, p.month }

// SetToday changes which day is marked as today (tests and screenshots pin
// it; by default it is today in Tehran).
func (p *Picker) SetToday(d jalali.Date) {
	p.today = d
	p.update()
}

// ShowMonth shows month m of year y and keeps the keyboard's day in it.
func (p *Picker) ShowMonth(y, m int) {
	for m < 1 {
		y, m = y-1, m+12
	}
	for m > 12 {
		y, m = y+1, m-12
	}
	if y < jalali.ParseMinYear || y > jalali.ParseMaxYear {
		return
	}
	p.year, p.month = y, m
	day := min(p.cursor.Day, jalali.MonthLength(y, m))
	p.cursor = jalali.New(y, m, max(day, 1))
	p.update()
}

func (p *Picker) build() {
	p.title = rtl.NewLabelWithStyle("", fyne.TextStyle{Bold: true})
	nav := func(icon fyne.Resource, months int) *widget.Button {
		b := widget.NewButtonWithIcon("", icon, func() { p.ShowMonth(p.year, p.month+months) })
		b.Importance = widget.LowImportance
		return b
	}
	// Earlier is on the start side: the right in Persian, with the arrows
	// pointing outwards, as on a Persian wall calendar.
	back, forward := theme.NavigateBackIcon(), theme.NavigateNextIcon()
	rewind, fastForward := theme.MediaFastRewindIcon(), theme.MediaFastForwardIcon()
	if rtl.IsRTL() {
		back, forward, rewind, fastForward = forward, back, fastForward, rewind
	}
	header := rtl.Border(nil, nil,
		rtl.HBox(nav(rewind, -12), nav(back, -1)),
		rtl.HBox(nav(forward, 1), nav(fastForward, 12)),
		container.NewCenter(p.title))

	heads := make([]fyne.CanvasObject, 7)
	grid := make([]fyne.CanvasObject, 42)
	for c := 0; c < 7; c++ {
		l := rtl.NewLabel(weekdayName(jalali.Weekday(c)))
		l.TextSize = theme.CaptionTextSize()
		if jalali.Weekday(c) == jalali.Friday {
			l.Color = theme.Color(theme.ColorNameError)
		}
		heads[rtl.Column(c, 7)] = container.NewCenter(l)
	}
	for i := range p.cells {
		p.cells[i] = newDayCell(p.tapped)
		grid[i/7*7+rtl.Column(i%7, 7)] = p.cells[i]
	}
	todayBtn := widget.NewButton(word("today"), func() {
		p.SetDate(p.today)
		p.pick(p.today)
	})
	p.content = container.NewVBox(header,
		container.NewGridWithColumns(7, heads...),
		container.NewGridWithColumns(7, grid...),
		container.NewCenter(todayBtn))
}

// update fills the grid for the month shown.
func (p *Picker) update() {
	p.title.SetText(monthTitle(p.year, p.month))
	first := jalali.New(p.year, p.month, 1)
	offset := int(first.Weekday())
	n := jalali.MonthLength(p.year, p.month)
	for i, c := range p.cells {
		day := i - offset + 1
		c.date = jalali.Date{}
		if day >= 1 && day <= n {
			c.date = jalali.New(p.year, p.month, day)
		}
		c.selected = c.date.Valid() && c.date == p.selected
		c.today = c.date.Valid() && c.date == p.today
		c.focused = c.date.Valid() && c.date == p.cursor && p.hasFocus
		c.Refresh()
	}
}

func (p *Picker) tapped(d jalali.Date) {
	p.cursor = d
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
	p.pick(d)
}

func (p *Picker) pick(d jalali.Date) {
	p.selected, p.cursor = d, d
	p.update()
	if p.OnPick != nil {
		p.OnPick(d)
	}
}

// moveCursor moves the keyboard's day by n days, following it into the
// next or previous month.
func (p *Picker) moveCursor(n int) {
	d := p.cursor.AddDays(n)
	if !d.Valid() || d.Year < jalali.ParseMinYear || d.Year > jalali.ParseMaxYear {
		return
	}
	p.cursor, p.year, p.month = d, d.Year, d.Month
	p.update()
}

// TypedKey: the arrows move the day (Left is the next day in Persian,
// where the week runs right to left), Page Up/Down the month, Enter or
// Space picks, Escape cancels.
func (p *Picker) TypedKey(k *fyne.KeyEvent) {
	step := 1
	if rtl.IsRTL() {
		step = -1
	}
	switch k.Name {
	case fyne.KeyRight:
		p.moveCursor(step)
	case fyne.KeyLeft:
		p.moveCursor(-step)
	case fyne.KeyUp:
		p.moveCursor(-7)
	case fyne.KeyDown:
		p.moveCursor(7)
	case fyne.KeyPageUp:
		p.ShowMonth(p.year, p.month-1)
	case fyne.KeyPageDown:
		p.ShowMonth(p.year, p.month+1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		p.pick(p.cursor)
	case fyne.KeyEscape:
		if p.OnCancel != nil {
			p.OnCancel()
		}
	}
}

// TypedRune ignores characters (fyne.Focusable).
func (p *Picker) TypedRune(rune) {}

// FocusGained shows the keyboard's day.
func (p *Picker) FocusGained() { p.hasFocus = true; p.update() }

// FocusLost hides the keyboard's day.
func (p *Picker) FocusLost() { p.hasFocus = false; p.update() }

// CreateRenderer implements fyne.Widget.
func (p *Picker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }
