package tabular

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// BOM is the byte order mark a CSV export starts with: without it Excel on
// Windows reads UTF-8 as the ANSI code page and shows Persian as mojibake.
const BOM = "\ufeff"

// WriteCSV writes t as CSV in UTF-8 with a byte order mark: the header row,
// then one line per record. Text that a spreadsheet would read as a
// formula is neutralised (Neutralise); dates are YYYY-MM-DD.
func WriteCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	line := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for j, c := range row {
			line[j] = csvCell(t.Columns[j].Kind, c)
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvCell(k Kind, c any) string {
	switch v := c.(type) {
	case string:
		if k == Text {
			return Neutralise(v)
		}
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.Format("2006-01-02")
	}
	return ""
}
