package rtl

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text field that edits bidirectional text the way a Persian
// reader expects: the caret stands where the next character will appear,
// Left and Right move it on screen (not in memory order), Home goes to
// the start of the line in reading order (its right end in Persian),
// selections are logical ranges drawn as one rectangle per run, and
// copy/paste keep logical order.
type Entry struct {
	widget.BaseWidget
	Text        string
	PlaceHolder string
	// MultiLine makes Enter insert a new line; lines wrap at the width.
	MultiLine bool
	TextStyle fyne.TextStyle
	// Auto gives each paragraph the direction of its first strong
	// letter instead of the UI direction.
	Auto        bool
	OnChanged   func(string)
	OnSubmitted func(string)
	// OnKey sees every key first; returning true means it handled the key
	// (a picker moving its selection with Up and Down, say).
	OnKey func(*fyne.KeyEvent) bool

	runes   []rune // Text as runes; resynced when Text is set directly
	synced  string // the Text that runes holds
	caret   Caret
	anchor  int // selection anchor, -1 when nothing is selected
	shift   bool
	focused bool
	goalX   float32 // x kept across Up/Down; negative when unset
	undo    []snapshot
	redo    []snapshot
	typing  bool // the last edit was typing, so more typing joins its undo step
	dragAt  int  // selection anchor of a drag in progress, -1 otherwise

	lay    *Layout
	layKey labelKey
	scroll fyne.Position // how far the content is scrolled
}

// snapshot is one undo step.
type snapshot struct {
	text  []rune
	caret Caret
}

// NewEntry returns a single-line entry.
func NewEntry() *Entry {
	e := &Entry{anchor: -1, goalX: -1, dragAt: -1}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry returns an entry that accepts several lines.
func NewMultiLineEntry() *Entry {
	e := NewEntry()
	e.MultiLine = true
	return e
}

// SetText replaces the text, puts the caret at the end and clears the
// selection and the undo history.
func (e *Entry) SetText(s string) {
	e.Text, e.synced = s, s
	e.runes = []rune(s)
	e.caret = Caret{Index: len(e.runes), Level: NoLevel}
	e.anchor, e.undo, e.redo = -1, nil, nil
	e.Refresh()
}

// sync picks up a Text field that was assigned directly.
func (e *Entry) sync() {
	if e.synced != e.Text {
		e.runes, e.synced = []rune(e.Text), e.Text
		e.caret.Index = min(e.caret.Index, len(e.runes))
		e.anchor = -1
	}
}

// CursorIndex returns the caret's logical index in runes.
func (e *Entry) CursorIndex() int { e.sync(); return e.caret.Index }

// SetCursorIndex moves the caret to a logical index.
func (e *Entry) SetCursorIndex(i int) {
	e.sync()
	e.caret = Caret{Index: max(0, min(i, len(e.runes))), Level: NoLevel}
	e.anchor = -1
	e.Refresh()
}

// Selection returns the selected logical range [start, end), empty when
// nothing is selected.
func (e *Entry) Selection() (start, end int) {
	if e.anchor < 0 || e.anchor == e.caret.Index {
		return e.caret.Index, e.caret.Index
	}
	return min(e.anchor, e.caret.Index), max(e.anchor, e.caret.Index)
}

// SelectedText returns the selection in logical order.
func (e *Entry) SelectedText() string {
	e.sync()
	a, b := e.Selection()
	return string(e.runes[a:b])
}

// Select selects the logical range [start, end), with the caret at end.
func (e *Entry) Select(start, end int) {
	e.sync()
	e.anchor = max(0, min(start, len(e.runes)))
	e.caret = Caret{Index: max(0, min(end, len(e.runes))), Level: NoLevel}
	e.Refresh()
}

// layout returns the text laid out for the entry's current content
// width, reusing the last layout while nothing changed.
func (e *Entry) layout() *Layout {
	e.sync()
	o := Options{Dir: Current(), Style: Style{Size: theme.Size(theme.SizeNameText), TextStyle: e.TextStyle}}
	if e.Auto {
		o.Dir = Auto
	}
	cw := e.contentSize().Width
	if e.MultiLine {
		o.MaxWidth = max(cw, 1)
	}
	k := labelKey{text: e.Text, opts: o}
	if e.lay == nil || k != e.layKey {
		e.lay, e.layKey = NewLayout(e.runes, o), k
	}
	e.lay.Align(max(cw, e.lay.Width))
	return e.lay
}

// contentSize is the area inside the padding where text is drawn.
func (e *Entry) contentSize() fyne.Size {
	pad := theme.InnerPadding()
	s := e.Size()
	return fyne.NewSize(max(s.Width-2*pad, 0), max(s.Height-2*pad, 0))
}

// levelAt returns the bidi level of rune i, or NoLevel.
func (l *Layout) levelAt(i int) int {
	if i < 0 || i >= len(l.Text) {
		return NoLevel
	}
	ln := &l.Lines[l.LineOf(i)]
	if i < ln.Start || i >= ln.End {
		return NoLevel
	}
	return int(ln.levels[i-ln.Start])
}

// attachPrev gives the caret the affinity of the character before it,
// so that after typing or deleting it stays next to that character.
func (e *Entry) attachPrev() {
	e.caret.Level = e.layout().levelAt(e.caret.Index - 1)
}

// replace swaps the selection (or nothing, at the caret) for s, records
// undo, and notifies OnChanged.
func (e *Entry) replace(s []rune, typing bool) {
	e.sync()
	a, b := e.Selection()
	if a == b && len(s) == 0 {
		return
	}
	if !typing || !e.typing || a != b {
		e.pushUndo()
	}
	e.typing = typing
	out := make([]rune, 0, len(e.runes)-(b-a)+len(s))
	out = append(append(append(out, e.runes[:a]...), s...), e.runes[b:]...)
	e.runes, e.Text = out, string(out)
	e.synced = e.Text
	e.caret, e.anchor = Caret{Index: a + len(s), Level: NoLevel}, -1
	e.attachPrev()
	e.changed()
}

// deleteAt removes [a, b) when nothing is selected; Backspace and Delete
// use it with the previous or next character.
func (e *Entry) deleteAt(a, b int) {
	if e.anchor < 0 || e.anchor == e.caret.Index {
		a, b = max(a, 0), min(b, len(e.runes))
		if a >= b {
			return
		}
		e.anchor, e.caret.Index = a, b
	}
	e.replace(nil, false)
}

func (e *Entry) changed() {
	e.goalX = -1
	e.Refresh()
	if e.OnChanged != nil {
		e.OnChanged(e.Text)
	}
}

func (e *Entry) pushUndo() {
	e.undo = append(e.undo, snapshot{text: append([]rune(nil), e.runes...), caret: e.caret})
	if len(e.undo) > 100 {
		e.undo = e.undo[1:]
	}
	e.redo = nil
}

// Undo restores the text as it was before the last edit (a run of typed
// characters counts as one edit).
func (e *Entry) Undo() { e.step(&e.undo, &e.redo) }

// Redo re-applies the last undone edit.
func (e *Entry) Redo() { e.step(&e.redo, &e.undo) }

func (e *Entry) step(from, to *[]snapshot) {
	e.sync()
	if len(*from) == 0 {
		return
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, snapshot{text: e.runes, caret: e.caret})
	e.runes, e.Text, e.caret, e.anchor, e.typing = s.text, string(s.text), s.caret, -1, false
	e.synced = e.Text
	e.changed()
}
