package pdf

import (
	"encoding/binary"
	"errors"
	"sort"
)

// sfnt is a TrueType font file split into its tables: enough to read the
// metrics a PDF font descriptor needs and to write a subset.
type sfnt struct {
	tables    map[string][]byte
	upem      int
	bbox      [4]int16 // xMin, yMin, xMax, yMax in font units
	ascent    int16
	descent   int16
	numGlyphs int
	advances  []uint16 // advance width of every glyph, in font units
	longLoca  bool
}

var errFont = errors.New("pdf: not a TrueType font with glyf outlines")

// parseSfnt reads the table directory and the head, hhea, maxp and hmtx
// tables of a TrueType (glyf) font.
func parseSfnt(b []byte) (*sfnt, error) {
	if len(b) < 12 {
		return nil, errFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	f := &sfnt{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errFont
		}
		tag := string(b[rec : rec+4])
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		length := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || length < 0 || off+length > len(b) {
			return nil, errFont
		}
		f.tables[tag] = b[off : off+length]
	}
	head, hhea, maxp, hmtx := f.tables["head"], f.tables["hhea"], f.tables["maxp"], f.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || f.tables["glyf"] == nil || f.tables["loca"] == nil {
		return nil, errFont
	}
	f.upem = int(binary.BigEndian.Uint16(head[18:]))
	for i := range f.bbox {
		f.bbox[i] = int16(binary.BigEndian.Uint16(head[36+2*i:]))
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.ascent = int16(binary.BigEndian.Uint16(hhea[4:]))
	f.descent = int16(binary.BigEndian.Uint16(hhea[6:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || len(hmtx) < 4*nh || f.upem == 0 {
		return nil, errFont
	}
	f.advances = make([]uint16, f.numGlyphs)
	for g := range f.advances {
		i := min(g, nh-1)
		f.advances[g] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	return f, nil
}

// glyphRange returns the [start, end) byte range of glyph g in glyf.
func (f *sfnt) glyphRange(g int) (int, int) {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var a, b int
	if f.longLoca {
		if 4*g+8 > len(loca) {
			return 0, 0
		}
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		if 2*g+4 > len(loca) {
			return 0, 0
		}
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if a > b || b > len(glyf) {
		return 0, 0
	}
	return a, b
}

// components returns the glyphs a composite glyph is built from (none for
// a simple glyph).
func (f *sfnt) components(g int) []int {
	a, b := f.glyphRange(g)
	data := f.tables["glyf"][a:b]
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; p+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[p:])
		out = append(out, int(binary.BigEndian.Uint16(data[p+2:])))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// subset returns a TrueType file that keeps the outlines of the used glyphs
// (and of the glyphs composites are built from, and .notdef) and empties
// every other glyph. Glyph ids do not change, so the PDF can keep an
// identity CIDToGIDMap; the shaping tables (GSUB, GPOS…) and cmap are left
// out because a PDF viewer draws glyph ids and never shapes.
func (f *sfnt) subset(used map[uint16]bool) []byte {
	keep := map[int]bool{0: true}
	var stack []int
	for g := range used {
		stack = append(stack, int(g))
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if keep[g] || g >= f.numGlyphs {
			continue
		}
		keep[g] = true
		stack = append(stack, f.components(g)...)
	}
	var glyf []byte
	loca := make([]byte, 4*(f.numGlyphs+1))
	for g := 0; g < f.numGlyphs; g++ {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[g] {
			a, b := f.glyphRange(g)
			glyf = append(glyf, f.tables["glyf"][a:b]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*f.numGlyphs:], uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	post := make([]byte, 32)                 // version 3: no glyph names
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post, 0x00030000)
	out := map[string][]byte{"head": head, "loca": loca, "glyf": glyf, "post": post}
	for _, t := range []string{"hhea", "maxp", "hmtx", "cvt ", "fpgm", "prep", "OS/2", "name"} {
		if b, ok := f.tables[t]; ok {
			out[t] = b
		}
	}
	return writeSfnt(out)
}

// writeSfnt assembles tables into a font file with a correct directory and
// checksums.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	hdr := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	binary.BigEndian.PutUint16(hdr[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(hdr[8:], uint16(es))
	binary.BigEndian.PutUint16(hdr[10:], uint16(16*n-16<<es))
	body := []byte{}
	headAt := 0
	for i, t := range tags {
		b := tables[t]
		rec := hdr[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(hdr)+len(body)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(hdr) + len(body)
		}
		body = append(body, b...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	file := append(hdr, body...)
	binary.BigEndian.PutUint32(file[headAt+8:], 0xB1B0AFBA-checksum(file))
	return file
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
