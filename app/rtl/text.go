package rtl

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Text is wrapped, multi-line bidirectional text: minutes, notes,
// concern descriptions. Lines are aligned to the start side of each
// paragraph. Its minimum width is its widest word; its minimum height is
// that of the text wrapped at the current width, so it grows taller when
// a container makes it narrower.
type Text struct {
	widget.BaseWidget
	Text      string
	TextStyle fyne.TextStyle
	// TextSize is the size in Fyne units; zero means the theme's size.
	TextSize float32
	// Auto gives each paragraph the direction of its first strong letter
	// instead of the UI direction.
	Auto bool
	// Color overrides the theme's foreground colour when not nil.
	Color color.Color
}

// NewText returns a wrapping text widget.
func NewText(text string) *Text {
	t := &Text{Text: text}
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the text and redraws.
func (t *Text) SetText(text string) {
	t.Text = text
	t.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (t *Text) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return &textRenderer{text: t, wordW: -1}
}

func (t *Text) options(width float32) Options {
	l := Label{TextStyle: t.TextStyle, TextSize: t.TextSize, Auto: t.Auto}
	o := l.options()
	o.MaxWidth = width
	return o
}

type textRenderer struct {
	text   *Text
	layout *Layout
	key    labelKey
	paint  painter
	objs   []fyne.CanvasObject
	// wordW caches widestWord for wordText.
	wordW    float32
	wordText string
}

// layoutFor wraps the text at a content width, reusing the last layout
// when nothing changed.
func (r *textRenderer) layoutFor(width float32) *Layout {
	k := labelKey{text: r.text.Text, opts: r.text.options(max(width, 1))}
	if r.layout == nil || k != r.key {
		r.key = k
		r.layout = NewLayout([]rune(k.text), k.opts)
	}
	return r.layout
}

func (r *textRenderer) Layout(size fyne.Size) {
	pad := theme.InnerPadding()
	l := r.layoutFor(size.Width - 2*pad)
	col := r.text.Color
	if col == nil {
		col = theme.Color(theme.ColorNameForeground)
	}
	r.objs = r.paint.paint(l, fyne.NewPos(pad, pad), col)
}

// MinSize is the widest word by the height at the current width; before
// the widget has a width it is the unwrapped text.
func (r *textRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	w := r.text.Size().Width - 2*pad
	if w <= 0 {
		l := NewLayout([]rune(r.text.Text), r.text.options(0))
		return fyne.NewSize(l.Width+2*pad, l.Height+2*pad)
	}
	l := r.layoutFor(w)
	return fyne.NewSize(r.widestWord()+2*pad, l.Height+2*pad)
}

// widestWord is the narrowest width the text can wrap to without
// breaking words, cached per text.
func (r *textRenderer) widestWord() float32 {
	if r.wordText != r.text.Text || r.wordW < 0 {
		r.wordText = r.text.Text
		r.wordW = NewLayout([]rune(r.text.Text), r.text.options(0)).WidestWord()
	}
	return r.wordW
}

func (r *textRenderer) Refresh() {
	r.layout = nil
	r.Layout(r.text.Size())
	canvas.Refresh(r.text)
}

func (r *textRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *textRenderer) Destroy()                     {}
