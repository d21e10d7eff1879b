package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/go-text/typesetting/font"
)

// Font is a TrueType font to shape text with and to embed: the go-text face
// shapes, the raw tables give the PDF metrics and the subset. It remembers
// every glyph drawn with it and the text each glyph stands for, which
// becomes the ToUnicode map that makes the PDF's text extractable.
//
// The PDF shows character ids (CIDs), not glyph ids: a glyph drawn for two
// different texts gets a CID for each, so that each has its own ToUnicode
// entry. HarfBuzz draws the zero-width non-joiner of می‌شود with the space
// glyph, and without its own CID it would read back as a space, or not at
// all.
type Font struct {
	face   *font.Face
	sf     *sfnt
	used   map[uint16]bool // glyph ids drawn, for the subset
	cids   map[cidKey]uint16
	cidGID []uint16          // CID → glyph id
	texts  map[uint16]string // CID → the text it stands for
	name   string            // PostScript-like name, without the subset tag
	id     int               // position in the document's font list
}

type cidKey struct {
	gid  uint16
	text string
}

// ParseFont reads a TrueType font (glyf outlines; Vazirmatn is one).
func ParseFont(name string, ttf []byte) (*Font, error) {
	sf, err := parseSfnt(ttf)
	if err != nil {
		return nil, err
	}
	face, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		return nil, fmt.Errorf("pdf: cannot read font %s: %w", name, err)
	}
	name = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, name)
	return &Font{face: face, sf: sf, used: map[uint16]bool{}, cids: map[cidKey]uint16{},
		texts: map[uint16]string{}, name: name}, nil
}

// Upem is the font's units per em.
func (f *Font) Upem() int { return f.sf.upem }

// Ascent and Descent are the font's hhea line metrics at size pt, the
// descent negative.
func (f *Font) Ascent(size float64) float64 {
	return float64(f.sf.ascent) * size / float64(f.sf.upem)
}

// Descent is negative: how far below the baseline the font reaches.
func (f *Font) Descent(size float64) float64 {
	return float64(f.sf.descent) * size / float64(f.sf.upem)
}

// use records that glyph g is drawn for text s and returns its CID.
func (f *Font) use(g uint16, s string) uint16 {
	k := cidKey{g, s}
	if c, ok := f.cids[k]; ok {
		return c
	}
	f.used[g] = true
	c := uint16(len(f.cidGID))
	f.cids[k] = c
	f.cidGID = append(f.cidGID, g)
	if s != "" {
		f.texts[c] = s
	}
	return c
}

// cidToGIDMap is the CIDToGIDMap stream: the glyph id of every CID, 2 bytes
// each, big-endian.
func (f *Font) cidToGIDMap() []byte {
	b := make([]byte, 2*len(f.cidGID))
	for c, g := range f.cidGID {
		b[2*c], b[2*c+1] = byte(g>>8), byte(g)
	}
	return b
}

// toUnicode is the ToUnicode CMap: glyph id → UTF-16BE text.
func (f *Font) toUnicode() []byte {
	gids := make([]int, 0, len(f.texts))
	for g := range f.texts {
		gids = append(gids, int(g))
	}
	sort.Ints(gids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(gids); i += 100 {
		chunk := gids[i:min(i+100, len(gids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune(f.texts[uint16(g)])) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// widths is the CIDFont's W array, every CID's width in 1/1000 em.
func (f *Font) widths() string {
	var b strings.Builder
	b.WriteString("[ 0 [")
	for _, g := range f.cidGID {
		fmt.Fprintf(&b, " %d", f.advance1000(g))
	}
	b.WriteString(" ] ]")
	return b.String()
}

// unitsTo1000 converts font units to the PDF's text space (1/1000 em).
func (f *Font) unitsTo1000(u int) int {
	return (u*1000 + f.sf.upem/2) / f.sf.upem
}

// advance1000 is glyph g's hmtx advance as the PDF viewer will apply it.
func (f *Font) advance1000(g uint16) int {
	if int(g) >= len(f.sf.advances) {
		return 0
	}
	return f.unitsTo1000(int(f.sf.advances[g]))
}
