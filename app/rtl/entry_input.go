package rtl

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ fyne.Focusable     = (*Entry)(nil)
	_ fyne.Tappable      = (*Entry)(nil)
	_ fyne.Draggable     = (*Entry)(nil)
	_ fyne.Shortcutable  = (*Entry)(nil)
	_ desktop.Keyable    = (*Entry)(nil)
	_ desktop.Cursorable = (*Entry)(nil)
)

// FocusGained implements fyne.Focusable.
func (e *Entry) FocusGained() { e.focused = true; e.Refresh() }

// FocusLost implements fyne.Focusable.
func (e *Entry) FocusLost() { e.focused, e.shift = false, false; e.Refresh() }

// Cursor shows the text cursor over the entry.
func (e *Entry) Cursor() desktop.Cursor { return desktop.TextCursor }

// TypedRune inserts a typed character at the caret in logical order;
// bidi then decides where it shows, so a number typed into Persian text
// stays a left-to-right number in place.
func (e *Entry) TypedRune(r rune) {
	if unicode.IsControl(r) {
		return
	}
	e.replace([]rune{r}, true)
}

// KeyDown tracks Shift for keyboard selection (desktop.Keyable).
func (e *Entry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
}

// KeyUp tracks Shift for keyboard selection (desktop.Keyable).
func (e *Entry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
}

// TypedKey handles editing and caret keys.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	e.sync()
	if e.OnKey != nil && e.OnKey(k) {
		return
	}
	switch k.Name {
	case fyne.KeyEscape:
		// Esc belongs to the screen (cancel, close a dialog): hand it on.
		if c := canvasOf(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
		}
	case fyne.KeyBackspace:
		e.deleteAt(e.caret.Index-1, e.caret.Index)
	case fyne.KeyDelete:
		e.deleteAt(e.caret.Index, e.nextBoundary(e.caret.Index))
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.MultiLine {
			e.replace([]rune{'\n'}, false)
		} else if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
	default:
		e.move(k.Name, e.shift)
	}
}

// nextBoundary is the index after the character at i with its marks.
func (e *Entry) nextBoundary(i int) int {
	i++
	for i < len(e.runes) && isMark(e.runes[i]) {
		i++
	}
	return i
}

// move handles the caret keys; with extend the selection follows.
func (e *Entry) move(key fyne.KeyName, extend bool) {
	l := e.layout()
	c, keepGoal := e.caret, false
	switch key {
	case fyne.KeyLeft, fyne.KeyRight:
		right := key == fyne.KeyRight
		if !extend && e.anchor >= 0 && e.anchor != e.caret.Index {
			c = e.collapse(right)
		} else {
			c, _ = l.MoveVisual(c, right)
		}
	case fyne.KeyUp, fyne.KeyDown:
		if !e.MultiLine {
			return
		}
		if e.goalX < 0 {
			_, e.goalX = l.CaretPos(c)
		}
		c, _ = l.MoveVertical(c, key == fyne.KeyDown, e.goalX)
		keepGoal = true
	case fyne.KeyHome:
		line, _ := l.CaretPos(c)
		c = Caret{Index: l.LineStart(line), Level: NoLevel}
	case fyne.KeyEnd:
		line, _ := l.CaretPos(c)
		c = Caret{Index: l.LineEnd(line), Level: NoLevel}
	default:
		return
	}
	e.moveTo(c, extend)
	if !keepGoal {
		e.goalX = -1
	}
}

// collapse ends a selection on the side the arrow points to on screen.
func (e *Entry) collapse(right bool) Caret {
	l := e.layout()
	a, b := e.Selection()
	ca, cb := Caret{Index: a, Level: NoLevel}, Caret{Index: b, Level: NoLevel}
	la, xa := l.CaretPos(ca)
	lb, xb := l.CaretPos(cb)
	if la != lb { // on different lines: reading order decides
		if right != l.Lines[la].RTL {
			return cb
		}
		return ca
	}
	if (xb > xa) == right {
		return cb
	}
	return ca
}

// moveTo puts the caret at c, extending the selection or clearing it.
func (e *Entry) moveTo(c Caret, extend bool) {
	if extend && e.anchor < 0 {
		e.anchor = e.caret.Index
	}
	if !extend {
		e.anchor = -1
	}
	e.caret, e.typing = c, false
	e.Refresh()
}

// Tapped places the caret at the tapped character and takes focus.
func (e *Entry) Tapped(ev *fyne.PointEvent) {
	e.requestFocus()
	e.moveTo(e.hit(ev.Position), e.shift)
	e.goalX = -1
}

// Dragged selects from where the drag started to the pointer: a logical
// range, whatever the runs between look like.
func (e *Entry) Dragged(ev *fyne.DragEvent) {
	if e.dragAt < 0 {
		e.requestFocus()
		start := e.hit(ev.Position.Subtract(ev.Dragged))
		e.dragAt = start.Index
		e.caret = start
	}
	e.anchor = e.dragAt
	e.caret, e.typing = e.hit(ev.Position), false
	e.Refresh()
}

// DragEnd finishes a drag selection.
func (e *Entry) DragEnd() { e.dragAt = -1 }

// hit converts a point in widget coordinates to a caret.
func (e *Entry) hit(p fyne.Position) Caret {
	e.sync()
	o := e.textOrigin()
	return e.layout().HitTest(fyne.NewPos(p.X-o.X, p.Y-o.Y))
}

func (e *Entry) requestFocus() {
	if e.focused {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// TypedShortcut handles clipboard, select-all, undo and Shift+arrows
// delivered as shortcuts.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	e.sync()
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		e.copy(s.Clipboard, false)
	case *fyne.ShortcutCut:
		e.copy(s.Clipboard, true)
	case *fyne.ShortcutPaste:
		e.paste(s.Clipboard)
	case *fyne.ShortcutSelectAll:
		e.Select(0, len(e.runes))
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *desktop.CustomShortcut:
		if s.Modifier == fyne.KeyModifierShift {
			e.move(s.KeyName, true)
			return
		}
		// Ctrl+S, Ctrl+N… are the window's: a focused entry must not swallow them.
		if c, ok := canvasOf(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
		}
	}
}

// canvasOf is the canvas e is shown on, or nil.
func canvasOf(e *Entry) fyne.Canvas {
	if app := fyne.CurrentApp(); app != nil {
		return app.Driver().CanvasForObject(e)
	}
	return nil
}

func clipboard(c fyne.Clipboard) fyne.Clipboard {
	if c != nil {
		return c
	}
	return fyne.CurrentApp().Clipboard()
}

// copy puts the selection on the clipboard in logical order, the order
// every other program expects.
func (e *Entry) copy(c fyne.Clipboard, cut bool) {
	a, b := e.Selection()
	if a == b {
		return
	}
	clipboard(c).SetContent(string(e.runes[a:b]))
	if cut {
		e.replace(nil, false)
	}
}

// paste inserts the clipboard text; a single-line entry keeps only the
// first line.
func (e *Entry) paste(c fyne.Clipboard) {
	s := []rune(clipboard(c).Content())
	if !e.MultiLine {
		for i, r := range s {
			if isParaSep(r) {
				s = s[:i]
				break
			}
		}
	}
	e.replace(s, false)
}
