package gui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/data/persian"
	"mahalleh/data/report"
	"mahalleh/reportfile"
)

// The reports screen's "Export to Excel" writes the report shown, as the
// command line's `mahalleh report` does, to a workbook the officer names;
// "Print (PDF)" writes the A4 report and opens it in the system's viewer,
// like the minutes.

func (r *reportsPage) buttons() fyne.CanvasObject {
	r.excel = widget.NewButtonWithIcon(i18n.T("report.export_excel"), theme.DocumentSaveIcon(), r.chooseExcel)
	r.print = widget.NewButtonWithIcon(i18n.T("report.export_pdf"), theme.DocumentPrintIcon(), r.printPDF)
	return atStart(r.excel, r.print)
}

func (r *reportsPage) chooseExcel() {
	if r.rep == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		r.saveTo(path, false)
	}, r.sh.win)
	d.SetFileName("report-" + periodFileName(r.rep) + ".xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// printPDF writes the report's PDF to the temporary folder (the app's own
// file, made to be printed) and opens it.
func (r *reportsPage) printPDF() {
	if r.rep == nil {
		return
	}
	dir := filepath.Join(os.TempDir(), "mahalleh-reports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		r.done(i18n.T("report.failed", map[string]string{"Err": err.Error()}))
		return
	}
	r.saveTo(filepath.Join(dir, "report-"+periodFileName(r.rep)+".pdf"), true)
}

// saveTo writes the report shown to path (the save dialog asked before
// replacing a file; the PDF is the app's own); open shows it after.
func (r *reportsPage) saveTo(path string, open bool) {
	doc := reportfile.Doc{Report: r.rep, Lang: i18n.Language(), Scope: r.scopeName(), Made: r.sh.now()}
	r.sh.background(func() {
		err := reportfile.Save(path, doc, true)
		if err != nil {
			removeIfEmpty(path)
		}
		onUI(func() {
			if err != nil {
				r.done(i18n.T("report.failed", map[string]string{"Err": errText(err)}))
				return
			}
			r.done(i18n.T("report.saved", map[string]string{"Path": path}))
			if open && r.sh.app != nil {
				_ = r.sh.app.OpenURL(fileURL(path))
			}
		})
	})
}

func (r *reportsPage) done(msg string) {
	r.result = msg
	r.sh.say(msg)
}

// scopeName is the office's district as the report's title says it.
func (r *reportsPage) scopeName() string {
	n := strconv.Itoa(r.rep.Scope.District)
	if r.rep.Scope.District == 0 {
		return ""
	}
	if i18n.Language() == i18n.Persian {
		n = persian.Digits(n)
	}
	return i18n.T("report.file.scope.district", map[string]string{"N": n})
}

// periodFileName is 1404, 1404-07 or 1404-Q3: the period as --period takes it.
func periodFileName(rep *report.Report) string {
	p := rep.Period
	y := strconv.Itoa(p.Start.Year)
	switch {
	case p.Start.Month == 1 && p.End.Month == 12:
		return y
	case p.Start.Month == p.End.Month:
		return y + "-" + twoDigits(p.Start.Month)
	}
	return y + "-Q" + strconv.Itoa((p.Start.Month+2)/3)
}

func twoDigits(n int) string { return strings.TrimPrefix(strconv.Itoa(100+n), "1") }
