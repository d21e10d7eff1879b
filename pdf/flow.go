package pdf

import "mahalleh/app/bidi"

// Align is where a line sits in its box. Start and end follow the
// document's direction: start is the right edge in Persian.
type Align int

const (
	AlignStart Align = iota
	AlignCenter
	AlignEnd
)

// Flow fills pages from top to bottom, starting a new page when the next
// line or table row does not fit: the layout the printed documents (the
// minutes, the performance report) share. Coordinates are points from the
// page's top-left corner.
type Flow struct {
	Doc         *Document
	Page        *Page
	RTL         bool
	Dir         bidi.Direction
	Left, Right float64 // the text column
	Top, Bottom float64
	Y           float64
	// NewPageHook runs on every page after the first, e.g. to repeat a
	// table's header row.
	NewPageHook func()
}

// Width is the width of the text column.
func (f *Flow) Width() float64 { return f.Right - f.Left }

// NewPage starts a page and moves to its top.
func (f *Flow) NewPage() {
	f.Page = f.Doc.NewPage()
	f.Y = f.Top
}

// Need starts a new page unless h points still fit on this one.
func (f *Flow) Need(h float64) {
	if f.Y+h > f.Bottom && f.Y > f.Top {
		f.NewPage()
		if f.NewPageHook != nil {
			f.NewPageHook()
		}
	}
}

// Lines lays s out in a column of width w.
func (f *Flow) Lines(st Style, s string, w float64) []Line {
	return st.Lines(s, w, f.Dir)
}

// Leading is the distance between two baselines of a style in a flow.
func Leading(st Style) float64 { return st.Height() * 0.92 }

// Place draws lines in the box [x, x+w) from top y, aligned; it returns the
// height used.
func (f *Flow) Place(lines []Line, x, w, y float64, a Align) float64 {
	h := 0.0
	for _, l := range lines {
		f.Page.Text(l, f.LineX(l, x, w, a), y+h+l.Style.Font.Ascent(l.Style.Size)*0.92)
		h += Leading(l.Style)
	}
	return h
}

// LineX is the left end of a line aligned in [x, x+w).
func (f *Flow) LineX(l Line, x, w float64, a Align) float64 {
	switch {
	case a == AlignCenter:
		return x + (w-l.Width)/2
	case (a == AlignStart) == f.RTL:
		return x + w - l.Width
	default:
		return x
	}
}

// Text flows a paragraph across the column, breaking pages between lines;
// indent narrows it on the start side.
func (f *Flow) Text(st Style, s string, a Align, indent float64) {
	x, w := f.Left, f.Width()-indent
	if !f.RTL {
		x += indent
	}
	for _, l := range f.Lines(st, s, w) {
		f.Need(Leading(st))
		f.Y += f.Place([]Line{l}, x, w, f.Y, a)
	}
}

// Gap adds vertical space (nothing at the top of a page).
func (f *Flow) Gap(h float64) {
	if f.Y > f.Top {
		f.Y += h
	}
}

// Column is one column of a table: a fixed width in points, or a share of
// what the fixed columns leave (Weight).
type Column struct {
	Title  string
	Width  float64
	Weight float64
	Align  Align
}

// ColBoxes returns each column's left edge and width, columns in reading
// order (the first is on the right in Persian).
func (f *Flow) ColBoxes(cols []Column) (xs, ws []float64) {
	fixed, weights := 0.0, 0.0
	for _, c := range cols {
		fixed += c.Width
		weights += c.Weight
	}
	rest := max(f.Width()-fixed, 0)
	at := 0.0
	for _, c := range cols {
		w := c.Width
		if c.Weight > 0 {
			w += rest * c.Weight / weights
		}
		x := f.Left + at
		if f.RTL {
			x = f.Right - at - w
		}
		xs, ws = append(xs, x), append(ws, w)
		at += w
	}
	return xs, ws
}

// CellPad is the space between a table cell's border and its text.
const CellPad = 4

// Row draws one table row of cells (texts in column order) at least minH
// tall, moving to a new page first if it does not fit.
func (f *Flow) Row(cols []Column, cells []string, st Style, minH float64, shade bool) {
	xs, ws := f.ColBoxes(cols)
	laid := make([][]Line, len(cols))
	h := minH
	for i := range cols {
		if i < len(cells) {
			laid[i] = f.Lines(st, cells[i], ws[i]-2*CellPad)
		}
		h = max(h, float64(len(laid[i]))*Leading(st)+2*CellPad)
	}
	f.Need(h)
	if shade {
		f.Page.Fill(f.Left, f.Y, f.Width(), h, 0.9)
	}
	for i := range cols {
		top := f.Y + CellPad
		if n := float64(len(laid[i])) * Leading(st); n+2*CellPad < h && shade {
			top = f.Y + (h-n)/2 // header cells are centred vertically
		}
		f.Place(laid[i], xs[i]+CellPad, ws[i]-2*CellPad, top, cols[i].Align)
		f.Page.Box(xs[i], f.Y, ws[i], h, 0.6, 0)
	}
	f.Y += h
}

// Table draws a header row and the rows, repeating the header on every
// page the table continues on.
func (f *Flow) Table(cols []Column, rows [][]string, head, body Style, minH float64) {
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.Title
	}
	headCols := make([]Column, len(cols))
	for i, c := range cols {
		c.Align = AlignCenter
		headCols[i] = c
	}
	header := func() { f.Row(headCols, titles, head, 0, true) }
	f.Need(Leading(head) + 2*CellPad + minH) // no header alone at a page's foot
	header()
	saved := f.NewPageHook
	f.NewPageHook = func() {
		if saved != nil {
			saved()
		}
		header()
	}
	for _, r := range rows {
		f.Row(cols, r, body, minH, false)
	}
	f.NewPageHook = saved
}
