package minutes

import (
	"mahalleh/app/bidi"
	"mahalleh/pdf"
)

// align is where a line sits in its box. Start and end follow the
// document's direction: start is the right edge in Persian.
type align int

const (
	alignStart align = iota
	alignCenter
	alignEnd
)

// flow fills pages from top to bottom, starting a new page when the next
// line or table row does not fit. Coordinates are points from the page's
// top-left corner.
type flow struct {
	doc         *pdf.Document
	page        *pdf.Page
	rtl         bool
	dir         bidi.Direction
	left, right float64 // the text column
	top, bottom float64
	y           float64
	// newPageHook runs on every page after the first, e.g. to repeat a
	// table's header row.
	newPageHook func()
}

func (f *flow) width() float64 { return f.right - f.left }

func (f *flow) newPage() {
	f.page = f.doc.NewPage()
	f.y = f.top
}

// need starts a new page unless h points still fit on this one.
func (f *flow) need(h float64) {
	if f.y+h > f.bottom && f.y > f.top {
		f.newPage()
		if f.newPageHook != nil {
			f.newPageHook()
		}
	}
}

// lines lays s out in a column of width w.
func (f *flow) lines(st pdf.Style, s string, w float64) []pdf.Line {
	return st.Lines(s, w, f.dir)
}

// leading is the distance between two baselines of a style.
func leading(st pdf.Style) float64 { return st.Height() * 0.92 }

// place draws lines in the box [x, x+w) from top y, aligned; it returns the
// height used.
func (f *flow) place(lines []pdf.Line, x, w, y float64, a align) float64 {
	h := 0.0
	for _, l := range lines {
		f.page.Text(l, f.lineX(l, x, w, a), y+h+l.Style.Font.Ascent(l.Style.Size)*0.92)
		h += leading(l.Style)
	}
	return h
}

// lineX is the left end of a line aligned in [x, x+w).
func (f *flow) lineX(l pdf.Line, x, w float64, a align) float64 {
	switch {
	case a == alignCenter:
		return x + (w-l.Width)/2
	case (a == alignStart) == f.rtl:
		return x + w - l.Width
	default:
		return x
	}
}

// text flows a paragraph across the column, breaking pages between lines;
// indent narrows it on the start side.
func (f *flow) text(st pdf.Style, s string, a align, indent float64) {
	x, w := f.left, f.width()-indent
	if !f.rtl {
		x += indent
	}
	for _, l := range f.lines(st, s, w) {
		f.need(leading(st))
		f.y += f.place([]pdf.Line{l}, x, w, f.y, a)
	}
}

// gap adds vertical space (nothing at the top of a page).
func (f *flow) gap(h float64) {
	if f.y > f.top {
		f.y += h
	}
}

// column is one column of a table: a fixed width in points, or a share of
// what the fixed columns leave (weight).
type column struct {
	title  string
	width  float64
	weight float64
	align  align
}

// colBoxes returns each column's left edge and width, columns in reading
// order (the first is on the right in Persian).
func (f *flow) colBoxes(cols []column) (xs, ws []float64) {
	fixed, weights := 0.0, 0.0
	for _, c := range cols {
		fixed += c.width
		weights += c.weight
	}
	rest := max(f.width()-fixed, 0)
	at := 0.0
	for _, c := range cols {
		w := c.width
		if c.weight > 0 {
			w += rest * c.weight / weights
		}
		x := f.left + at
		if f.rtl {
			x = f.right - at - w
		}
		xs, ws = append(xs, x), append(ws, w)
		at += w
	}
	return xs, ws
}

const cellPad = 4

// row draws one table row of cells (texts in column order) at least minH
// tall, moving to a new page first if it does not fit.
func (f *flow) row(cols []column, cells []string, st pdf.Style, minH float64, shade bool) {
	xs, ws := f.colBoxes(cols)
	laid := make([][]pdf.Line, len(cols))
	h := minH
	for i := range cols {
		if i < len(cells) {
			laid[i] = f.lines(st, cells[i], ws[i]-2*cellPad)
		}
		h = max(h, float64(len(laid[i]))*leading(st)+2*cellPad)
	}
	f.need(h)
	if shade {
		f.page.Fill(f.left, f.y, f.width(), h, 0.9)
	}
	for i := range cols {
		top := f.y + cellPad
		if n := float64(len(laid[i])) * leading(st); n+2*cellPad < h && shade {
			top = f.y + (h-n)/2 // header cells are centred vertically
		}
		f.place(laid[i], xs[i]+cellPad, ws[i]-2*cellPad, top, cols[i].align)
		f.page.Box(xs[i], f.y, ws[i], h, 0.6, 0)
	}
	f.y += h
}

// table draws a header row and the rows, repeating the header on every
// page the table continues on.
func (f *flow) table(cols []column, rows [][]string, head, body pdf.Style, minH float64) {
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	headCols := make([]column, len(cols))
	for i, c := range cols {
		c.align = alignCenter
		headCols[i] = c
	}
	header := func() { f.row(headCols, titles, head, 0, true) }
	f.need(leading(head) + 2*cellPad + minH) // no header alone at a page's foot
	header()
	saved := f.newPageHook
	f.newPageHook = func() {
		if saved != nil {
			saved()
		}
		header()
	}
	for _, r := range rows {
		f.row(cols, r, body, minH, false)
	}
	f.newPageHook = saved
}
