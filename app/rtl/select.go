package rtl

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Select is a drop-down list whose texts are drawn by this package, so an
// option such as "منطقه ۱۴" or a neighbourhood with a Latin name reads
// right, and whose arrow and text sit on the mirrored sides in Persian.
// Fyne's widget.Select draws its labels with plain canvas.Text, which puts
// the digits of a Persian label on the wrong side. The API follows
// widget.Select so that screens can swap one for the other.
type Select struct {
	widget.BaseWidget
	Options     []string
	Selected    string
	PlaceHolder string
	OnChanged   func(string)

	focused bool
	popup   *widget.PopUp
}

// NewSelect returns a select over options.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{Options: options, OnChanged: changed}
	s.ExtendBaseWidget(s)
	return s
}

// SelectedIndex is the index of the selected option, -1 when none.
func (s *Select) SelectedIndex() int {
	for i, o := range s.Options {
		if o == s.Selected {
			return i
		}
	}
	return -1
}

// SetSelectedIndex selects option i and calls OnChanged.
func (s *Select) SetSelectedIndex(i int) {
	if i < 0 || i >= len(s.Options) {
		return
	}
	s.SetSelected(s.Options[i])
}

// SetSelected selects the option text and calls OnChanged when it changed.
func (s *Select) SetSelected(text string) {
	if text == s.Selected {
		return
	}
	s.Selected = text
	s.Refresh()
	if s.OnChanged != nil {
		s.OnChanged(text)
	}
}

// ClearSelected selects nothing (the placeholder shows).
func (s *Select) ClearSelected() { s.SetSelected("") }

// Tapped opens the list of options under the select.
func (s *Select) Tapped(*fyne.PointEvent) { s.open() }

func (s *Select) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	if c == nil || len(s.Options) == 0 {
		return
	}
	items := container.NewVBox()
	for _, o := range s.Options {
		o := o
		items.Add(NewOption(o, o == s.Selected, func() {
			s.popup.Hide()
			s.SetSelected(o)
		}))
	}
	// The list opens below the select, or above it when the window has
	// more room there, and is never taller than that room.
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
	below := c.Size().Height - at.Y - s.Size().Height - theme.Padding()
	above := at.Y - theme.Padding()
	room := max(below, above)
	h := min(items.MinSize().Height, 320, max(room, 80))
	scroll := container.NewVScroll(items)
	scroll.SetMinSize(fyne.NewSize(s.Size().Width, h))
	s.popup = widget.NewPopUp(scroll, c)
	y := s.Size().Height
	if h > below && above > below {
		y = -h
	}
	s.popup.ShowAtRelativePosition(fyne.NewPos(0, y), s)
}

// PopUpOptions are the open list's rows, for tests that tap one.
func (s *Select) PopUpOptions() []fyne.CanvasObject {
	if s.popup == nil || !s.popup.Visible() {
		return nil
	}
	return s.popup.Content.(*container.Scroll).Content.(*fyne.Container).Objects
}

// FocusGained and FocusLost make the select reachable with Tab.
func (s *Select) FocusGained() { s.focused = true; s.Refresh() }
func (s *Select) FocusLost()   { s.focused = false; s.Refresh() }

// TypedRune ignores typed letters.
func (s *Select) TypedRune(rune) {}

// TypedKey: Space or Enter opens the list; Up and Down step through the
// options without opening it.
func (s *Select) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		s.open()
	case fyne.KeyDown:
		s.SetSelectedIndex(min(s.SelectedIndex()+1, len(s.Options)-1))
	case fyne.KeyUp:
		if i := s.SelectedIndex(); i > 0 {
			s.SetSelectedIndex(i - 1)
		}
	}
}

// Cursor is the pointer over a select.
func (s *Select) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer implements fyne.Widget.
func (s *Select) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	label := NewLabel("")
	label.Truncate = true
	icon := widget.NewIcon(theme.MenuDropDownIcon())
	r := &selectRenderer{s: s, bg: bg, label: label, icon: icon}
	r.Refresh()
	return r
}

type selectRenderer struct {
	s     *Select
	bg    *canvas.Rectangle
	label *Label
	icon  *widget.Icon
}

func (r *selectRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	iconSize := theme.IconInlineSize()
	pad := theme.InnerPadding()
	iconX, labelX := size.Width-iconSize-pad, float32(0)
	if IsRTL() {
		iconX, labelX = pad, iconSize+pad
	}
	r.icon.Resize(fyne.NewSquareSize(iconSize))
	r.icon.Move(fyne.NewPos(iconX, (size.Height-iconSize)/2))
	r.label.Resize(fyne.NewSize(size.Width-iconSize-pad, size.Height))
	r.label.Move(fyne.NewPos(labelX, 0))
}

func (r *selectRenderer) MinSize() fyne.Size {
	l := r.label.MinSize()
	return fyne.NewSize(max(l.Width, 80)+theme.IconInlineSize()+theme.InnerPadding(), max(l.Height, theme.IconInlineSize()+2*theme.InnerPadding()))
}

func (r *selectRenderer) Refresh() {
	text, col := r.s.Selected, theme.Color(theme.ColorNameForeground)
	if text == "" {
		text, col = r.s.PlaceHolder, theme.Color(theme.ColorNamePlaceHolder)
	}
	r.label.Text, r.label.Color = text, col
	r.label.Refresh()
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.StrokeWidth = 0
	if r.s.focused {
		r.bg.StrokeColor, r.bg.StrokeWidth = theme.Color(theme.ColorNameFocus), 2
	}
	r.bg.Refresh()
	r.Layout(r.s.Size())
}

func (r *selectRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.label, r.icon}
}
func (r *selectRenderer) Destroy() {}

// Option is one tappable row of text: a row of a Select's open list, or a
// suggestion under a search box. Lit rows are drawn highlighted.
type Option struct {
	widget.BaseWidget
	label *Label
	bg    *canvas.Rectangle
	tap   func()
	lit   bool
}

// NewOption returns a row showing text that calls tap when tapped.
func NewOption(text string, lit bool, tap func()) *Option {
	o := &Option{label: NewLabel(text), bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), tap: tap}
	o.ExtendBaseWidget(o)
	o.SetLit(lit)
	return o
}

// SetLit highlights the row (the one Enter would pick) or not.
func (o *Option) SetLit(lit bool) {
	o.lit = lit
	o.bg.FillColor = theme.Color(theme.ColorNameBackground)
	if lit {
		o.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	o.bg.Refresh()
}

// Tapped picks the option.
func (o *Option) Tapped(*fyne.PointEvent) { o.tap() }

// Text is the option's text.
func (o *Option) Text() string { return o.label.Text }

// MouseIn, MouseMoved and MouseOut highlight the row under the pointer.
func (o *Option) MouseIn(*desktop.MouseEvent) {
	o.bg.FillColor = theme.Color(theme.ColorNameHover)
	o.bg.Refresh()
}
func (o *Option) MouseMoved(*desktop.MouseEvent) {}
func (o *Option) MouseOut()                      { o.SetLit(o.lit) }

func (o *Option) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(o.bg, o.label))
}
