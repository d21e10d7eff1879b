// Package bidi implements the Unicode Bidirectional Algorithm (UAX #9)
// for Mahalleh's Persian-first Fyne UI.
//
// Fyne draws text runs left to right and does not reorder mixed
// right-to-left / left-to-right text, so widgets call Resolve once per
// paragraph (see Paragraphs) and then LineRuns or VisualOrder for every
// wrapped line to obtain the display order.
package bidi

// Level is a UAX #9 embedding level (0..126 after resolution).
// Odd levels are right-to-left, even levels left-to-right.
type Level uint8

// IsRTL reports whether text at level l is displayed right to left
// (odd levels, BD2).
func IsRTL(l Level) bool { return l&1 == 1 }

// Direction selects the paragraph embedding level. Values other than
// the constants below act as LTR.
type Direction int

const (
	// LTR forces paragraph level 0.
	LTR Direction = iota
	// RTL forces paragraph level 1.
	RTL
	// Auto applies rules P2 and P3: the first strong character (L, R or
	// AL) outside isolates decides; the paragraph is LTR if there is none.
	Auto
)

// Paragraph holds the resolved levels of one paragraph of text.
type Paragraph struct {
	// Text is the paragraph in logical order (not copied by Resolve).
	Text []rune
	// Levels holds the resolved level of each rune after rule I2, before
	// the line-based rule L1. Characters removed by rule X9 get the level
	// of a neighbour so every rune has a displayable level.
	Levels []Level
	// BaseLevel is the paragraph embedding level (P2/P3 or forced).
	BaseLevel Level
}

// Resolve runs UAX #9 rules P2–I2 (with X1–X10, W1–W7, N0–N2, I1–I2) on
// one paragraph. Text may not contain paragraph separators except
// possibly as the last rune (or CR LF); use Paragraphs to split first.
// Any other separator gets the paragraph level without ending the
// paragraph. Resolve never panics, and is linear in len(text) except for
// the bracket-pair checks of N0, bounded by the 63-deep BD16 stack.
func Resolve(text []rune, dir Direction) *Paragraph {
	return resolve(text, dir)
}

// ResolveDisplay is Resolve with the higher-level protocol Mahalleh uses
// for what it draws: a hyphen between two digits joins them like a slash
// does, so phone numbers (021-55123456) and dashed dates (1404-07-09) keep
// their order inside Persian text. Conformance tests use Resolve.
func ResolveDisplay(text []rune, dir Direction) *Paragraph {
	return resolveWith(text, dir, true)
}

// Run is a maximal span [Start, End) of logical positions at one level.
type Run struct {
	Start, End int
	Level      Level
}

// LineRuns applies rule L1 to the line [start, end) of the paragraph and
// returns its runs in visual order, left to right (rule L2). Characters
// removed by X9 are kept and given the level of a neighbour so that no
// text is lost for rendering. A run with an odd Level must be drawn with
// its runes reversed.
func (p *Paragraph) LineRuns(start, end int) []Run {
	return p.lineRuns(start, end)
}

// VisualOrder returns, for the line [start, end), the logical indexes in
// visual (left-to-right) order (rules L1 and L2).
func (p *Paragraph) VisualOrder(start, end int) []int {
	return p.visualOrder(start, end)
}

// Paragraphs cuts text at paragraph separators (class B: \n, \r\n, \r,
// U+001C..U+001E, U+0085, U+2029) and returns the [start, end) range of
// each paragraph; the separator is included as the last rune of its
// paragraph (rule P1). Empty text yields no paragraphs.
func Paragraphs(text []rune) [][2]int {
	return paragraphs(text)
}

// MirrorRune returns the mirrored glyph of r for display in a
// right-to-left run (rule L4, Bidi_Mirroring_Glyph), or r itself when it
// has no mirror.
func MirrorRune(r rune) rune {
	return mirrorRune(r)
}
