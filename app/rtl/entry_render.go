package rtl

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// CreateRenderer implements fyne.Widget.
func (e *Entry) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	r := &entryRenderer{e: e, bg: bg, box: &clipBox{}, plain: container.NewWithoutLayout(), caret: canvas.NewRectangle(nil)}
	r.box.ExtendBaseWidget(r.box)
	return r
}

// textOrigin is where layout coordinate (0,0) is in widget coordinates.
func (e *Entry) textOrigin() fyne.Position {
	pad := theme.InnerPadding()
	return fyne.NewPos(pad-e.scroll.X, pad-e.scroll.Y)
}

// scrollToCaret scrolls the content just enough to show the caret.
func (e *Entry) scrollToCaret() {
	l := e.layout()
	cs := e.contentSize()
	line, x := l.CaretPos(e.caret)
	y := float32(line) * l.LineHeight
	if x-e.scroll.X > cs.Width {
		e.scroll.X = x - cs.Width
	}
	if x-e.scroll.X < 0 {
		e.scroll.X = x
	}
	if y+l.LineHeight-e.scroll.Y > cs.Height {
		e.scroll.Y = y + l.LineHeight - cs.Height
	}
	if y-e.scroll.Y < 0 {
		e.scroll.Y = y
	}
	e.scroll.X = max(0, min(e.scroll.X, max(l.Width, cs.Width)-cs.Width+1))
	e.scroll.Y = max(0, min(e.scroll.Y, l.Height-cs.Height))
}

type entryRenderer struct {
	e     *Entry
	bg    *canvas.Rectangle
	box   *clipBox        // the content when it is scrolled or overflows
	plain *fyne.Container // the content when it fits (see Layout)
	caret *canvas.Rectangle
	text  painter
	hint  painter
	sel   []*canvas.Rectangle
}

func (r *entryRenderer) Layout(size fyne.Size) {
	e := r.e
	pad := theme.InnerPadding()
	r.bg.Resize(size)
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.StrokeWidth = theme.InputBorderSize()
	r.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	if e.focused {
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	r.box.Move(fyne.NewPos(pad, pad))
	r.box.Resize(e.contentSize())
	r.plain.Move(fyne.NewPos(pad, pad))
	r.plain.Resize(e.contentSize())

	e.scrollToCaret()
	l := e.layout()
	at := fyne.NewPos(-e.scroll.X, -e.scroll.Y)
	objs := r.selection(l, at)
	if len(e.runes) == 0 && e.PlaceHolder != "" {
		h := NewLayout([]rune(e.PlaceHolder), l.opts)
		h.Align(e.contentSize().Width)
		objs = append(objs, r.hint.paint(h, at, theme.Color(theme.ColorNamePlaceHolder))...)
	}
	objs = append(objs, r.text.paint(l, at, theme.Color(theme.ColorNameForeground))...)
	line, x := l.CaretPos(e.caret)
	r.caret.FillColor = theme.Color(theme.ColorNamePrimary)
	r.caret.Move(fyne.NewPos(at.X+x-1, at.Y+float32(line)*l.LineHeight))
	r.caret.Resize(fyne.NewSize(2, l.LineHeight))
	r.caret.Hidden = !e.focused
	objs = append(objs, r.caret)
	// Fyne's painters replace the clip of an enclosing scroll container with
	// a nested clip instead of intersecting them, so a clipped entry inside
	// a scrolled form would draw below the form's edge. The clip is only
	// needed when the text does not fit the field; otherwise the content
	// goes in a plain container and the enclosing clip holds.
	cs := e.contentSize()
	if e.scroll == (fyne.Position{}) && l.Width <= cs.Width && l.Height <= cs.Height && !r.hintOverflows(l, cs) {
		r.plain.Objects, r.box.objs = objs, nil
	} else {
		r.plain.Objects, r.box.objs = nil, objs
	}
}

// hintOverflows reports whether the placeholder is shown and wider than the field.
func (r *entryRenderer) hintOverflows(l *Layout, cs fyne.Size) bool {
	e := r.e
	if len(e.runes) > 0 || e.PlaceHolder == "" {
		return false
	}
	return NewLayout([]rune(e.PlaceHolder), l.opts).Width > cs.Width
}

// selection draws the selected range, one rectangle per run it covers.
func (r *entryRenderer) selection(l *Layout, at fyne.Position) []fyne.CanvasObject {
	a, b := r.e.Selection()
	var objs []fyne.CanvasObject
	if a == b {
		return objs
	}
	rects := l.SelectionRects(a, b)
	for k := 0; k+1 < len(rects); k += 2 {
		i := k / 2
		if i == len(r.sel) {
			r.sel = append(r.sel, canvas.NewRectangle(nil))
		}
		s := r.sel[i]
		s.FillColor = theme.Color(theme.ColorNameSelection)
		s.Move(rects[k].Add(at))
		s.Resize(fyne.NewSize(rects[k+1].X-rects[k].X, rects[k+1].Y-rects[k].Y))
		objs = append(objs, s)
	}
	return objs
}

// MinSize is one line (three for a multi-line entry) and room for the
// placeholder.
func (r *entryRenderer) MinSize() fyne.Size {
	e := r.e
	pad := theme.InnerPadding()
	st := Style{Size: theme.Size(theme.SizeNameText), TextStyle: e.TextStyle}
	lm := shared.lineMetrics(st)
	w := 4 * lm.Height
	if e.PlaceHolder != "" {
		w = max(w, NewLayout([]rune(e.PlaceHolder), Options{Style: st}).Width)
	}
	rows := float32(1)
	if e.MultiLine {
		rows = 3
	}
	return fyne.NewSize(w+2*pad, rows*lm.Height+2*pad)
}

func (r *entryRenderer) Refresh() {
	r.Layout(r.e.Size())
	r.box.Refresh()
	r.plain.Refresh()
	canvas.Refresh(r.e)
}

func (r *entryRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.plain, r.box}
}

func (r *entryRenderer) Destroy() {}

// clipBox holds the entry's text, selection and caret. Its renderer has
// an IsClip method, which makes Fyne's painters clip its children to its
// bounds, so text scrolled out of the field is not drawn over the border.
type clipBox struct {
	widget.BaseWidget
	objs []fyne.CanvasObject
}

func (c *clipBox) CreateRenderer() fyne.WidgetRenderer { return &clipRenderer{c} }

type clipRenderer struct{ c *clipBox }

func (r *clipRenderer) IsClip()                      {}
func (r *clipRenderer) Layout(fyne.Size)             {}
func (r *clipRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *clipRenderer) Refresh()                     { canvas.Refresh(r.c) }
func (r *clipRenderer) Objects() []fyne.CanvasObject { return r.c.objs }
func (r *clipRenderer) Destroy()                     {}
