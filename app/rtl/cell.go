package rtl

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// NewCell returns a Label for widget.List and widget.Table templates
// (CreateItem / CreateCell). It truncates with an ellipsis so that long
// values never push a column wider; update it with SetCell in
// UpdateItem / UpdateCell. The label keeps its layout while the text is
// unchanged, so scrolling re-lays out only the rows whose text changed.
func NewCell() *Label {
	l := NewLabel("")
	l.Truncate = true
	return l
}

// SetCell sets the text of a cell made by NewCell (a no-op when o is
// some other object).
func SetCell(o fyne.CanvasObject, text string) {
	if l, ok := o.(*Label); ok {
		l.SetText(text)
	}
}

// MirroredTable is a widget.Table whose columns are mirrored in a
// Persian UI: logical column 0 is drawn rightmost. The callbacks receive
// logical column indexes, so a screen is written once.
type MirroredTable struct {
	*widget.Table
	cols int
}

// NewMirroredTable builds a table of rows×cols text cells: text returns
// the cell at a logical column. Headers and column widths can be set on
// the embedded Table (use Column to map a logical column to a visual one).
func NewMirroredTable(rows func() int, cols int, text func(row, col int) string) *MirroredTable {
	t := &MirroredTable{cols: cols}
	t.Table = widget.NewTable(
		func() (int, int) { return rows(), cols },
		func() fyne.CanvasObject { return NewCell() },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			SetCell(o, text(id.Row, Column(id.Col, cols)))
		})
	return t
}

// SetColumnWidth sets the width of a logical column.
func (t *MirroredTable) SetColumnWidth(col int, width float32) {
	t.Table.SetColumnWidth(Column(col, t.cols), width)
}
