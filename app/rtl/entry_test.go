package rtl

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// newEntryWindow shows an entry with text, focused, in a test window.
func newEntryWindow(t *testing.T, text string, multi bool) (*Entry, fyne.Window) {
	newTestApp(t)
	e := NewEntry()
	if multi {
		e = NewMultiLineEntry()
	}
	e.SetText(text)
	w := test.NewWindow(e)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(460, 60))
	w.Canvas().Focus(e)
	return e, w
}

func key(w fyne.Window, name fyne.KeyName) {
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// caretX is the caret's x in widget coordinates.
func caretX(e *Entry) float32 {
	_, x := e.layout().CaretPos(e.caret)
	return x + e.textOrigin().X
}

func TestEntryHomeEndRTL(t *testing.T) {
	e, w := newEntryWindow(t, sample, false)
	key(w, fyne.KeyHome)
	if e.CursorIndex() != 0 {
		t.Fatalf("Home: index %d", e.CursorIndex())
	}
	right := caretX(e)
	key(w, fyne.KeyEnd)
	if e.CursorIndex() != len([]rune(sample)) || caretX(e) >= right {
		t.Fatalf("End: index %d x %v (Home x %v)", e.CursorIndex(), caretX(e), right)
	}
	if right < e.Size().Width/2 {
		t.Errorf("Home caret at x=%v: not on the right", right)
	}
}

// Left moves the caret left on screen, across the Persian / Latin-digit
// boundary: from the right edge of the date it steps to the left of "9".
func TestEntryVisualLeftAcrossDate(t *testing.T) {
	e, w := newEntryWindow(t, sample, false)
	key(w, fyne.KeyHome)
	x := caretX(e)
	var seen []int
	for i := 0; i < 60; i++ {
		key(w, fyne.KeyLeft)
		nx := caretX(e)
		if nx >= x && e.CursorIndex() != len([]rune(sample)) {
			t.Fatalf("Left %d: x %v not left of %v", i, nx, x)
		}
		x = nx
		seen = append(seen, e.CursorIndex())
	}
	// After "تاریخ " (index 33, right edge of the date) comes the left
	// side of "9" (index 42), then 41...
	for k := range seen[:len(seen)-2] {
		if seen[k] == 33 {
			if seen[k+1] != 42 {
				t.Errorf("after 33 came %d, want 42 (%v)", seen[k+1], seen)
			}
			break
		}
	}
	if seen[len(seen)-1] != len([]rune(sample)) {
		t.Errorf("did not reach the left end: %v", seen)
	}
	key(w, fyne.KeyRight)
	if e.CursorIndex() != len([]rune(sample))-1 {
		t.Errorf("Right from the left end: %d", e.CursorIndex())
	}
}

func TestEntryShiftSelection(t *testing.T) {
	e, w := newEntryWindow(t, sample, false)
	key(w, fyne.KeyHome)
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for i := 0; i < 4; i++ {
		key(w, fyne.KeyLeft)
	}
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if got := e.SelectedText(); got != "نشست" {
		t.Errorf("selected %q, want نشست", got)
	}
	key(w, fyne.KeyLeft) // collapses to the left end of the selection
	if a, b := e.Selection(); a != b || e.CursorIndex() != 4 {
		t.Errorf("collapse: sel %d-%d index %d", a, b, e.CursorIndex())
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShift})
	if got := e.SelectedText(); got != "ت" {
		t.Errorf("shift+Right shortcut selected %q", got)
	}
}

func TestEntryBackspaceDeleteMixed(t *testing.T) {
	e, w := newEntryWindow(t, sample, false)
	e.SetCursorIndex(43) // logically after the "9" of the date
	key(w, fyne.KeyBackspace)
	key(w, fyne.KeyHome)
	e.SetCursorIndex(33) // logically before the "1"
	key(w, fyne.KeyDelete)
	want := "نشست با معتمدان محله ۱۴ در تاریخ 404/07/0 برگزار شد"
	if e.Text != want {
		t.Errorf("got %q\nwant %q", e.Text, want)
	}
}

func TestEntryTypeDateInPersian(t *testing.T) {
	e, w := newEntryWindow(t, "نشست در تاریخ  برگزار شد", false)
	e.SetCursorIndex(14) // between the two spaces
	test.Type(e, "1404/07/09")
	want := "نشست در تاریخ 1404/07/09 برگزار شد"
	if e.Text != want || e.CursorIndex() != 24 {
		t.Fatalf("got %q index %d", e.Text, e.CursorIndex())
	}
	// The caret stays right of the "9" just typed, where the next digit goes.
	l := e.layout()
	nine := l.Lines[0].edgeX(23, false) + e.textOrigin().X
	if abs(caretX(e)-nine) > 0.5 {
		t.Errorf("caret at %v, want right of 9 at %v", caretX(e), nine)
	}
	_ = w
}

func TestEntryPasteUndo(t *testing.T) {
	e, w := newEntryWindow(t, "سلام دنیا", false)
	changes := 0
	e.OnChanged = func(string) { changes++ }
	e.SetCursorIndex(5)
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent("Mahalleh ")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if e.Text != "سلام Mahalleh دنیا" {
		t.Fatalf("paste: %q", e.Text)
	}
	test.Type(e, "ab")
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if e.Text != "سلام Mahalleh دنیا" {
		t.Errorf("undo typing: %q", e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if e.Text != "سلام دنیا" {
		t.Errorf("undo paste: %q", e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutRedo{})
	if e.Text != "سلام Mahalleh دنیا" {
		t.Errorf("redo: %q", e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != e.Text {
		t.Errorf("copy: %q", clip.Content())
	}
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	if e.Text != "" || changes != 7 {
		t.Errorf("cut: %q, %d changes", e.Text, changes)
	}
	_ = w
}

// A tap on a character puts the caret at its nearest edge; a drag from
// the right end leftwards selects the first word in reading order.
func TestEntryTapAndDrag(t *testing.T) {
	e, w := newEntryWindow(t, sample, false)
	l := e.layout()
	o := e.textOrigin()
	ln := l.Lines[0]
	// Tap just left of the right edge of "ن" (index 0): caret before it.
	x := ln.edgeX(0, true) + o.X - 1
	test.TapAt(e, fyne.NewPos(x, 20))
	if e.CursorIndex() != 0 {
		t.Errorf("tap at %v: index %d", x, e.CursorIndex())
	}
	// Tap on the left half of "4" in 1404 (index 36): after it, logically 37.
	x4 := ln.edgeX(36, false) + o.X - 1
	test.TapAt(e, fyne.NewPos(x4, 20))
	if e.CursorIndex() != 37 {
		t.Errorf("tap on 4: index %d", e.CursorIndex())
	}
	start := ln.edgeX(0, true) + o.X - 1
	end := ln.edgeX(3, false) + o.X + 1
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(end, 20)},
		Dragged: fyne.NewDelta(end-start, 0)})
	e.DragEnd()
	if got := e.SelectedText(); got != "نشست" {
		t.Errorf("drag selected %q", got)
	}
	_ = w
}

func TestEntryMultiLine(t *testing.T) {
	e, w := newEntryWindow(t, "", true)
	w.Resize(fyne.NewSize(200, 200))
	submitted := false
	e.OnSubmitted = func(string) { submitted = true }
	test.Type(e, "سطر اول")
	key(w, fyne.KeyReturn)
	test.Type(e, "سطر دوم طولانی‌تر از عرض جعبه است")
	if submitted || len(e.layout().Lines) < 3 {
		t.Fatalf("lines %d submitted %v", len(e.layout().Lines), submitted)
	}
	before := e.CursorIndex()
	key(w, fyne.KeyUp)
	key(w, fyne.KeyUp)
	if line, _ := e.layout().CaretPos(e.caret); line >= len(e.layout().Lines)-1 || e.CursorIndex() >= before {
		t.Errorf("Up: line %d index %d", line, e.CursorIndex())
	}
	key(w, fyne.KeyDown)
	key(w, fyne.KeyDown)
	key(w, fyne.KeyDown)
	if line, _ := e.layout().CaretPos(e.caret); line != len(e.layout().Lines)-1 {
		t.Errorf("Down: line %d", line)
	}
	if e.Text[:len("سطر اول\n")] != "سطر اول\n" {
		t.Errorf("text %q", e.Text)
	}
}
