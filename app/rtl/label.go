package rtl

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Label is a single line of bidirectional text aligned to the start side
// of the UI (right in Persian). When it is narrower than its text and
// Truncate is set, the end of the text in reading order is replaced by
// "…", which is the left side in a Persian label.
type Label struct {
	widget.BaseWidget
	Text      string
	TextStyle fyne.TextStyle
	// TextSize is the size in Fyne units; zero means the theme's size.
	TextSize float32
	// Truncate lets the label shrink below its text width, with an ellipsis.
	Truncate bool
	// Auto takes the direction from the text's first strong letter
	// instead of the UI direction (for user data in a foreign script).
	Auto bool
	// AlignUI keeps an Auto label on the UI's start side (a column of
	// mixed-script user text lined up under its header).
	AlignUI bool
	// Color overrides the theme's foreground colour when not nil.
	Color color.Color
}

// NewLabel returns a label showing text.
func NewLabel(text string) *Label {
	l := &Label{Text: text}
	l.ExtendBaseWidget(l)
	return l
}

// NewLabelWithStyle returns a label with a text style (bold...).
func NewLabelWithStyle(text string, style fyne.TextStyle) *Label {
	l := &Label{Text: text, TextStyle: style}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text and redraws the label.
func (l *Label) SetText(text string) {
	if text == l.Text {
		return
	}
	l.Text = text
	l.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	return &labelRenderer{label: l}
}

func (l *Label) options() Options {
	o := Options{Dir: Current(), Style: Style{Size: l.TextSize, TextStyle: l.TextStyle}}
	if l.Auto {
		o.Dir = Auto
	}
	if o.Style.Size <= 0 {
		o.Style.Size = theme.Size(theme.SizeNameText)
	}
	return o
}

func (l *Label) color() color.Color {
	if l.Color != nil {
		return l.Color
	}
	return theme.Color(theme.ColorNameForeground)
}

type labelRenderer struct {
	label  *Label
	full   *Layout // the whole text, for MinSize
	shown  *Layout // what fits, possibly truncated
	key    labelKey
	paint  painter
	objs   []fyne.CanvasObject
	width  float32
	shownW float32
}

// labelKey is what the layout depends on, to skip work when a list
// refreshes a row with unchanged text.
type labelKey struct {
	text  string
	opts  Options
	trunc bool
}

func (r *labelRenderer) ensure() {
	k := labelKey{r.label.Text, r.label.options(), r.label.Truncate}
	if r.full != nil && k == r.key {
		return
	}
	r.key = k
	r.full = NewLayout([]rune(k.text), k.opts)
	r.shown, r.shownW = nil, -1
}

func (r *labelRenderer) Layout(size fyne.Size) {
	r.ensure()
	pad := theme.InnerPadding()
	avail := size.Width - 2*pad
	if r.shown == nil || avail != r.shownW {
		r.shown, r.shownW = r.full, avail
		if r.label.Truncate && r.full.Width > avail {
			r.shown = truncate(r.full, avail)
		}
	}
	r.shown.Align(avail)
	if r.label.AlignUI {
		r.shown.AlignSide(avail, IsRTL())
	}
	y := (size.Height - r.shown.Height) / 2
	r.objs = r.paint.paint(r.shown, fyne.NewPos(pad, y), r.label.color())
}

func (r *labelRenderer) MinSize() fyne.Size {
	r.ensure()
	pad := theme.InnerPadding()
	w := r.full.Width
	if r.label.Truncate {
		w = min(w, ellipsisWidth(r.full.opts.Style))
	}
	return fyne.NewSize(w+2*pad, r.full.Height+2*pad)
}

func (r *labelRenderer) Refresh() {
	r.ensure()
	r.shown = nil
	r.Layout(r.label.Size())
	canvas.Refresh(r.label)
}

func (r *labelRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *labelRenderer) Destroy()                     {}

const ellipsis = '…'

func ellipsisWidth(st Style) float32 {
	return sum(shared.advances([]rune{ellipsis}, false, st))
}

// truncate returns a layout of the longest logical prefix of the first
// line that fits in width together with "…". The ellipsis is a neutral
// at the end of the text, so bidi puts it on the end side in reading
// order: the left in a Persian label.
func truncate(full *Layout, width float32) *Layout {
	text := full.Text
	if len(full.Lines) > 0 {
		text = text[:full.Lines[0].End]
	}
	avail := width - ellipsisWidth(full.opts.Style)
	ln := full.Lines[0]
	k, w := 0, float32(0)
	for k < len(text) && w+ln.adv[k] <= avail {
		w += ln.adv[k]
		k++
	}
	for k < len(text) && k > 0 && isMark(text[k]) {
		k-- // never cut a letter from its marks
	}
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\u200c') {
		k--
	}
	out := make([]rune, k, k+1)
	copy(out, text[:k])
	return NewLayout(append(out, ellipsis), full.opts)
}
