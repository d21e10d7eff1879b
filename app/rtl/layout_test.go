package rtl

import (
	"testing"

	"fyne.io/fyne/v2"
)

func sampleLayout(t testing.TB, dir Direction, width float32) *Layout {
	newTestApp(t)
	return NewLayout([]rune(sample), Options{Dir: dir, Style: Style{Size: 14}, MaxWidth: width})
}

// The sample's logical runs are: Persian [0,21), ۱۴ [21,23), Persian
// [23,33), the date [33,43), Persian [43,53). In an RTL paragraph they
// are shown in the opposite order, left to right.
func TestLayoutRunOrderRTL(t *testing.T) {
	l := sampleLayout(t, RTL, 0)
	if len(l.Lines) != 1 {
		t.Fatalf("lines = %d, want 1", len(l.Lines))
	}
	runs := l.Lines[0].Runs
	want := []int{43, 33, 23, 21, 0}
	if len(runs) != len(want) {
		t.Fatalf("runs = %+v", runs)
	}
	x := float32(0)
	for i, r := range runs {
		if r.Start != want[i] {
			t.Errorf("run %d starts at %d, want %d", i, r.Start, want[i])
		}
		if r.X < x-0.01 || r.Width <= 0 {
			t.Errorf("run %d at x=%v width %v, not after %v", i, r.X, r.Width, x)
		}
		x = r.X + r.Width
	}
	date := runs[1]
	if date.RTL() || string(l.Text[date.Start:date.End]) != "1404/07/09" {
		t.Errorf("date run = %q rtl=%v", string(l.Text[date.Start:date.End]), date.RTL())
	}
	if got := runText(l.Text[date.Start:date.End], false); got != "1404/07/09" {
		t.Errorf("date drawn as %q", got)
	}
	// The date reads left to right: "1" is left of "4"...
	ln := l.Lines[0]
	for i := date.Start + 1; i < date.End; i++ {
		if ln.edgeX(i, true) <= ln.edgeX(i-1, true) {
			t.Errorf("date rune %d not right of %d", i, i-1)
		}
	}
	// ... and برگزار شد is leftmost: its last rune "د" is at x=0.
	if ln.edgeX(len(l.Text)-1, false) > 0.01 {
		t.Errorf("last rune not at the left edge")
	}
	if got := l.Lines[0].X + l.Lines[0].Width; got-l.Width > 0.01 {
		t.Errorf("line right edge %v, layout width %v", got, l.Width)
	}
}

func TestLayoutLTRKeepsPersianRunsRTL(t *testing.T) {
	newTestApp(t)
	l := NewLayout([]rune("Meeting in محله ۱۴ today"), Options{Dir: LTR, Style: Style{Size: 14}})
	runs := l.Lines[0].Runs
	if runs[0].Start != 0 || runs[0].RTL() {
		t.Fatalf("first run %+v", runs[0])
	}
	var seq []string
	for _, r := range runs {
		seq = append(seq, string(l.Text[r.Start:r.End]))
	}
	// In LTR, "محله ۱۴" is an RTL run: the number is left of محله.
	want := []string{"Meeting in ", "۱۴", "محله ", " today"}
	if len(seq) != len(want) {
		t.Fatalf("runs %q, want %q", seq, want)
	}
	for i := range want {
		if seq[i] != want[i] {
			t.Errorf("runs %q, want %q", seq, want)
			break
		}
	}
}

// Every caret position maps back to itself through hit testing, and
// within one run carets move monotonically with the logical index.
func TestCaretRoundTripAndMonotone(t *testing.T) {
	l := sampleLayout(t, RTL, 0)
	ln := l.Lines[0]
	for i := 0; i <= len(l.Text); i++ {
		for _, lvl := range []int{NoLevel, 1, 2} {
			c := Caret{Index: i, Level: lvl}
			_, x := l.CaretPos(c)
			h := l.HitTest(fyne.NewPos(x, l.LineHeight/2))
			if _, hx := l.CaretPos(h); abs(hx-x) > 0.01 {
				t.Errorf("index %d level %d at x=%v hits %+v at x=%v", i, lvl, x, h, hx)
			}
		}
	}
	for _, r := range ln.Runs {
		prev := float32(-1)
		for i := r.Start; i < r.End; i++ {
			x := ln.edgeX(i, true)
			if prev >= 0 && (r.RTL() && x >= prev || !r.RTL() && x <= prev) {
				t.Errorf("caret not monotone at %d in run %+v", i, r)
			}
			prev = x
		}
	}
}

// Pressing Right from the logical end (the left end in RTL) walks every
// character to the right edge, always moving right on screen.
func TestMoveVisualWalksLine(t *testing.T) {
	l := sampleLayout(t, RTL, 0)
	c := Caret{Index: len(l.Text), Level: NoLevel}
	_, x := l.CaretPos(c)
	if x > 0.01 {
		t.Fatalf("end caret at %v, want left edge", x)
	}
	steps := 0
	for {
		n, ok := l.MoveVisual(c, true)
		if !ok {
			break
		}
		_, nx := l.CaretPos(n)
		if nx <= x {
			t.Fatalf("step %d: %+v at %v not right of %v", steps, n, nx, x)
		}
		c, x = n, nx
		steps++
	}
	if c.Index != 0 || steps != len(l.Text) {
		t.Errorf("ended at %+v after %d steps, want index 0 after %d", c, steps, len(l.Text))
	}
}

func TestWrapTwoWidths(t *testing.T) {
	wide := sampleLayout(t, RTL, 1000)
	narrow := sampleLayout(t, RTL, 150)
	if len(wide.Lines) != 1 || len(narrow.Lines) < 3 {
		t.Fatalf("lines: wide %d narrow %d", len(wide.Lines), len(narrow.Lines))
	}
	for _, ln := range narrow.Lines {
		if ln.Width-ln.Trail > 150.01 {
			t.Errorf("line %d-%d too wide: %v", ln.Start, ln.End, ln.Width)
		}
		if ln.Start > 0 && narrow.Text[ln.Start-1] != ' ' {
			t.Errorf("line starting at %d breaks inside a word", ln.Start)
		}
		if ln.X+ln.Width-150 > 0.01 {
			t.Errorf("RTL line not right aligned: X=%v W=%v", ln.X, ln.Width)
		}
	}
	// A word wider than the box is broken between letters.
	long := NewLayout([]rune("بسیاربسیاربسیارطولانی"), Options{Dir: RTL, Style: Style{Size: 14}, MaxWidth: 40})
	if len(long.Lines) < 2 {
		t.Errorf("long word not broken: %d lines", len(long.Lines))
	}
}

func TestMirroredNeutralRun(t *testing.T) {
	if got := runText([]rune(")"), true); got != "(" {
		t.Errorf("lone ) in RTL run drawn as %q", got)
	}
	if got := runText([]rune("(تاریخ)"), true); got != "(تاریخ)" {
		t.Errorf("Persian run changed: %q", got)
	}
}
