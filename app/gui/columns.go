package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/rtl"
)

// columns lays a list row's cells out side by side in reading order (the
// first cell on the right in Persian). Every column has its width except
// flex, which takes what the others leave: a row always fits the window,
// so nothing scrolls sideways and the start of a row is always in view.
type columns struct {
	widths []float32
	flex   int
}

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i, w := range c.widths {
		if i != c.flex {
			fixed += w + pad
		}
	}
	flexW := max(size.Width-fixed, 40)
	x := float32(0)
	for i, o := range rtl.Order(objs) {
		logical := i
		if rtl.IsRTL() {
			logical = len(objs) - 1 - i
		}
		w := c.widths[logical]
		if logical == c.flex {
			w = flexW
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(200, h)
}

// newRow builds a list row of n truncating cells laid out by c.
func newRow(c *columns, userText map[int]bool) *fyne.Container {
	cells := make([]fyne.CanvasObject, len(c.widths))
	for i := range cells {
		l := rtl.NewCell()
		l.Auto, l.AlignUI = userText[i], userText[i]
		cells[i] = l
	}
	return container.New(c, cells...)
}

// setRow fills the cells of a row made by newRow, in logical order.
func setRow(row fyne.CanvasObject, texts ...string) {
	cells := row.(*fyne.Container).Objects
	for i, t := range texts {
		if i < len(cells) {
			rtl.SetCell(cells[i], t)
		}
	}
}
