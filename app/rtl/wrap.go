package rtl

import (
	"sync"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// isParaSep reports whether r ends a paragraph (bidi class B).
func isParaSep(r rune) bool {
	switch r {
	case '\n', '\r', 0x1C, 0x1D, 0x1E, 0x85, 0x2029:
		return true
	}
	return false
}

// isMark reports whether r combines with the rune before it, so that no
// caret position or line break may fall before it.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me)
}

var (
	segMu sync.Mutex
	seg   segmenter.Segmenter
)

// breakSegments returns the end of every UAX #14 segment of text: a
// segment is a word with the spaces after it; mandatory reports a hard
// break (U+2028) at that end.
func breakSegments(text []rune) (ends []int, mandatory []bool) {
	segMu.Lock()
	defer segMu.Unlock()
	seg.Init(text)
	it := seg.LineIterator()
	for it.Next() {
		line := it.Line()
		ends = append(ends, line.Offset+len(line.Text))
		mandatory = append(mandatory, line.IsMandatoryBreak)
	}
	return ends, mandatory
}

// wrap breaks one paragraph (without its separator) into lines, greedily,
// in logical order, so the bidi reordering happens per line afterwards
// as UAX #9 requires. Lines break only at break opportunities unless a
// single word is wider than maxWidth; trailing spaces do not count
// against the width. It returns [start, end) pairs relative to text.
func wrap(text []rune, adv []float32, maxWidth float32) [][2]int {
	if len(text) == 0 {
		return [][2]int{{0, 0}}
	}
	if fitsOneLine(text, adv, maxWidth) {
		return [][2]int{{0, len(text)}} // most list rows: skip UAX #14
	}
	ends, hard := breakSegments(text)
	var lines [][2]int
	start, width := 0, float32(0) // width includes inner spaces
	a := 0
	for k, b := range ends {
		w := sum(adv[a:b])
		ink := w - trailingSpace(text, adv, a, b)
		if maxWidth > 0 && a > start && width+ink > maxWidth {
			lines = append(lines, [2]int{start, a})
			start, width = a, 0
		}
		if maxWidth > 0 && a == start && ink > maxWidth {
			// A word wider than the box: break it between characters.
			pieces := splitWord(text, adv, a, b, maxWidth)
			lines = append(lines, pieces[:len(pieces)-1]...)
			start = pieces[len(pieces)-1][0]
			width = sum(adv[start:b])
		} else {
			width += w
		}
		if hard[k] && b < len(text) {
			lines = append(lines, [2]int{start, b})
			start, width = b, 0
		}
		a = b
	}
	return append(lines, [2]int{start, len(text)})
}

// fitsOneLine reports whether the paragraph needs no line breaking: no
// width limit, or narrower than the limit and no U+2028 inside.
func fitsOneLine(text []rune, adv []float32, maxWidth float32) bool {
	for _, r := range text {
		if r == 0x2028 {
			return false
		}
	}
	return maxWidth <= 0 || sum(adv)-trailingSpace(text, adv, 0, len(text)) <= maxWidth
}

// splitWord cuts text[a:b] into pieces no wider than maxWidth (at least
// one character each), never before a combining mark.
func splitWord(text []rune, adv []float32, a, b int, maxWidth float32) [][2]int {
	var out [][2]int
	start, w := a, float32(0)
	for i := a; i < b; i++ {
		if i > start && !isMark(text[i]) && w+adv[i] > maxWidth && !unicode.IsSpace(text[i]) {
			out = append(out, [2]int{start, i})
			start, w = i, 0
		}
		w += adv[i]
	}
	return append(out, [2]int{start, b})
}

// trailingSpace is the width of the white space at the end of text[a:b].
func trailingSpace(text []rune, adv []float32, a, b int) float32 {
	w := float32(0)
	for i := b - 1; i >= a && unicode.IsSpace(text[i]); i-- {
		w += adv[i]
	}
	return w
}

func sum(v []float32) float32 {
	s := float32(0)
	for _, x := range v {
		s += x
	}
	return s
}

// WidestWord returns the width of the widest unbreakable segment of the
// text, without its trailing spaces: the narrowest the text can wrap to.
func (l *Layout) WidestWord() float32 {
	w := float32(0)
	for _, ln := range l.Lines {
		text := l.Text[ln.Start:ln.End]
		ends, _ := breakSegments(text)
		a := 0
		for _, b := range ends {
			w = max(w, sum(ln.adv[a:b])-trailingSpace(text, ln.adv, a, b))
			a = b
		}
	}
	return w
}
