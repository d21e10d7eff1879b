// Package pdf writes PDF documents whose text is shaped by go-text (the
// HarfBuzz port Fyne uses) and ordered by the project's UAX #9 (app/bidi),
// so Persian prints joined, right to left, with digits and Latin words in
// their places. Fonts are embedded as TrueType subsets with Identity-H
// encoding and a ToUnicode map, so the text can be selected, searched and
// extracted (pdftotext) in logical order.
//
// The general PDF libraries for Go fall short for Persian: go-pdf/fpdf
// leaves Arabic letters unjoined, signintech/gopdf reverses strings without
// bidi, and tdewolff/canvas brings an LGPL FriBidi and a newer Fyne. This
// package does only what the printed documents need: text lines, rules,
// boxes and filled bars on A4 pages, and a top-to-bottom layout (Flow).
package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
)

// A4 page size in points.
const (
	A4Width  = 595.28
	A4Height = 841.89
)

// Document is a PDF being built: pages drawn top-down, written at the end.
type Document struct {
	Title string
	W, H  float64
	// RTL tells viewers the pages read right to left (two-up, page order).
	RTL   bool
	fonts []*Font
	pages []*Page
}

// Page is one page; coordinates are points from the top-left corner.
type Page struct {
	doc *Document
	buf bytes.Buffer
}

// New returns an empty document with pages of w × h points.
func New(w, h float64) *Document { return &Document{W: w, H: h} }

// AddFont makes f usable on the document's pages. A font belongs to one
// document: it records the glyphs drawn, which become its subset.
func (d *Document) AddFont(f *Font) {
	f.id = len(d.fonts) + 1
	d.fonts = append(d.fonts, f)
}

// NewPage appends a page.
func (d *Document) NewPage() *Page {
	p := &Page{doc: d}
	d.pages = append(d.pages, p)
	return p
}

// Page returns page i (0-based), to draw on it again: page numbers and
// frames go on last, when the page count is known.
func (d *Document) Page(i int) *Page { return d.pages[i] }

// Pages returns the number of pages.
func (d *Document) Pages() int { return len(d.pages) }

// num formats a coordinate compactly.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func num2(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-" {
		return "0"
	}
	return s
}

// Text draws a line with its left end at x and its baseline at y.
func (p *Page) Text(l Line, x, y float64) {
	if len(l.Glyphs) == 0 {
		return
	}
	f := l.Style.Font
	upem := float64(f.sf.upem)
	fmt.Fprintf(&p.buf, "BT /F%d %s Tf %s %s Td\n", f.id, num2(l.Style.Size), num2(x), num2(p.doc.H-y))
	rise := int32(0)
	var tj strings.Builder
	pending := 0.0 // a TJ adjustment not yet written, in 1/1000 em
	flush := func() {
		if tj.Len() > 0 {
			fmt.Fprintf(&p.buf, "[%s] TJ\n", tj.String())
			tj.Reset()
		}
	}
	for _, g := range l.Glyphs {
		if g.DY != rise {
			flush()
			rise = g.DY
			fmt.Fprintf(&p.buf, "%s Ts\n", num2(float64(rise)*l.Style.Size/upem))
		}
		pending -= float64(g.DX) * 1000 / upem
		if pending > 0.005 || pending < -0.005 {
			tj.WriteString(num2(pending))
		}
		fmt.Fprintf(&tj, "<%04X>", g.cid)
		pending = float64(f.advance1000(g.ID)) - float64(g.Adv)*1000/upem + float64(g.DX)*1000/upem
	}
	flush()
	p.buf.WriteString("ET\n")
}

// Rule draws a line from (x1, y1) to (x2, y2), w points thick, in gray
// (0 black … 1 white).
func (p *Page) Rule(x1, y1, x2, y2, w, gray float64) {
	fmt.Fprintf(&p.buf, "q %s G %s w %s %s m %s %s l S Q\n", num2(gray), num2(w),
		num2(x1), num2(p.doc.H-y1), num2(x2), num2(p.doc.H-y2))
}

// Fill paints the rectangle with its top-left corner at (x, y) in gray.
func (p *Page) Fill(x, y, w, h, gray float64) {
	fmt.Fprintf(&p.buf, "q %s g %s %s %s %s re f Q\n", num2(gray), num2(x), num2(p.doc.H-y-h), num2(w), num2(h))
}

// FillRGB paints the rectangle with its top-left corner at (x, y) in a
// colour (each component 0 … 1): the bars of the report's charts, whose
// colours say open and done as on the reports screen.
func (p *Page) FillRGB(x, y, w, h, r, g, b float64) {
	fmt.Fprintf(&p.buf, "q %s %s %s rg %s %s %s %s re f Q\n", num2(r), num2(g), num2(b), num2(x), num2(p.doc.H-y-h), num2(w), num2(h))
}

// Box strokes the rectangle with its top-left corner at (x, y).
func (p *Page) Box(x, y, w, h, lw, gray float64) {
	fmt.Fprintf(&p.buf, "q %s G %s w %s %s %s %s re S Q\n", num2(gray), num2(lw), num2(x), num2(p.doc.H-y-h), num2(w), num2(h))
}

// writer numbers objects and remembers their offsets for the xref table.
type writer struct {
	w       io.Writer
	n       int64
	offsets []int64
	err     error
}

func (w *writer) printf(format string, a ...any) {
	if w.err != nil {
		return
	}
	k, err := fmt.Fprintf(w.w, format, a...)
	w.n += int64(k)
	w.err = err
}

// object starts object id (ids are handed out by the caller in order).
func (w *writer) object(id int, body string) {
	for len(w.offsets) < id {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[id-1] = w.n
	w.printf("%d 0 obj\n%s\nendobj\n", id, body)
}

// stream writes a Flate-compressed stream object.
func (w *writer) stream(id int, dict string, data []byte) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(data)
	zw.Close()
	for len(w.offsets) < id {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[id-1] = w.n
	w.printf("%d 0 obj\n<< %s /Length %d /Filter /FlateDecode >>\nstream\n", id, dict, z.Len())
	if w.err == nil {
		k, err := w.w.Write(z.Bytes())
		w.n += int64(k)
		w.err = err
	}
	w.printf("\nendstream\nendobj\n")
}

// textString encodes s as a PDF text string (UTF-16BE with a BOM, in hex).
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// WriteTo writes the document. Fonts are subset to the glyphs the pages
// use, so it must come after all drawing.
func (d *Document) WriteTo(out io.Writer) (int64, error) {
	w := &writer{w: out}
	w.printf("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n")
	// Object ids: 1 catalog, 2 pages, 3 info, then 6 per font, then 2 per page.
	fontBase := 4
	pageBase := fontBase + 6*len(d.fonts)
	var kids, fontRes strings.Builder
	for i := range d.pages {
		fmt.Fprintf(&kids, "%d 0 R ", pageBase+2*i)
	}
	for i, f := range d.fonts {
		fmt.Fprintf(&fontRes, "/F%d %d 0 R ", f.id, fontBase+6*i)
	}
	dir := "L2R"
	if d.RTL {
		dir = "R2L"
	}
	w.object(1, "<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /Direction /"+dir+" /DisplayDocTitle true >> >>")
	w.object(2, fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(d.pages), kids.String()))
	w.object(3, fmt.Sprintf("<< /Title %s /Producer (Mahalleh) >>", textString(d.Title)))
	for i, f := range d.fonts {
		d.writeFont(w, f, fontBase+6*i)
	}
	for i, p := range d.pages {
		id := pageBase + 2*i
		w.object(id, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /Font << %s>> >> /Contents %d 0 R >>",
			num2(d.W), num2(d.H), fontRes.String(), id+1))
		w.stream(id+1, "", p.buf.Bytes())
	}
	xref := w.n
	w.printf("xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		w.printf("%010d 00000 n \n", off)
	}
	w.printf("trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, xref)
	return w.n, w.err
}

// writeFont writes a Type0 font (objects id … id+5): the font, its
// CIDFontType2 descendant, the descriptor, the subset file, ToUnicode and
// the CIDToGIDMap.
func (d *Document) writeFont(w *writer, f *Font, id int) {
	name := subsetTag(f) + "+" + f.name
	sf := f.sf
	scale := func(v int16) int { return f.unitsTo1000(int(v)) }
	w.object(id, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		name, id+1, id+4))
	w.object(id+1, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R /DW %d /W %s >>",
		name, id+2, id+5, f.advance1000(0), f.widths()))
	w.object(id+2, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		name, scale(sf.bbox[0]), scale(sf.bbox[1]), scale(sf.bbox[2]), scale(sf.bbox[3]),
		scale(sf.ascent), scale(sf.descent), scale(sf.ascent), id+3))
	file := sf.subset(f.used)
	w.stream(id+3, fmt.Sprintf("/Length1 %d", len(file)), file)
	w.stream(id+4, "", f.toUnicode())
	w.stream(id+5, "", f.cidToGIDMap())
}

// subsetTag is the six capital letters that name a subset (PDF 9.6.4),
// derived from the glyphs it holds so the same document gets the same tag.
func subsetTag(f *Font) string {
	h := uint32(2166136261)
	for g := 0; g < f.sf.numGlyphs; g++ {
		if f.used[uint16(g)] {
			h = (h ^ uint32(g)) * 16777619
		}
	}
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + h%26)
		h /= 26
	}
	return string(tag)
}
