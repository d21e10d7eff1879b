package gui

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"mahalleh/app/i18n"
	"mahalleh/data"
	"mahalleh/data/tabular"
	"mahalleh/pdf/pdftest"
)

// followWork adds concerns, action items and projects of two departments to
// a test store: what the export tests compare the written files with.
func followWork(t *testing.T, s *data.Store, wd world) {
	t.Helper()
	civil, green := data.BuiltinDepartments[0].ID, data.BuiltinDepartments[2].ID
	hood := wd.nbh["پیروزی"]
	err := s.Write(context.Background(), "test", func(w *data.Writer) error {
		for _, c := range []data.Concern{
			{Title: "آب‌گرفتگی کوچه", DepartmentID: &civil, Status: "open", Priority: "high"},
			{Title: "هرس درختان پارک", DepartmentID: &green, Status: "open", Priority: "normal"},
			{Title: "=HYPERLINK(\"x\")", DepartmentID: &civil, Status: "in_progress", Priority: "low"},
			{Title: "ترمیم آسفالت", DepartmentID: &civil, Status: "resolved", Priority: "low"}, // not active: not on the screen
		} {
			c.District, c.NeighbourhoodID = 14, &hood
			if err := w.Put("concerns", &c); err != nil {
				return err
			}
		}
		for _, a := range []data.ActionItem{
			{Title: "لایروبی جوی", DepartmentID: &civil, Status: "open", DueDate: "2025-10-20", ResponsibleName: "مسئول عمرانی"},
			{Title: "کاشت نهال", DepartmentID: &green, Status: "done", DueDate: "2025-09-20"},
		} {
			a.District, a.NeighbourhoodID = 14, &hood
			if err := w.Put("action_items", &a); err != nil {
				return err
			}
		}
		pr := data.Project{Title: "بازسازی بوستان", DepartmentID: &green, Status: "in_progress", Progress: 45}
		pr.District, pr.NeighbourhoodID = 14, &hood
		return w.Put("projects", &pr)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readBook reads the one sheet of an exported workbook, header first.
func readBook(t *testing.T, path string) (string, [][]string) {
	t.Helper()
	wb, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("%s has sheets %v, want one", path, sheets)
	}
	rows, err := wb.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	return sheets[0], rows
}

// column returns the cells under a header.
func column(t *testing.T, rows [][]string, header string) []string {
	t.Helper()
	j := slices.Index(rows[0], header)
	if j < 0 {
		t.Fatalf("no column %q in %v", header, rows[0])
	}
	var out []string
	for _, r := range rows[1:] {
		if j < len(r) {
			out = append(out, r[j])
		} else {
			out = append(out, "")
		}
	}
	return out
}

// saveAs answers the save dialog of an exporter with path, as Fyne's
// dialog does: it makes the file and hands over a writer.
func saveAs(t *testing.T, x *exporter, path string, f tabular.Format) {
	t.Helper()
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	x.saved(f)(w, nil)
}

// Each list screen's Export writes that list, with the screen's filters, to
// the file the save dialog named; the rows are what the test put in the
// store.
func TestExportEachList(t *testing.T) {
	s, wd := testStore(t, "", true)
	followWork(t, s, wd)
	sh, w := testShell(t, s, i18n.Persian)
	dir := t.TempDir()

	list := onMeetings(sh)
	path := filepath.Join(dir, "meetings.xlsx")
	saveAs(t, list.export, path, tabular.XLSX)
	sheet, rows := readBook(t, path)
	if sheet != "نشست‌ها" || len(rows) != 4 {
		t.Fatalf("meetings: sheet %q, %d rows: %v", sheet, len(rows), rows)
	}
	titles := column(t, rows, "عنوان")
	for _, want := range []string{"نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09", "بازدید میدانی از پارک لاله (Laleh Park)", "جلسه شورایاری درباره حاشیه‌های خیابان"} {
		if !slices.Contains(titles, want) {
			t.Errorf("meeting %q is not in the export %v", want, titles)
		}
	}
	if !strings.Contains(list.export.result, path) || !strings.Contains(list.export.result, "۳") {
		t.Errorf("after the export the message is %q", list.export.result)
	}
	if list.export.progress == nil || !list.export.progress.closed {
		t.Error("the progress dialog did not come and go")
	}
	list.kind.set("elders")
	path = filepath.Join(dir, "elders.csv")
	saveAs(t, list.export, path, tabular.CSV)
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), tabular.BOM) {
		t.Fatalf("the CSV does not start with the byte order mark: %v %q", err, b[:min(len(b), 10)])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), tabular.BOM))).ReadAll()
	if err != nil || len(recs) != 2 || !slices.Contains(recs[1], "بازدید میدانی از پارک لاله (Laleh Park)") {
		t.Errorf("the filtered CSV holds %v (%v), want only the elders' meeting", recs, err)
	}

	sh.openSection("people")
	people := sh.current().(*peoplePage)
	path = filepath.Join(dir, "people.xlsx")
	saveAs(t, people.export, path, tabular.XLSX)
	_, rows = readBook(t, path)
	var want []string
	for name := range wd.people {
		want = append(want, name)
	}
	names := column(t, rows, "نام و نام خانوادگی")
	slices.Sort(want)
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("people exported %v, the register holds %v", names, want)
	}

	sh.openSection("concerns")
	concerns := sh.current().(*concernsPage)
	concerns.dept.set(data.BuiltinDepartments[0].ID)
	path = filepath.Join(dir, "concerns.xlsx")
	saveAs(t, concerns.export, path, tabular.XLSX)
	_, rows = readBook(t, path)
	got := column(t, rows, "عنوان")
	slices.Sort(got)
	if want := []string{"=HYPERLINK(\"x\")", "آب‌گرفتگی کوچه"}; !slices.Equal(got, want) {
		t.Errorf("civil works' concerns exported %v, want %v", got, want)
	}
	if depts := column(t, rows, "حوزه"); depts[0] != "عمرانی" || depts[1] != "عمرانی" {
		t.Errorf("departments %v", depts)
	}

	sh.openSection("actions") // opens on the active ones
	actions := sh.current().(*actionsPage)
	path = filepath.Join(dir, "actions.xlsx")
	saveAs(t, actions.export, path, tabular.XLSX)
	_, rows = readBook(t, path)
	if got := column(t, rows, "عنوان"); !slices.Equal(got, []string{"لایروبی جوی"}) {
		t.Errorf("active action items exported %v, want the open one only", got)
	}
	if got := column(t, rows, "مسئول"); got[0] != "مسئول عمرانی" {
		t.Errorf("responsible %v", got)
	}

	sh.openSection("projects")
	projects := sh.current().(*projectsPage)
	path = filepath.Join(dir, "projects.xlsx")
	saveAs(t, projects.export, path, tabular.XLSX)
	_, rows = readBook(t, path)
	if got := column(t, rows, "پیشرفت (درصد)"); len(rows) != 2 || got[0] != "45" || column(t, rows, "عنوان")[0] != "بازسازی بوستان" {
		t.Errorf("projects exported %v", rows)
	}
	_ = w
}

// A meetings filter with a bad date exports nothing, says why, and leaves
// no empty file where the save dialog made one.
func TestExportBadFilterLeavesNoFile(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.English)
	list := onMeetings(sh)
	test.Type(list.from.entry, "1404/13/40")
	path := filepath.Join(t.TempDir(), "m.xlsx")
	saveAs(t, list.export, path, tabular.XLSX)
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused export left a file")
	}
	if list.export.result != i18n.T("export.bad_filter") {
		t.Errorf("message %q", list.export.result)
	}
}

// The reports screen's "Export to Excel" writes the report shown: the
// meetings of the year by kind are the test store's three.
func TestReportsExportToExcel(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("reports")
	r := sh.current().(*reportsPage)
	path := filepath.Join(t.TempDir(), "report.xlsx")
	r.saveTo(path, false)
	if !strings.Contains(r.result, path) {
		t.Fatalf("message %q", r.result)
	}
	wb, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("نشست‌ها بر پایه نوع")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows[1:] {
		got[row[0]] = row[1]
	}
	want := map[string]string{i18n.T("kind.neighbourhood"): "1", i18n.T("kind.elders"): "1", i18n.T("kind.field_visit"): "1"}
	if len(got) != len(want) {
		t.Errorf("meetings by kind %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q meetings, want %s", k, got[k], v)
		}
	}
	sum, _ := wb.GetRows("خلاصه")
	if sum[1][1] != "سال ۱۴۰۴" || sum[2][1] != "منطقه ۱۴" {
		t.Errorf("summary %v", sum[:3])
	}
}

// A long list moves the progress bar page by page to the end, and the
// file holds every row.
func TestExportProgressOfALongList(t *testing.T) {
	s, wd := testStore(t, "", false)
	nb := wd.nbh["پیروزی"]
	const n = 1234
	err := s.Write(context.Background(), "test", func(w *data.Writer) error {
		for i := range n {
			m := data.Meeting{Meta: data.Meta{District: 14}, NeighbourhoodID: &nb, Kind: "neighbourhood",
				Title: "نشست " + strings.Repeat("الف", i%5+1), StartsAt: data.FormatTime(time.Date(2025, 9, 1, 8, i%60, 0, 0, time.UTC).AddDate(0, 0, -i/60))}
			if err := w.Put("meetings", &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sh, _ := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	path := filepath.Join(t.TempDir(), "all.xlsx")
	saveAs(t, list.export, path, tabular.XLSX)
	p := list.export.progress
	if p.updates < 3 || p.bar.value != 1 || !strings.Contains(p.line.Text, i18n.Number(n)) {
		t.Errorf("the progress moved %d times to %.2f (%q); want a move per page of 500, to the end", p.updates, p.bar.value, p.line.Text)
	}
	if _, rows := readBook(t, path); len(rows) != n+1 {
		t.Errorf("%d rows written, want %d", len(rows)-1, n)
	}
}

// "Print report" writes the report shown as a PDF in the temporary folder
// (and opens it), its text the screen's period.
func TestReportsPrint(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("reports")
	r := sh.current().(*reportsPage)
	r.printPDF()
	files, _ := filepath.Glob(filepath.Join(tmp, "mahalleh-reports", "report-1404.pdf"))
	if len(files) != 1 || !strings.Contains(r.result, files[0]) {
		t.Fatalf("files %v, message %q", files, r.result)
	}
	text := pdftest.Squash(strings.Join(pdftest.Text(t, files[0]), ""))
	for _, want := range []string{"گزارش عملکرد", "سال ۱۴۰۴", "منطقه ۱۴", "نشست محله‌ای"} {
		if !strings.Contains(text, pdftest.Squash(want)) {
			t.Errorf("%q is not in the printed report", want)
		}
	}
}
