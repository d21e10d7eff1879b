// Package reportfile writes a performance report (data/report) as a file
// an office sends up the line: an XLSX workbook through data/tabular's
// writer (right-to-left sheets, Persian headers, a frozen header row,
// fitted columns), or a print-ready A4 PDF through package pdf, laid out
// like the minutes, with bar charts by department and a trend by month.
// The desktop command line, the reports screen and HQ's command line all
// write through it. It has no Fyne in it.
package reportfile

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/report"
	"mahalleh/data/tabular"
)

// Doc is a report with what its file says about it.
type Doc struct {
	Report *report.Report
	Lang   string // "fa" (the default) or "en"
	// Scope names what the report covers ("District 14", "Neighbourhood
	// Pirouzi"); empty: made from the report's scope.
	Scope string
	Made  time.Time // when the file is made; the zero time: now
}

// Format is the kind of file a path asks for, from its extension.
type Format string

const (
	XLSX Format = "xlsx"
	PDF  Format = "pdf"
)

// FormatOf returns the format a path's extension names, or "".
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		return XLSX
	case ".pdf":
		return PDF
	}
	return ""
}

// BadExtension is the error of a path that is neither .xlsx nor .pdf.
func BadExtension(path string) error {
	return &data.Error{Op: "report", Code: data.ErrInvalid,
		Msg:   tabular.Translate("en", "report.file.bad_ext") + " (" + path + ")",
		MsgFa: tabular.Translate("fa", "report.file.bad_ext") + " («" + path + "»)"}
}

// Save writes d to path as the extension says (.xlsx or .pdf). An existing
// file is kept unless force (tabular.IsExists tells that error); the file
// is written under a temporary name and put in place whole.
func Save(path string, d Doc, force bool) error {
	f := FormatOf(path)
	if f == "" {
		return BadExtension(path)
	}
	if err := tabular.CheckNew(path, force); err != nil {
		return err
	}
	return tabular.WriteFile(path, force, func(w io.Writer) error { return Write(w, f, d) })
}

// Write writes d to w in format f.
func Write(w io.Writer, f Format, d Doc) error {
	if f == PDF {
		return WritePDF(w, d)
	}
	return WriteXLSX(w, d)
}

// words are the document's texts in its language.
type words struct{ lang string }

func (d Doc) words() words {
	if d.Lang == "en" {
		return words{"en"}
	}
	return words{"fa"}
}

// t is the text of key with its {{.X}} fields filled from pairs of name
// and value.
func (w words) t(key string, kv ...string) string {
	s := tabular.Translate(w.lang, key)
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{{."+kv[i]+"}}", kv[i+1])
	}
	return s
}

func (w words) value(prefix, v string) string { return tabular.ValueLabel(w.lang, prefix, v) }

// num writes a generated number in the document's digits.
func (w words) num(n int) string {
	if w.lang == "fa" {
		return persian.FormatInt(int64(n))
	}
	return strconv.Itoa(n)
}

// dec writes a median (one decimal at most) in the document's digits and
// decimal mark.
func (w words) dec(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if w.lang == "fa" {
		return persian.Digits(strings.ReplaceAll(s, ".", "٫"))
	}
	return s
}

func (w words) fa() bool { return w.lang == "fa" }

func (w words) period(p jalali.Period) string {
	if w.fa() {
		return p.Name()
	}
	return p.NameEnglish()
}

func (w words) month(m report.Month) string {
	if w.fa() {
		return jalali.MonthName(m.Month) + " " + persian.Digits(strconv.Itoa(m.Year))
	}
	return jalali.MonthNameEnglish(m.Month) + " " + strconv.Itoa(m.Year)
}

func (w words) date(t time.Time) string {
	d := jalali.FromTime(t.In(jalali.Tehran()))
	if w.fa() {
		return jalali.FormatLong(d)
	}
	return jalali.FormatLongEnglish(d)
}

func (w words) dept(fa, en string) string {
	if !w.fa() && en != "" {
		return en
	}
	return fa
}

func (w words) district(id int, fa, en string) string {
	if fa == "" {
		return w.t("report.file.scope.district", "N", w.num(id))
	}
	return w.dept(fa, en)
}

// scope names what d covers.
func (d Doc) scope(w words) string {
	if d.Scope != "" {
		return d.Scope
	}
	sc := d.Report.Scope
	switch {
	case sc.District == 0:
		return w.t("report.file.scope.all")
	default:
		return w.t("report.file.scope.district", "N", w.num(sc.District))
	}
}

func (d Doc) made() time.Time {
	if d.Made.IsZero() {
		return time.Now()
	}
	return d.Made
}

// progressAverage is the mean progress of the projects, rounded.
func progressAverage(r *report.Report) int {
	if len(r.Projects) == 0 {
		return 0
	}
	sum := 0
	for _, p := range r.Projects {
		sum += p.Progress
	}
	return (sum + len(r.Projects)/2) / len(r.Projects)
}

// concernsTotal is the number of concerns raised in the period.
func concernsTotal(r *report.Report) int {
	n := 0
	for _, v := range r.Concerns {
		n += v
	}
	return n
}
