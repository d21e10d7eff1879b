package rtl

import (
	"bytes"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Style is how a piece of text is drawn: size in Fyne units and the
// Fyne text style (bold, italic...). The font comes from the current
// theme, the same resource canvas.Text uses, so what we measure is what
// Fyne draws.
type Style struct {
	Size      float32
	TextStyle fyne.TextStyle
}

// DefaultStyle is the theme's text size with a regular face.
func DefaultStyle() Style {
	return Style{Size: theme.Current().Size(theme.SizeNameText)}
}

// measurer shapes text with go-text's HarfBuzz port, exactly like Fyne's
// painter does, but keeps the per-rune advances that Fyne throws away:
// caret positions and hit testing need them. The shaper is not safe for
// concurrent use, hence the mutex; results are cached per run text
// because list rows are laid out again on every refresh.
type measurer struct {
	mu      sync.Mutex
	faces   map[fyne.Resource]*font.Face
	metrics map[metricKey]lineMetrics
	cache   map[advKey][]float32
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
}

type advKey struct {
	text string
	rtl  bool
	face *font.Face
	size float32
}

type metricKey struct {
	face *font.Face
	size float32
}

// lineMetrics are the vertical metrics of a face at one size, the same
// numbers Fyne uses for a canvas.Text's height and baseline.
type lineMetrics struct {
	Height, Ascent float32
}

// maxCachedRuns bounds the advance cache; it is simply dropped when full,
// which is cheap compared to an LRU and rare in practice.
const maxCachedRuns = 16384

var shared = &measurer{
	faces:   map[fyne.Resource]*font.Face{},
	metrics: map[metricKey]lineMetrics{},
	cache:   map[advKey][]float32{},
}

// singleFace is a shaping.Fontmap with one face: the theme font. Runes the
// face lacks are measured as its .notdef glyph.
type singleFace struct{ f *font.Face }

func (s singleFace) ResolveFace(rune) *font.Face { return s.f }

// face returns the parsed theme font for a style, parsing it once.
func (m *measurer) face(st fyne.TextStyle) *font.Face {
	res := theme.Current().Font(st)
	if f, ok := m.faces[res]; ok {
		return f
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		f, err = font.ParseTTF(bytes.NewReader(theme.DefaultTheme().Font(st).Content()))
		if err != nil {
			panic("rtl: cannot parse theme font: " + err.Error())
		}
	}
	m.faces[res] = f
	return f
}

// advances returns the advance of every rune of text when it is shaped as
// one directional run (rtl selects the direction). Runes that form a
// cluster (a ligature such as لا, a letter with its marks) share the
// cluster's advance equally. The returned slice must not be modified.
func (m *measurer) advances(text []rune, rtl bool, st Style) []float32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.face(st.TextStyle)
	key := advKey{text: string(text), rtl: rtl, face: f, size: st.Size}
	if a, ok := m.cache[key]; ok {
		return a
	}
	adv := m.shape(text, rtl, f, st.Size)
	if len(m.cache) >= maxCachedRuns {
		clear(m.cache)
	}
	m.cache[key] = adv
	return adv
}

// shape does the uncached work of advances. The segmenter splits by
// script (needed for Arabic joining) and would also split by bidi level;
// forcing the direction keeps one run's text in one direction.
func (m *measurer) shape(text []rune, rtl bool, f *font.Face, size float32) []float32 {
	adv := make([]float32, len(text))
	if len(text) == 0 {
		return adv
	}
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	in := shaping.Input{Text: text, RunEnd: len(text), Direction: dir,
		Face: f, Size: fixed.Int26_6(size * 64)}
	for _, part := range m.seg.Split(in, singleFace{f}) {
		out := m.shaper.Shape(part)
		for _, g := range out.Glyphs {
			n := max(g.RuneCount, 1)
			share := float32(g.XAdvance) / 64 / float32(n)
			for i := g.ClusterIndex; i < g.ClusterIndex+n && i < len(adv); i++ {
				adv[i] += share
			}
		}
	}
	return adv
}

// lineMetrics returns the line height and ascent for a style.
func (m *measurer) lineMetrics(st Style) lineMetrics {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.face(st.TextStyle)
	key := metricKey{face: f, size: st.Size}
	if lm, ok := m.metrics[key]; ok {
		return lm
	}
	out := m.shaper.Shape(shaping.Input{Text: []rune{' '}, RunEnd: 1,
		Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(st.Size * 64)})
	lb := out.LineBounds
	lm := lineMetrics{Height: float32(lb.LineThickness()) / 64, Ascent: float32(lb.Ascent) / 64}
	m.metrics[key] = lm
	return lm
}
