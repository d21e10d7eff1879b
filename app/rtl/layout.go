package rtl

import (
	"unicode"

	"mahalleh/app/bidi"
)

// Options say how to lay text out.
type Options struct {
	// Dir is the paragraph direction: RTL for a Persian UI, LTR for
	// English, Auto to let each paragraph's first strong letter decide.
	Dir Direction
	// Style is the text size and style.
	Style Style
	// MaxWidth wraps lines at this width; zero or less means no wrapping.
	MaxWidth float32
}

// Layout is text broken into lines whose directional runs are in visual
// order and measured. Offsets are rune indexes into Text (logical order).
// A Layout is immutable once built; widgets build a new one when the
// text, style or width changes.
type Layout struct {
	Text  []rune
	Lines []Line
	// Width is the widest line; Height the sum of the line heights.
	Width, Height float32
	// LineHeight and Ascent are the font's metrics at the layout's size.
	LineHeight, Ascent float32
	opts               Options
}

// Line is one visual line. Start and End delimit its logical text; a
// paragraph separator after End belongs to the line for caret purposes
// but is not drawn.
type Line struct {
	Start, End int
	// Runs are in visual order, left to right.
	Runs []Run
	// X is where the line starts when aligned to the start side of the
	// layout's width (right in RTL); Y is its top.
	X, Y float32
	// Width is the measured width of the runs; Trail the width of the
	// trailing white space, which hangs beyond the margin when wrapping.
	Width, Trail float32
	// RTL is the direction of the paragraph the line belongs to.
	RTL bool
	// levels and edges are per rune of [Start, End): the resolved bidi
	// level and the left edge of the rune, relative to the line's X.
	levels []bidi.Level
	edges  []float32
	adv    []float32
}

// Run is a maximal part of a line at one bidi level.
type Run struct {
	Start, End int
	Level      bidi.Level
	// X is the left edge relative to the line's X.
	X, Width float32
}

// RTL reports whether the run is drawn right to left.
func (r Run) RTL() bool { return bidi.IsRTL(r.Level) }

// NewLayout lays text out. Paragraphs are cut at hard breaks, each is
// resolved by package bidi, wrapped in logical order at the line-break
// opportunities of UAX #14 and then every line's runs are ordered
// visually (bidi rules L1 and L2) and measured.
func NewLayout(text []rune, o Options) *Layout {
	if o.Style.Size <= 0 {
		o.Style = DefaultStyle()
	}
	lm := shared.lineMetrics(o.Style)
	l := &Layout{Text: text, LineHeight: lm.Height, Ascent: lm.Ascent, opts: o}
	spans := bidi.Paragraphs(text)
	if len(spans) == 0 || isParaSep(text[len(text)-1]) {
		// An empty last paragraph still needs a line for the caret.
		spans = append(spans, [2]int{len(text), len(text)})
	}
	for _, sp := range spans {
		l.addParagraph(sp[0], sp[1])
	}
	l.Height = float32(len(l.Lines)) * l.LineHeight
	for _, ln := range l.Lines {
		l.Width = max(l.Width, ln.Width-ln.Trail)
	}
	l.Align(o.MaxWidth)
	return l
}

// addParagraph resolves one paragraph, shapes its level runs and appends
// its wrapped lines.
func (l *Layout) addParagraph(start, end int) {
	content := end
	for content > start && isParaSep(l.Text[content-1]) {
		content--
	}
	para := bidi.ResolveDisplay(l.Text[start:content], l.opts.Dir.bidi())
	rtl := bidi.IsRTL(para.BaseLevel)
	adv := l.paragraphAdvances(start, para)
	for _, br := range wrap(l.Text[start:content], adv, l.opts.MaxWidth) {
		ln := Line{Start: start + br[0], End: start + br[1], RTL: rtl}
		ln.Y = float32(len(l.Lines)) * l.LineHeight
		ln.build(para, start, adv[br[0]:br[1]], l.Text)
		l.Lines = append(l.Lines, ln)
	}
}

// paragraphAdvances shapes every logical level run of a paragraph as a
// whole, so that Arabic joining and kerning see their neighbours, and
// returns the advance of each rune.
func (l *Layout) paragraphAdvances(start int, p *bidi.Paragraph) []float32 {
	adv := make([]float32, len(p.Levels))
	for a := 0; a < len(p.Levels); {
		b := a + 1
		for b < len(p.Levels) && p.Levels[b] == p.Levels[a] {
			b++
		}
		copy(adv[a:b], shared.advances(l.Text[start+a:start+b], bidi.IsRTL(p.Levels[a]), l.opts.Style))
		a = b
	}
	return adv
}

// build orders the line's runs visually and computes every rune's left
// edge: in a right-to-left run the first logical rune is the rightmost.
func (ln *Line) build(p *bidi.Paragraph, pstart int, adv []float32, text []rune) {
	n := ln.End - ln.Start
	ln.adv = adv
	ln.levels = make([]bidi.Level, n)
	ln.edges = make([]float32, n)
	if n == 0 {
		return
	}
	x := float32(0)
	for _, r := range p.LineRuns(ln.Start-pstart, ln.End-pstart) {
		run := Run{Start: r.Start + pstart, End: r.End + pstart, Level: r.Level, X: x}
		for i := run.Start; i < run.End; i++ {
			ln.levels[i-ln.Start] = r.Level
			run.Width += adv[i-ln.Start]
		}
		ln.placeRun(run)
		ln.Runs = append(ln.Runs, run)
		x += run.Width
	}
	ln.Width = x
	for i := ln.End - 1; i >= ln.Start && unicode.IsSpace(text[i]); i-- {
		ln.Trail += adv[i-ln.Start]
	}
}

// placeRun stores the left edges of a run's runes.
func (ln *Line) placeRun(r Run) {
	x := r.X
	if r.RTL() {
		for i := r.End - 1; i >= r.Start; i-- {
			ln.edges[i-ln.Start] = x
			x += ln.adv[i-ln.Start]
		}
		return
	}
	for i := r.Start; i < r.End; i++ {
		ln.edges[i-ln.Start] = x
		x += ln.adv[i-ln.Start]
	}
}

// AlignSide places every line on one side of a box regardless of its own
// direction: a column of user text in a table lines up with its header, so
// a Persian title in an English list sits on the left like the Latin ones.
func (l *Layout) AlignSide(box float32, right bool) {
	for i := range l.Lines {
		ln := &l.Lines[i]
		ln.X = 0
		if right {
			ln.X = box - ln.Width
		}
	}
}

// Align places lines on the start side of a box of the given width: the
// right edge for right-to-left paragraphs. Trailing white space is left
// to hang outside the margin (on the left in RTL) so that ragged edges
// stay clean. A box of zero or less means the layout's own width.
func (l *Layout) Align(box float32) {
	if box <= 0 {
		box = l.Width
	}
	for i := range l.Lines {
		ln := &l.Lines[i]
		ln.X = 0
		if !ln.RTL {
			continue
		}
		// L1 moved the trailing white space to the left end, so the
		// content's right edge is the line's right edge.
		ln.X = box - ln.Width
	}
}
