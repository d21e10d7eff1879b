package tabular

import (
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// textFormat is Excel's built-in number format 49, "@" (Text): a cell so
// formatted stays text even when someone edits it and presses Enter, so
// «=HYPERLINK(…)» typed in a person's notes can never become a formula,
// and the text is kept exactly as typed (no apostrophe shown).
const textFormat = 49

// WriteXLSX writes one sheet per table into a workbook: right to left when
// the export is Persian, the header row bold and frozen, the columns as
// wide as what they hold, dates as real Excel dates.
func WriteXLSX(w io.Writer, l string, tables ...*Table) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := sheetName(t.Sheet)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, lang(l) == Persian, st, t); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

type styles struct{ header, text, date int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"}}); err != nil {
		return s, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: textFormat}); err != nil {
		return s, err
	}
	yyyymmdd := "yyyy-mm-dd"
	s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &yyyymmdd})
	return s, err
}

// sheetName makes a sheet name Excel accepts: at most 31 characters and
// none of : \ / ? * [ ].
func sheetName(s string) string {
	r := []rune(s)
	for i, c := range r {
		switch c {
		case ':', '\\', '/', '?', '*', '[', ']':
			r[i] = '-'
		}
	}
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}

func writeSheet(f *excelize.File, name string, rtl bool, st styles, t *Table) error {
	if err := f.SetSheetView(name, -1, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for j, w := range t.widths() {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for j, h := range t.Header {
		head[j] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	vals := make([]any, len(t.Columns))
	for i, row := range t.Rows {
		for j, c := range row {
			vals[j] = xlsxCell(st, t.Columns[j].Kind, c)
		}
		addr, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(addr, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func xlsxCell(st styles, k Kind, c any) any {
	switch v := c.(type) {
	case string:
		if k == Text {
			return excelize.Cell{StyleID: st.text, Value: v}
		}
		return v
	case time.Time:
		if v.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: st.date, Value: v}
	}
	return c
}
