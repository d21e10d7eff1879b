package reportfile

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/report"
	"mahalleh/data/tabular"
	"mahalleh/internal/reporttest"
)

// fixtureReport is district 14's report of Mehr 1404 over the records of
// internal/reporttest, whose figures that package counted by hand.
func fixtureReport(t *testing.T) *report.Report {
	t.Helper()
	return fixtureReportOf(t, report.Scope{District: 14}, reporttest.Period)
}

func fixtureReportOf(t *testing.T, sc report.Scope, p jalali.Period) *report.Report {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	reporttest.Fill(t, s)
	r, err := report.Compute(context.Background(), s, sc, p, reporttest.Today)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sheetRows reads a sheet back as a map from its first column to the row
// as header → cell, after checking it is right to left with its header
// row frozen.
func sheetRows(t *testing.T, wb *excelize.File, sheet string, rtl bool) map[string]map[string]string {
	t.Helper()
	view, err := wb.GetSheetView(sheet, -1)
	if err != nil || view.RightToLeft == nil || *view.RightToLeft != rtl {
		t.Errorf("%s: right to left should be %v: %+v %v", sheet, rtl, view, err)
	}
	panes, err := wb.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("%s: the header row is not frozen: %+v %v", sheet, panes, err)
	}
	rows, err := wb.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v, %d rows", sheet, err, len(rows))
	}
	out := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for j, h := range rows[0] {
			if j < len(r) {
				m[h] = r[j]
			}
		}
		out[r[0]] = m
	}
	return out
}

func TestXLSXPersian(t *testing.T) {
	r := fixtureReport(t)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	if err := Save(out, Doc{Report: r, Lang: "fa", Scope: "منطقه ۱۴"}, false); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	want := []string{"خلاصه", "نشست‌ها بر پایه نوع", "ماه به ماه", "حوزه‌ها", "پروژه‌ها"}
	if got := wb.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	w := reporttest.Want
	sum := sheetRows(t, wb, "خلاصه", true)
	for label, n := range map[string]int{"نشست‌های برگزارشده": w.Meetings, "مطالبات مطرح‌شده": w.Concerns,
		"اقدامات تعریف‌شده": 6, "اقدامات انجام‌شده": 3, "اقدامات گذشته از مهلت": 1, "پروژه‌های اولویت‌دار": len(w.Projects),
		"میانه روزهای انجام": int(w.MedianDays)} {
		if got := sum[label]["مقدار"]; got != strconv.Itoa(n) {
			t.Errorf("summary %s: %q, want %d", label, got, n)
		}
	}
	if got := sum["گزارش عملکرد"]["مقدار"]; got != "مهر ۱۴۰۴" {
		t.Errorf("summary period %q", got)
	}
	kinds := sheetRows(t, wb, "نشست‌ها بر پایه نوع", true)
	for k, n := range w.Kinds {
		label := tabular.ValueLabel("fa", "kind", k)
		if got := kinds[label]["نشست‌های برگزارشده"]; got != strconv.Itoa(n) {
			t.Errorf("meetings of kind %s: %q, want %d", label, got, n)
		}
	}
	if len(kinds) != len(w.Kinds) {
		t.Errorf("%d kinds, want %d: %v", len(kinds), len(w.Kinds), kinds)
	}
	depts := sheetRows(t, wb, "حوزه‌ها", true)
	if len(depts) != len(w.Depts) {
		t.Errorf("%d departments, want %d: %v", len(depts), len(w.Depts), depts)
	}
	for _, d := range w.Depts {
		row := depts[d.NameFa]
		if row == nil {
			t.Errorf("no row for %s", d.NameFa)
			continue
		}
		cells := map[string]int{"اقدامات تعریف‌شده": d.Opened, "اقدامات انجام‌شده": d.Done, "اقدامات گذشته از مهلت": d.Overdue,
			"اقدامات باز در مهلت": d.Open, "اقدامات لغوشده": d.Cancelled}
		for st, label := range map[string]string{"open": "باز", "in_progress": "در دست پیگیری", "resolved": "رفع شده", "rejected": "رد شده"} {
			cells["مطالبات "+label] = d.Concerns[st]
		}
		for h, n := range cells {
			if row[h] != strconv.Itoa(n) {
				t.Errorf("%s, %s: %q, want %d", d.NameFa, h, row[h], n)
			}
		}
		if d.Done > 0 && row["میانه روزهای انجام"] != strconv.FormatFloat(d.Median, 'f', -1, 64) {
			t.Errorf("%s: median %q, want %v", d.NameFa, row["میانه روزهای انجام"], d.Median)
		}
	}
	projects := sheetRows(t, wb, "پروژه‌ها", true)
	if len(projects) != len(w.Projects) {
		t.Errorf("projects %v, want %v", projects, w.Projects)
	}
	for title, p := range w.Projects {
		if got := projects[title]["پیشرفت (درصد)"]; got != strconv.Itoa(p) {
			t.Errorf("project %s: progress %q, want %d", title, got, p)
		}
	}
	months := sheetRows(t, wb, "ماه به ماه", true)
	if m := months["مهر ۱۴۰۴"]; len(months) != 1 || m["نشست‌های برگزارشده"] != "6" || m["مطالبات مطرح‌شده"] != "6" || m["اقدامات تعریف‌شده"] != "6" {
		t.Errorf("months %v", months)
	}
}

func TestXLSXEnglishLeftToRight(t *testing.T) {
	r := fixtureReport(t)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	if err := Save(out, Doc{Report: r, Lang: "en"}, false); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	depts := sheetRows(t, wb, "Departments", false)
	if got := depts["Civil works"]["Action items overdue"]; got != "1" {
		t.Errorf("civil works overdue %q (%v)", got, depts)
	}
	if got := sheetRows(t, wb, "Summary", false)["Performance report"]["Value"]; got != "Mehr 1404" {
		t.Errorf("period %q", got)
	}
}

// TestSaveNeverOverwrites: an existing file stays unless force; a path
// that is neither .xlsx nor .pdf is refused before anything is written.
func TestSaveNeverOverwrites(t *testing.T) {
	r := fixtureReport(t)
	dir := t.TempDir()
	for _, name := range []string{"r.xlsx", "r.pdf"} {
		out := filepath.Join(dir, name)
		if err := os.WriteFile(out, []byte("yesterday's report"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Save(out, Doc{Report: r}, false); !tabular.IsExists(err) {
			t.Errorf("%s: %v, want the exists error", name, err)
		}
		if b, _ := os.ReadFile(out); string(b) != "yesterday's report" {
			t.Errorf("%s was overwritten", name)
		}
		if err := Save(out, Doc{Report: r}, true); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(out); string(b) == "yesterday's report" {
			t.Errorf("%s was not replaced with --force", name)
		}
	}
	if err := Save(filepath.Join(dir, "r.docx"), Doc{Report: r}, false); err == nil {
		t.Error("a .docx report was accepted")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 2 {
		t.Errorf("files left: %v", left)
	}
}
