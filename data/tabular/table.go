package tabular

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// Kind is how a column's cells are written.
type Kind int

const (
	Text   Kind = iota // a string, neutralised against formulas
	Number             // an int (or a float64: a median, a mean)
	Date               // a Gregorian date (time.Time): an Excel date in XLSX, YYYY-MM-DD in CSV
	Label              // a string the program made (a Jalali date, a status label): never neutralised
)

// Column is one column of a table: its header key in assets/i18n and kind.
type Column struct {
	Key  string
	Kind Kind
}

// Table is one list ready to be written: the sheet's name and header in the
// export's language, and one row of cells per record. A cell is a string
// (Text, Label), an int (Number) or a time.Time (Date; the zero time is an
// empty cell).
type Table struct {
	List    List
	Sheet   string
	Columns []Column
	Header  []string
	Rows    [][]any
}

func newTable(l string, list List, cols []Column) *Table {
	t := &Table{List: list, Sheet: label(l, "export.sheet."+string(list)), Columns: cols}
	for _, c := range cols {
		t.Header = append(t.Header, label(l, c.Key))
	}
	return t
}

// formulaStarts are the first characters that make Excel and LibreOffice
// read a cell as a formula (=HYPERLINK(...) in a person's notes would run
// when the officer opens the file). Tab and carriage return are on OWASP's
// list too.
const formulaStarts = "=+-@\t\r"

// looksLikeFormula reports whether a text cell would be read as a formula.
func looksLikeFormula(s string) bool {
	return s != "" && strings.ContainsRune(formulaStarts, rune(s[0]))
}

// Neutralise returns s as CSV must hold it: text that would be read as a
// formula gets a leading apostrophe, which a spreadsheet reads as "this is
// text". (XLSX cells are typed strings with the Text number format
// instead, so the text stays exactly as typed there.)
func Neutralise(s string) string {
	if looksLikeFormula(s) {
		return "'" + s
	}
	return s
}

// tehran is where Mahalleh's dates are: a meeting at 01:00 Tehran time is on
// that Tehran day.
var tehran = jalali.Tehran()

// instant reads a stored UTC time; ok is false for "" or garbage.
func instant(s string) (time.Time, bool) {
	t, err := data.ParseTime(s)
	if err != nil {
		return time.Time{}, false
	}
	return t.In(tehran), true
}

// jalaliText is t's Jalali date as the export's language writes it:
// ۱۴۰۴/۰۷/۰۹ in Persian, 1404/07/09 in English.
func jalaliText(l string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := jalali.FromTime(t)
	if lang(l) == English {
		return jalali.FormatShortLatin(d)
	}
	return jalali.FormatShort(d)
}

// clockText is t's Tehran time of day, "14:30" (Persian digits in Persian).
func clockText(l string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	s := t.Format("15:04")
	if lang(l) == Persian {
		s = persian.Digits(s)
	}
	return s
}

// gregorianDay is the civil day of t as a date without time, for the
// Gregorian column (an Excel date holds no time zone).
func gregorianDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dueDay reads a stored due date (YYYY-MM-DD, a Tehran day).
func dueDay(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, tehran)
	if err != nil {
		return time.Time{}
	}
	return t
}

// widths returns each column's width in characters: the longest cell of
// the column (header included, at most maxWidth), so that the columns fit
// what they hold without one long note taking the whole screen.
func (t *Table) widths() []float64 {
	const minWidth, maxWidth = 6, 60
	w := make([]int, len(t.Columns))
	measure := func(j int, s string) {
		n := 0
		for _, line := range strings.Split(s, "\n") {
			n = max(n, utf8.RuneCountInString(line))
		}
		w[j] = max(w[j], n)
	}
	for j, h := range t.Header {
		measure(j, h)
	}
	for _, row := range t.Rows {
		for j, c := range row {
			switch v := c.(type) {
			case string:
				measure(j, v)
			case int:
				measure(j, persian.FormatInt(int64(v)))
			case float64:
				measure(j, strconv.FormatFloat(v, 'f', -1, 64))
			case time.Time:
				measure(j, "2025-01-01")
			}
		}
	}
	out := make([]float64, len(w))
	for j, n := range w {
		out[j] = float64(min(max(n, minWidth), maxWidth)) + 2
	}
	return out
}
