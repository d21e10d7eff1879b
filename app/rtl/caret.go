package rtl

import (
	"unicode"

	"fyne.io/fyne/v2"

	"mahalleh/app/bidi"
)

// NoLevel is the caret affinity meaning "no preference": at a run
// boundary the caret then goes where a character of the paragraph's own
// direction would be inserted (Pango's strong cursor with a keyboard in
// the UI language).
const NoLevel = -1

// Caret is a caret position: a logical index plus an affinity, the bidi
// level of the character the caret was last attached to (as Firefox
// keeps it). At a boundary between runs one logical index has two places
// on screen; the affinity picks the one where the next typed character
// of the same kind appears, e.g. after typing "1" in Persian text the
// caret stays right of the "1" so that "4" lands where the caret is.
type Caret struct {
	Index int
	Level int
}

// stop is one place on screen where a caret can stand.
type stop struct {
	x     float32
	index int
	level int
	// left is true when the stop is the right edge of the character to
	// its left, false when it is the left edge of the one to its right.
	left bool
}

// LineOf returns the line holding logical index i. The index at a soft
// wrap belongs to the following line; a paragraph separator's index to
// the line it ends.
func (l *Layout) LineOf(i int) int {
	k := 0
	for j := range l.Lines {
		if l.Lines[j].Start <= i {
			k = j
		}
	}
	return k
}

// edgeX returns the x of the leading (lead=true) or trailing edge of
// rune i of line ln, in layout coordinates. The leading edge of a
// right-to-left rune is its right edge.
func (ln *Line) edgeX(i int, lead bool) float32 {
	k := i - ln.Start
	x := ln.X + ln.edges[k]
	if bidi.IsRTL(ln.levels[k]) == lead {
		x += ln.adv[k]
	}
	return x
}

// CaretPos returns the line and x (layout coordinates) of a caret.
func (l *Layout) CaretPos(c Caret) (line int, x float32) {
	line = l.LineOf(c.Index)
	ln := &l.Lines[line]
	i := c.Index
	hasPrev := i > ln.Start && i-1 < ln.End
	hasNext := i >= ln.Start && i < ln.End
	switch {
	case !hasPrev && !hasNext: // empty line: X is its start side
		return line, ln.X
	case !hasNext:
		return line, ln.edgeX(i-1, false)
	case !hasPrev:
		return line, ln.edgeX(i, true)
	}
	prev, next := ln.levels[i-1-ln.Start], ln.levels[i-ln.Start]
	if prev == next || int(prev) == c.Level && int(next) != c.Level {
		return line, ln.edgeX(i-1, false)
	}
	if int(next) == c.Level {
		return line, ln.edgeX(i, true)
	}
	if bidi.IsRTL(prev) == ln.RTL && bidi.IsRTL(next) != ln.RTL {
		return line, ln.edgeX(i-1, false)
	}
	return line, ln.edgeX(i, true)
}

// stops lists every caret place of a line from left to right.
func (l *Layout) stops(line int) []stop {
	ln := &l.Lines[line]
	var out []stop
	for _, r := range ln.Runs {
		rtl := r.RTL()
		for v := 0; v < r.End-r.Start; v++ {
			i := r.Start + v // logical rune, walked left to right on screen
			if rtl {
				i = r.End - 1 - v
			}
			lx := ln.X + ln.edges[i-ln.Start]
			rx := lx + ln.adv[i-ln.Start]
			li, ri := i, i+1 // logical index at the left and right edge
			if rtl {
				li, ri = i+1, i
			}
			lvl := int(r.Level)
			out = appendStop(out, l.Text, stop{x: lx, index: li, level: lvl})
			out = appendStop(out, l.Text, stop{x: rx, index: ri, level: lvl, left: true})
		}
	}
	if len(out) == 0 {
		_, x := l.CaretPos(Caret{Index: ln.Start, Level: NoLevel})
		out = append(out, stop{x: x, index: ln.Start, level: NoLevel})
	}
	return out
}

// appendStop adds s unless it would put the caret inside a grapheme (a
// letter and its combining marks).
func appendStop(out []stop, text []rune, s stop) []stop {
	if s.index < len(text) && isMark(text[s.index]) {
		return out
	}
	return append(out, s)
}

// HitTest returns the caret nearest to a point in layout coordinates.
func (l *Layout) HitTest(p fyne.Position) Caret {
	line := int(p.Y / l.LineHeight)
	line = max(0, min(line, len(l.Lines)-1))
	best, dist := Caret{Index: l.Lines[line].Start, Level: NoLevel}, float32(-1)
	for _, s := range l.stops(line) {
		d := s.x - p.X
		if d < 0 {
			d = -d
		}
		if dist < 0 || d < dist {
			best, dist = Caret{Index: s.index, Level: s.level}, d
		}
	}
	return best
}

// MoveVisual moves a caret one character to the right (right=true) or
// left on screen, as GTK and Firefox do with visual caret movement. At
// the end of a line it continues on the next or previous line in reading
// order. ok is false when the caret cannot move.
func (l *Layout) MoveVisual(c Caret, right bool) (Caret, bool) {
	line, x := l.CaretPos(c)
	var best *stop
	ss := l.stops(line)
	for k := range ss {
		s := &ss[k]
		ahead := s.x > x+0.01
		if !right {
			ahead = s.x < x-0.01
		}
		if !ahead {
			continue
		}
		if best == nil || (right && s.x < best.x) || (!right && s.x > best.x) ||
			s.x == best.x && s.left == right {
			best = s
		}
	}
	if best != nil {
		return Caret{Index: best.index, Level: best.level}, true
	}
	forward := right != l.Lines[line].RTL
	switch {
	case forward && line+1 < len(l.Lines):
		return Caret{Index: l.Lines[line+1].Start, Level: NoLevel}, true
	case !forward && line > 0:
		return Caret{Index: l.LineEnd(line - 1), Level: NoLevel}, true
	}
	return c, false
}

// MoveVertical moves a caret to the line above or below, keeping x.
func (l *Layout) MoveVertical(c Caret, down bool, x float32) (Caret, bool) {
	line, _ := l.CaretPos(c)
	if down {
		line++
	} else {
		line--
	}
	if line < 0 || line >= len(l.Lines) {
		return c, false
	}
	return l.HitTest(fyne.NewPos(x, (float32(line)+0.5)*l.LineHeight)), true
}

// LineStart is the logical start of a line: Home in reading order, which
// is the right edge of a Persian line.
func (l *Layout) LineStart(line int) int { return l.Lines[line].Start }

// LineEnd is where End puts the caret: the line's logical end, or before
// the space a soft wrap happened at so the caret stays on the line.
func (l *Layout) LineEnd(line int) int {
	ln := l.Lines[line]
	if line+1 < len(l.Lines) && l.Lines[line+1].Start == ln.End &&
		ln.End > ln.Start && unicode.IsSpace(l.Text[ln.End-1]) {
		return ln.End - 1
	}
	return ln.End
}
