package pdf

import (
	"slices"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"mahalleh/app/bidi"
)

// Style is a font at a size in points.
type Style struct {
	Font *Font
	Size float64
}

// Glyph is one shaped glyph of a line, in font units: its advance and the
// offset it is drawn at from its pen position (marks sit above letters).
type Glyph struct {
	ID          uint16
	Adv, DX, DY int32
	cid         uint16 // what the page shows: see Font
}

// Line is one line of text ready to draw: its glyphs in visual order, left
// to right, and its width in points.
type Line struct {
	Style  Style
	Glyphs []Glyph
	Width  float64
	// RTL is the direction of the paragraph the line belongs to, which is
	// the side it aligns to.
	RTL bool
}

// Height is the distance between baselines of two lines of this style.
func (s Style) Height() float64 {
	return (float64(s.Font.sf.ascent) - float64(s.Font.sf.descent)) * s.Size / float64(s.Font.sf.upem)
}

// shaper is go-text's HarfBuzz port, which is not safe for concurrent use.
var (
	shapeMu sync.Mutex
	shaper  shaping.HarfbuzzShaper
	lineSeg segmenter.Segmenter
)

var persianLang = language.NewLanguage("fa")

// shapeRun shapes text[start:end], one bidi run, in one direction. The whole
// paragraph is passed so that letters at the run's edges join as they would.
func (f *Font) shapeRun(text []rune, start, end int, rtl bool) []shaping.Glyph {
	dir, script := di.DirectionLTR, language.Latin
	if rtl {
		dir, script = di.DirectionRTL, language.Arabic
	}
	for _, r := range text[start:end] {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
			script = s
			break
		}
	}
	in := shaping.Input{Text: text, RunStart: start, RunEnd: end, Direction: dir,
		Face: f.face, Size: fixed.Int26_6(f.sf.upem << 6), Script: script, Language: persianLang}
	shapeMu.Lock()
	defer shapeMu.Unlock()
	out := shaper.Shape(in)
	return out.Glyphs
}

// Lines breaks text into lines no wider than width points (0: no limit),
// each paragraph (cut at \n) on its own lines. Paragraphs are ordered by
// the project's UAX #9 (app/bidi): dir RTL for Persian documents, Auto to
// let each paragraph's first strong letter decide. Lines are broken in
// logical order at UAX #14 opportunities and reordered one by one, as
// UAX #9 requires.
func (s Style) Lines(text string, width float64, dir bidi.Direction) []Line {
	var out []Line
	runes := []rune(text)
	start := 0
	for i := 0; i <= len(runes); i++ {
		if i == len(runes) || runes[i] == '\n' {
			out = append(out, s.paragraph(runes[start:i], width, dir)...)
			start = i + 1
		}
	}
	return out
}

// paragraph lays out one paragraph (no \n inside).
func (s Style) paragraph(text []rune, width float64, dir bidi.Direction) []Line {
	p := bidi.ResolveDisplay(text, dir)
	rtl := bidi.IsRTL(p.BaseLevel)
	if len(text) == 0 {
		return []Line{{Style: s, RTL: rtl}}
	}
	adv := s.advances(p)
	limit := int32(width * float64(s.Font.sf.upem) / s.Size)
	if width <= 0 {
		limit = 0
	}
	var lines []Line
	for _, r := range wrap(text, adv, limit) {
		lines = append(lines, s.line(p, r[0], r[1]))
	}
	return lines
}

// advances returns every rune's advance in font units, a cluster's advance
// shared among its runes, from shaping the paragraph's bidi runs.
func (s Style) advances(p *bidi.Paragraph) []int32 {
	adv := make([]int32, len(p.Text))
	for _, run := range p.LineRuns(0, len(p.Text)) {
		for _, g := range s.Font.shapeRun(p.Text, run.Start, run.End, bidi.IsRTL(run.Level)) {
			n := max(g.RuneCount, 1)
			share := int32(g.XAdvance>>6) / int32(n)
			for i := g.ClusterIndex; i < g.ClusterIndex+n && i < len(adv); i++ {
				adv[i] += share
			}
		}
	}
	return adv
}

// line shapes the line [start, end) of p in visual order. Trailing spaces
// are dropped: they would only push a right-aligned line off its margin.
func (s Style) line(p *bidi.Paragraph, start, end int) Line {
	for end > start && unicode.IsSpace(p.Text[end-1]) {
		end--
	}
	l := Line{Style: s, RTL: bidi.IsRTL(p.BaseLevel)}
	if end == start {
		return l
	}
	var total int32
	for _, run := range p.LineRuns(start, end) {
		rtl := bidi.IsRTL(run.Level)
		glyphs := s.Font.shapeRun(p.Text, run.Start, run.End, rtl)
		seen := map[int]bool{}
		for _, g := range glyphs {
			pg := Glyph{ID: uint16(g.GlyphID), Adv: int32(g.XAdvance >> 6),
				DX: int32(g.XOffset >> 6), DY: int32(g.YOffset >> 6)}
			text := ""
			if !seen[g.ClusterIndex] { // the cluster's text goes with its first glyph
				seen[g.ClusterIndex] = true
				text = clusterText(p.Text, g.ClusterIndex, g.RuneCount, rtl)
			}
			pg.cid = s.Font.use(pg.ID, text)
			total += pg.Adv
			l.Glyphs = append(l.Glyphs, pg)
		}
	}
	l.Width = float64(total) * s.Size / float64(s.Font.sf.upem)
	return l
}

// clusterText is the text a glyph cluster stands for. Text extractors
// (poppler's pdftotext, pdf.js) read a right-to-left line by reversing the
// characters they find on it, so the two letters of a ligature such as لا
// are stored reversed for them to come out in logical order.
func clusterText(text []rune, start, n int, rtl bool) string {
	r := append([]rune(nil), text[start:min(start+max(n, 1), len(text))]...)
	if rtl {
		slices.Reverse(r)
	}
	return string(r)
}

// Width is the width in points of text set on one line.
func (s Style) Width(text string) float64 {
	w := 0.0
	for _, l := range s.Lines(text, 0, bidi.Auto) {
		w = max(w, l.Width)
	}
	return w
}

// wrap breaks text greedily at UAX #14 opportunities so that no line is
// wider than limit font units (trailing spaces do not count). A word wider
// than the limit is broken between characters (not before a mark).
func wrap(text []rune, adv []int32, limit int32) [][2]int {
	if limit <= 0 {
		return [][2]int{{0, len(text)}}
	}
	shapeMu.Lock()
	lineSeg.Init(text)
	var ends []int
	var hard []bool
	it := lineSeg.LineIterator()
	for it.Next() {
		ln := it.Line()
		ends = append(ends, ln.Offset+len(ln.Text))
		hard = append(hard, ln.IsMandatoryBreak)
	}
	shapeMu.Unlock()
	var lines [][2]int
	start, width, a := 0, int32(0), 0
	for k, b := range ends {
		w, ink := segWidth(text, adv, a, b)
		if a > start && width+ink > limit {
			lines = append(lines, [2]int{start, a})
			start, width = a, 0
		}
		for a == start && ink > limit && b-a > 1 { // a word wider than the line
			cut := a + 1
			for acc := adv[a]; cut < b && (acc+adv[cut] <= limit || unicode.Is(unicode.Mn, text[cut])); cut++ {
				acc += adv[cut]
			}
			lines = append(lines, [2]int{a, cut})
			a, start = cut, cut
			w, ink = segWidth(text, adv, a, b)
		}
		width += w
		if hard[k] && b < len(text) {
			lines = append(lines, [2]int{start, b})
			start, width = b, 0
		}
		a = b
	}
	return append(lines, [2]int{start, len(text)})
}

// segWidth returns the width of text[a:b] and its width without trailing
// spaces.
func segWidth(text []rune, adv []int32, a, b int) (w, ink int32) {
	for i := a; i < b; i++ {
		w += adv[i]
	}
	ink = w
	for i := b - 1; i >= a && unicode.IsSpace(text[i]); i-- {
		ink -= adv[i]
	}
	return w, ink
}
