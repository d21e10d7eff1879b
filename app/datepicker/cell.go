package datepicker

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/data/jalali"
)

// dayCell is one square of the month grid. An empty cell (before the 1st
// or after the last day) has the zero Date and ignores taps.
type dayCell struct {
	widget.BaseWidget
	date                     jalali.Date
	selected, today, focused bool
	onTap                    func(jalali.Date)
}

func newDayCell(onTap func(jalali.Date)) *dayCell {
	c := &dayCell{onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped picks the cell's day.
func (c *dayCell) Tapped(*fyne.PointEvent) {
	if c.date.Valid() && c.onTap != nil {
		c.onTap(c.date)
	}
}

func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	r := &cellRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black)}
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type cellRenderer struct {
	c    *dayCell
	bg   *canvas.Rectangle
	text *canvas.Text
}

// cellSize is the side of a day's square: big enough for a finger on a
// touch laptop and for two Persian digits at the theme's text size.
const cellSize = 40

func (r *cellRenderer) Layout(size fyne.Size) {
	side := fyne.Min(size.Width, size.Height) - 4
	r.bg.Resize(fyne.NewSquareSize(side))
	r.bg.Move(fyne.NewPos((size.Width-side)/2, (size.Height-side)/2))
	ts := r.text.MinSize()
	r.text.Resize(fyne.NewSize(size.Width, ts.Height))
	r.text.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
}

func (r *cellRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(cellSize) }

// Refresh draws the state: the selected day filled with the primary
// colour, today ringed with it, the keyboard's day shaded, Fridays (the
// weekend) in the error colour like a printed Iranian calendar.
func (r *cellRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.TextStyle = fyne.TextStyle{Bold: c.today || c.selected}
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	r.bg.FillColor, r.bg.StrokeColor, r.bg.StrokeWidth = color.Transparent, color.Transparent, 0
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	if !c.date.Valid() {
		r.text.Text = ""
		r.text.Refresh()
		r.bg.Refresh()
		return
	}
	r.text.Text = num(c.date.Day)
	if c.date.Weekday() == jalali.Friday {
		r.text.Color = th.Color(theme.ColorNameError, v)
	}
	if c.focused {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	}
	if c.today {
		r.bg.StrokeColor, r.bg.StrokeWidth = th.Color(theme.ColorNamePrimary, v), 2
		r.text.Color = th.Color(theme.ColorNamePrimary, v)
	}
	if c.selected {
		r.bg.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.text.Color = th.Color(theme.ColorNameForegroundOnPrimary, v)
	}
	r.text.Refresh()
	r.bg.Refresh()
}

func (r *cellRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }
func (r *cellRenderer) Destroy()                     {}
