package rtl

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// HBox lays objects out in a row in reading order: the first object is
// on the right in a Persian UI. Screens list objects once, logically, and
// the container keeps them in that order, so Tab moves through them in
// reading order too (Fyne's focus order is the order of the objects).
func HBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&mirrored{layout.NewHBoxLayout()}, objs...)
}

// Row lays objects out side by side in equal cells, in reading order
// (container.NewGridWithColumns for one row, mirrored in Persian).
func Row(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&mirrored{layout.NewGridLayoutWithColumns(len(objs))}, objs...)
}

// mirrored runs a left-to-right layout on the objects in visual order
// without changing the container's own (logical) order.
type mirrored struct{ inner fyne.Layout }

func (m *mirrored) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m.inner.Layout(Order(objs), size)
}

func (m *mirrored) MinSize(objs []fyne.CanvasObject) fyne.Size { return m.inner.MinSize(objs) }

// Order returns objs in visual (left-to-right) order for the current UI
// direction: reversed in RTL. The argument is not modified.
func Order(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := slices.Clone(objs)
	if IsRTL() {
		slices.Reverse(out)
	}
	return out
}

// Border is container.NewBorder with start and end instead of left and
// right: start is the right side in a Persian UI.
func Border(top, bottom, start, end fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	left, right := start, end
	if IsRTL() {
		left, right = end, start
	}
	return container.NewBorder(top, bottom, left, right, center...)
}

// Leading places an icon (or any object) before content in reading
// order, on the right in Persian; Trailing places it after, on the left.
func Leading(icon, content fyne.CanvasObject) *fyne.Container {
	return Border(nil, nil, icon, nil, content)
}

// Trailing places an object after content in reading order.
func Trailing(content, icon fyne.CanvasObject) *fyne.Container {
	return Border(nil, nil, nil, icon, content)
}

// Form lays out label/field pairs in two columns with the labels on the
// start side (right in Persian), like container.NewForm does on the
// left in English.
func Form(pairs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&formLayout{}, pairs...)
}

// formLayout is layout.FormLayout mirrored for RTL: objects come in
// (label, field) pairs; the label column is as wide as its widest label.
type formLayout struct{}

func (f *formLayout) sizes(objs []fyne.CanvasObject) (labelW, fieldW float32, rows []float32) {
	for i := 0; i+1 < len(objs); i += 2 {
		lm, fm := objs[i].MinSize(), objs[i+1].MinSize()
		labelW, fieldW = max(labelW, lm.Width), max(fieldW, fm.Width)
		rows = append(rows, max(lm.Height, fm.Height))
	}
	return labelW, fieldW, rows
}

// Layout places labels on the start side and stretches fields.
func (f *formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	labelW, _, rows := f.sizes(objs)
	fieldW := max(size.Width-labelW-pad, 0)
	y := float32(0)
	for r, h := range rows {
		label, field := objs[2*r], objs[2*r+1]
		lx, fx := float32(0), labelW+pad
		if IsRTL() {
			lx, fx = fieldW+pad, 0
		}
		label.Move(fyne.NewPos(lx, y))
		label.Resize(fyne.NewSize(labelW, h))
		field.Move(fyne.NewPos(fx, y))
		field.Resize(fyne.NewSize(fieldW, h))
		y += h + pad
	}
}

// MinSize is both columns side by side and the rows stacked.
func (f *formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	labelW, fieldW, rows := f.sizes(objs)
	h := float32(0)
	for _, r := range rows {
		h += r + pad
	}
	return fyne.NewSize(labelW+pad+fieldW, max(h-pad, 0))
}

var _ fyne.Layout = (*formLayout)(nil)

// Spacer is layout.NewSpacer, here so screens need only this package
// for mirrored rows.
func Spacer() fyne.CanvasObject { return layout.NewSpacer() }
