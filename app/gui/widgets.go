package gui

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
)

// errorColor is the colour of an inline message under a field.
var errorColor = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}

// errorLabel is the hidden message line under a form field.
func errorLabel() *rtl.Label {
	l := rtl.NewLabel("")
	l.Color = errorColor
	l.TextSize = 12
	l.Hide()
	return l
}

// warningText is a hidden, wrapping message in the error colour, for
// warnings longer than a line (a possible duplicate in the register).
func warningText() *rtl.Text {
	t := rtl.NewText("")
	t.Color = errorColor
	t.Hide()
	return t
}

// showWarning shows msg in a warningText, or hides it when msg is "".
// isolate wraps text put into a sentence (a title, a name, a date) in a
// first-strong isolate (FSI … PDI), so that a Persian title inside an
// English sentence, or a date after it, keeps its own order and does not
// drag the words around it into its direction (UAX #9, rules X5c–X6a).
// Only for rtl text widgets, whose bidi layer reads the isolates.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

func showWarning(t *rtl.Text, msg string) {
	t.SetText(msg)
	if msg == "" {
		t.Hide()
	} else {
		t.Show()
	}
}

// showError shows msg under a field, or hides the line when msg is "".
func showError(l *rtl.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func trimmed(s string) string { return strings.TrimSpace(s) }

// personError is an error whose message is in the UI language, for Fyne's
// error dialogs.
func personError(err error) error { return errors.New(errText(err)) }

// tintedBackground is the pale amber behind the demo banner.
func tintedBackground() fyne.CanvasObject {
	return canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xf3, B: 0xcd, A: 0xff})
}

// choice is a Select over a fixed set of stored values shown by their
// translations ("kind.elders" → "دیدار با معتمدین").
type choice struct {
	*rtl.Select
	values []string
}

// newChoice builds a select over values; prefix+value is the i18n key of
// each label. With blank, the first option is "—" for "none".
func newChoice(prefix string, values []string, blank bool) *choice {
	c := &choice{}
	var labels []string
	if blank {
		c.values = append(c.values, "")
		labels = append(labels, "—")
	}
	for _, v := range values {
		c.values = append(c.values, v)
		labels = append(labels, i18n.T(prefix+v))
	}
	c.Select = rtl.NewSelect(labels, nil)
	return c
}

// newRefChoice builds a select over records: ids and their display names.
func newRefChoice(ids, names []string) *choice {
	c := &choice{values: append([]string{""}, ids...)}
	c.Select = rtl.NewSelect(append([]string{"—"}, names...), nil)
	return c
}

// value is the stored value of the selected option ("" for none).
func (c *choice) value() string {
	if i := c.SelectedIndex(); i >= 0 && i < len(c.values) {
		return c.values[i]
	}
	return ""
}

// set selects the option of a stored value (none when unknown).
func (c *choice) set(v string) {
	for i, x := range c.values {
		if x == v {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}

// ref is the selected value as a reference: nil for none.
func (c *choice) ref() *string {
	if v := c.value(); v != "" {
		return &v
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// textEntry is an entry for what officers type (names, titles, minutes):
// each paragraph takes the direction of its first letter, so Persian typed
// in the English UI reads right to left with its full stop at the end.
func textEntry() *rtl.Entry {
	e := rtl.NewEntry()
	e.Auto = true
	return e
}

func textArea() *rtl.Entry {
	e := rtl.NewMultiLineEntry()
	e.Auto = true
	return e
}

// atLeast gives obj at least width w and height h (0: its own), filling
// whatever room it gets: a dialog's body, a minutes box, a date field.
func atLeast(obj fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	return container.New(&minSize{fyne.NewSize(w, h)}, obj)
}

type minSize struct{ min fyne.Size }

func (m *minSize) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m *minSize) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize().Max(m.min) }

// atStart places a row of objects on the start side (the right in Persian)
// instead of stretching or packing it to the left.
func atStart(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return rtl.Border(nil, nil, rtl.HBox(objs...), nil)
}
