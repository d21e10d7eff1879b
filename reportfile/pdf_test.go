package reportfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/report"
	"mahalleh/data/tabular"
	"mahalleh/internal/reporttest"
	"mahalleh/pdf/pdftest"
)

var keepPDF = os.Getenv("MAHALLEH_KEEP_REPORT_PDF") // a folder: the test leaves its PDFs and page images there to look at

func writePDF(t *testing.T, r *report.Report, name, lang string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".pdf")
	if keepPDF != "" {
		out = filepath.Join(keepPDF, name+".pdf")
		os.Remove(out)
	}
	if err := Save(out, Doc{Report: r, Lang: lang}, false); err != nil {
		t.Fatal(err)
	}
	if keepPDF != "" {
		for i, p := range pdftest.Render(t, out, 80, 0, 0) {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(keepPDF, name+"-"+strconv.Itoa(i+1)+".png"), b, 0o644)
		}
	}
	return out
}

// TestPDFPersianText reads the printed report back with pdftotext: every
// department's name, and each of its figures on the line of its name in
// the departments' tables, in Persian digits, in logical order.
func TestPDFPersianText(t *testing.T) {
	out := writePDF(t, fixtureReport(t), "report-fa", "fa")
	pages := pdftest.Text(t, out)
	all := strings.Join(pages, "\n")
	for _, want := range []string{"گزارش عملکرد", "مهر ۱۴۰۴", "منطقه ۱۴", "نشست‌های برگزارشده"} {
		if !strings.Contains(pdftest.Squash(all), pdftest.Squash(want)) {
			t.Errorf("%q is not in the report's text", want)
		}
	}
	squashed := pdftest.Squash(all)
	n := func(v int) string { return persian.FormatInt(int64(v)) }
	for _, d := range reporttest.Want.Depts {
		if !strings.Contains(squashed, pdftest.Squash(d.NameFa)) {
			t.Errorf("%s is not in the report", d.NameFa)
		}
		// The concerns' row: open, in progress, resolved, rejected, all.
		c := d.Concerns
		row := d.NameFa + n(c["open"]) + n(c["in_progress"]) + n(c["resolved"]) + n(c["rejected"]) +
			n(c["open"]+c["in_progress"]+c["resolved"]+c["rejected"])
		if !strings.Contains(squashed, pdftest.Squash(row)) {
			t.Errorf("the concerns' row %q is not in the report", row)
		}
		median := "—"
		if d.Done > 0 {
			median = n(int(d.Median))
		}
		row = d.NameFa + n(d.Opened) + n(d.Done) + n(d.Overdue) + n(d.Open) + n(d.Cancelled) + median
		if !strings.Contains(squashed, pdftest.Squash(row)) {
			t.Errorf("the action items' row %q is not in the report", row)
		}
	}
	for title, p := range reporttest.Want.Projects {
		if !strings.Contains(squashed, pdftest.Squash(title)) || !strings.Contains(squashed, n(p)) {
			t.Errorf("project %s (%d%%) is not in the report", title, p)
		}
	}
	for k, v := range reporttest.Want.Kinds {
		if row := tabular.ValueLabel("fa", "kind", k) + n(v); !strings.Contains(squashed, pdftest.Squash(row)) {
			t.Errorf("meetings of kind %q are not in the report", row)
		}
	}
	if len(pages) != 2 {
		t.Errorf("%d pages; the fixture's report fits two", len(pages))
	}
}

// TestPDFEnglishSeason prints autumn 1404 in English: left to right, the
// departments' English names with their rows, and the trend chart's three
// months under their columns.
func TestPDFEnglishSeason(t *testing.T) {
	r := fixtureReportOf(t, report.Scope{District: 14}, jalali.Season(1404, 3))
	if len(r.Months) != 3 || r.Months[1].Meetings != 1 {
		t.Fatalf("months %+v: Aban should hold one meeting", r.Months)
	}
	all := strings.Join(pdftest.Text(t, writePDF(t, r, "report-en-autumn", "en")), "\n")
	squashed := pdftest.Squash(all)
	for _, want := range []string{"Performance report", "Autumn 1404", "District 14", "Mehr", "Aban", "Azar", "Trend by month"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q is not in the report", want)
		}
	}
	for _, d := range reporttest.Want.Depts {
		if !strings.Contains(all, d.NameEn) {
			t.Errorf("%s is not in the report", d.NameEn)
		}
	}
	// Civil works in autumn: Mehr's three and the one of Shahrivar's
	// meeting are not in it, so the row is Mehr's: 3 opened, 2 done, 1
	// overdue, 0 open, 0 cancelled, median 7.
	// The months' table: Mehr's 6 meetings, 6 concerns, 6 action items;
	// Aban's council meeting and open concern.
	for _, row := range []string{"Mehr1404666", "Aban1404110", "Azar1404000"} {
		if !strings.Contains(squashed, row) {
			t.Errorf("the month row %q is not in the report", row)
		}
	}
	if row := "Civilworks321007"; !strings.Contains(squashed, row) {
		t.Errorf("the civil works row %q is not in the report:\n%s", row, all)
	}
}
