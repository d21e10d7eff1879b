package rtl

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	xbidi "golang.org/x/text/unicode/bidi"

	"mahalleh/app/bidi"
)

// painter turns a Layout into canvas.Text objects, one per directional
// run, and keeps them between refreshes so that list rows that are
// recycled while scrolling allocate nothing once warm.
type painter struct {
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

// paint positions one canvas.Text per run of l, with the layout's origin
// at origin, and returns the objects to draw. The returned slice is
// reused by the next call.
func (p *painter) paint(l *Layout, origin fyne.Position, col color.Color) []fyne.CanvasObject {
	p.objs = p.objs[:0]
	n := 0
	for li := range l.Lines {
		ln := &l.Lines[li]
		for _, r := range ln.Runs {
			s := runText(l.Text[r.Start:r.End], r.RTL())
			if s == "" {
				continue
			}
			if n == len(p.texts) {
				p.texts = append(p.texts, canvas.NewText("", col))
			}
			t := p.texts[n]
			n++
			t.Text, t.Color = s, col
			t.TextSize, t.TextStyle = l.opts.Style.Size, l.opts.Style.TextStyle
			t.Move(fyne.NewPos(origin.X+ln.X+r.X, origin.Y+ln.Y))
			t.Resize(fyne.NewSize(r.Width, l.LineHeight))
			p.objs = append(p.objs, t)
		}
	}
	return p.objs
}

// runText is the string handed to canvas.Text for one run. Fyne shapes a
// canvas.Text with go-text, which picks the direction itself from the
// first strong letter and, in right-to-left text, mirrors brackets (L4).
// A right-to-left run holds Persian letters and the neutrals between
// them, so go-text draws it right, except for a run with no strong letter
// at all (a lone ")" between a Persian word and a number): go-text would
// draw it left to right and unmirrored, so we reverse and mirror it here. Bidi control characters are dropped: they have
// done their work and must not show as boxes.
func runText(rs []rune, rtl bool) string {
	strong := false
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		if isBidiControl(r) || isParaSep(r) {
			continue
		}
		strong = strong || isStrongRTL(r)
		out = append(out, r)
	}
	if rtl && !strong {
		slices.Reverse(out)
		for i, r := range out {
			out[i] = bidi.MirrorRune(r)
		}
	}
	return string(out)
}

// isStrongRTL reports whether r has bidi class R or AL in the tables of
// golang.org/x/text, the ones go-text uses to pick a run's direction.
func isStrongRTL(r rune) bool {
	p, _ := xbidi.LookupRune(r)
	return p.Class() == xbidi.R || p.Class() == xbidi.AL
}

// isBidiControl reports the explicit directional formatting characters,
// which are invisible.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200E || r == 0x200F || r == 0x061C
}

// SelectionRects returns the rectangles, in layout coordinates, that
// show the logical selection [a, b): a selection that crosses runs of
// different directions is several rectangles on one line.
func (l *Layout) SelectionRects(a, b int) []fyne.Position {
	var out []fyne.Position // pairs: top-left, bottom-right
	if a > b {
		a, b = b, a
	}
	for li := range l.Lines {
		ln := &l.Lines[li]
		for _, r := range ln.Runs {
			s, e := max(a, r.Start), min(b, r.End)
			if s >= e {
				continue
			}
			x0, x1 := float32(-1), float32(0)
			for i := s; i < e; i++ {
				lx := ln.X + ln.edges[i-ln.Start]
				if x0 < 0 || lx < x0 {
					x0 = lx
				}
				x1 = max(x1, lx+ln.adv[i-ln.Start])
			}
			n := len(out)
			if n > 0 && out[n-1].Y == ln.Y+l.LineHeight && abs(out[n-1].X-x0) < 0.5 {
				out[n-1].X = x1 // touches the previous rectangle: extend it
				continue
			}
			out = append(out, fyne.NewPos(x0, ln.Y), fyne.NewPos(x1, ln.Y+l.LineHeight))
		}
	}
	return out
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
