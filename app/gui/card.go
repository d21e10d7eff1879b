package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/rtl"
)

// card is a tappable line of text on a tinted background: a meeting in a
// calendar cell, a reminder. Its text is an rtl.Label, so Persian titles
// are shaped and ordered right to left (Fyne's button text is not).
type card struct {
	widget.BaseWidget
	label *rtl.Label
	bg    *canvas.Rectangle
	tap   func()
	fill  color.Color
}

// Card tints: a plain meeting, a meeting that collides with another, a
// reminder that is late.
var (
	cardPlain   = color.NRGBA{R: 0xe3, G: 0xee, B: 0xfa, A: 0xff}
	cardWarning = color.NRGBA{R: 0xff, G: 0xe0, B: 0xb2, A: 0xff}
	cardLate    = color.NRGBA{R: 0xfd, G: 0xd8, B: 0xd8, A: 0xff}
)

func newCard(text string, fill color.Color, tap func()) *card {
	c := &card{label: rtl.NewLabel(text), bg: canvas.NewRectangle(fill), tap: tap, fill: fill}
	c.bg.CornerRadius = 4
	c.label.Truncate = true
	c.label.Auto, c.label.AlignUI = true, true // a title typed in English reads left to right
	c.ExtendBaseWidget(c)
	return c
}

// Text is what the card says (tests find cards by it).
func (c *card) Text() string { return c.label.Text }

// Tapped opens what the card stands for.
func (c *card) Tapped(*fyne.PointEvent) {
	if c.tap != nil {
		c.tap()
	}
}

// Cursor shows a hand over a card that opens something.
func (c *card) Cursor() desktop.Cursor {
	if c.tap == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

func (c *card) CreateRenderer() fyne.WidgetRenderer {
	pad := theme.Padding() / 2
	body := container.New(&inset{pad}, c.label)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, body))
}

// inset lays its one object out inside a margin.
type inset struct{ pad float32 }

func (l *inset) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.pad, 0))
		o.Resize(fyne.NewSize(size.Width-2*l.pad, size.Height))
	}
}

func (l *inset) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width+2*l.pad, s.Height)
}
