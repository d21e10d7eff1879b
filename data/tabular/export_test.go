package tabular

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
)

// fixture is a small store whose every record the test wrote itself.
type fixture struct {
	s            *data.Store
	hoodA, hoodB string
	dept         data.Department
	evil         string // a person's name that starts like a formula
}

// Meetings of the fixture: Tehran is UTC+03:30, so 06:30Z is 10:00 in
// Tehran on the same day; 22:00Z on 8 October is 01:30 on 9 October.
var fixtureMeetings = []struct {
	title, startsUTC, hood   string
	jalali, clock, gregorian string
}{
	{"نشست بررسی آب‌گرفتگی", "2025-10-01T06:30:00.000Z", "A", "۱۴۰۴/۰۷/۰۹", "۱۰:۰۰", "2025-10-01"},
	{"دیدار با معتمدین محل", "2025-10-08T22:00:00.000Z", "B", "۱۴۰۴/۰۷/۱۷", "۰۱:۳۰", "2025-10-09"},
	{"-نشست با خط تیره", "2025-03-20T08:00:00.000Z", "A", "۱۴۰۳/۱۲/۳۰", "۱۱:۳۰", "2025-03-20"},
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	ds, err := s.Departments(ctx)
	if err != nil || len(ds) == 0 {
		t.Fatalf("departments: %v %d", err, len(ds))
	}
	f := &fixture{s: s, dept: ds[0], evil: `=HYPERLINK("http://example.com","click")`}
	err = s.Write(ctx, "test", func(w *data.Writer) error {
		a, err := w.Save("neighbourhoods", map[string]any{"district": 14, "name": "پیروزی"})
		if err != nil {
			return err
		}
		b, err := w.Save("neighbourhoods", map[string]any{"district": 14, "name": "نیروی هوایی"})
		if err != nil {
			return err
		}
		f.hoodA, f.hoodB = a.ID(), b.ID()
		for _, m := range fixtureMeetings {
			hood := f.hoodA
			if m.hood == "B" {
				hood = f.hoodB
			}
			if _, err := w.Save("meetings", map[string]any{"district": 14, "neighbourhood_id": hood, "kind": "elders",
				"title": m.title, "starts_at": m.startsUTC, "place": "مسجد"}); err != nil {
				return err
			}
		}
		p := &data.Person{Meta: data.Meta{District: 14}, Name: f.evil, Role: "elder", Phone: "+98 912 123 4567", NeighbourhoodID: &f.hoodA}
		if err := w.Put("people", p); err != nil {
			return err
		}
		ai := &data.ActionItem{Meta: data.Meta{District: 14}, Title: "لایروبی جوی", DepartmentID: &f.dept.ID,
			ResponsibleID: &p.ID, DueDate: "2025-10-05", Status: "open"}
		return w.Put("action_items", ai)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	wb, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	return wb
}

func TestXLSXMeetingsPersian(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "meetings.xlsx")
	var calls [][2]int
	o := Options{Lang: Persian, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	if err := Export(context.Background(), f.s, out, XLSX, []List{Meetings}, false, o); err != nil {
		t.Fatal(err)
	}
	wb := openBook(t, out)
	if got := wb.GetSheetList(); !slices.Equal(got, []string{"نشست‌ها"}) {
		t.Fatalf("sheets %q", got)
	}
	sheet := "نشست‌ها"
	view, err := wb.GetSheetView(sheet, -1)
	if err != nil || view.RightToLeft == nil || !*view.RightToLeft {
		t.Errorf("the sheet is not right to left: %+v %v", view, err)
	}
	panes, err := wb.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("the header row is not frozen: %+v %v", panes, err)
	}
	rows, err := wb.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"تاریخ", "ساعت", "تاریخ میلادی", "نوع نشست", "عنوان", "محله", "محل برگزاری", "شمار حاضران", "شمار مطالبات", "شناسه"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %q, want %q", rows[0], want)
	}
	if len(rows) != 1+len(fixtureMeetings) {
		t.Fatalf("%d rows, want a header and %d meetings", len(rows), len(fixtureMeetings))
	}
	for _, m := range fixtureMeetings {
		i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 4 && r[4] == m.title })
		if i < 0 {
			t.Fatalf("meeting %q is missing", m.title)
		}
		r := rows[i]
		if r[0] != m.jalali || r[1] != m.clock || r[2] != m.gregorian || r[3] != "دیدار با معتمدین" {
			t.Errorf("%q: date %q time %q gregorian %q kind %q; want %q %q %q", m.title, r[0], r[1], r[2], r[3], m.jalali, m.clock, m.gregorian)
		}
		// The Gregorian column is a real date (a number), not text.
		cell, _ := excelize.CoordinatesToCellName(3, i+1)
		if typ, _ := wb.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text, want a date", cell)
		}
	}
	// Newest first, as on the screen.
	if rows[1][4] != fixtureMeetings[1].title {
		t.Errorf("first row %q, want the newest meeting", rows[1][4])
	}
	// The title column fits its longest title.
	w, _ := wb.GetColWidth(sheet, "E")
	if w < float64(utf8.RuneCountInString(fixtureMeetings[0].title)) {
		t.Errorf("title column %.1f wide, narrower than its titles", w)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want to end at 3 of 3", calls)
	}
}

func TestXLSXEnglishAndFilters(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "m.xlsx")
	from := time.Date(2025, 9, 23, 0, 0, 0, 0, tehran) // 1 Mehr 1404
	o := Options{Lang: English, Filter: data.Filter{NeighbourhoodID: f.hoodA, From: from}}
	if err := Export(context.Background(), f.s, out, XLSX, []List{Meetings}, false, o); err != nil {
		t.Fatal(err)
	}
	wb := openBook(t, out)
	rows, _ := wb.GetRows("Meetings")
	if len(rows) != 2 || rows[0][0] != "Date" || rows[0][2] != "Gregorian date" {
		t.Fatalf("rows %q; want the English header and the one meeting of Piroozi since 1 Mehr", rows)
	}
	if r := rows[1]; r[0] != "1404/07/09" || r[1] != "10:00" || r[3] != "Meeting with elders" || r[4] != fixtureMeetings[0].title {
		t.Errorf("row %q", r)
	}
	view, _ := wb.GetSheetView("Meetings", -1)
	if view.RightToLeft != nil && *view.RightToLeft {
		t.Error("an English sheet is right to left")
	}
}

// TestFormulasNeutralised: a name typed as a formula stays text in both
// formats: in XLSX a typed string with the Text format (exactly as typed),
// in CSV behind an apostrophe.
func TestFormulasNeutralised(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	ctx := context.Background()
	xl, cs := filepath.Join(dir, "p.xlsx"), filepath.Join(dir, "p.csv")
	for _, c := range []struct {
		path string
		fm   Format
	}{{xl, XLSX}, {cs, CSV}} {
		if err := Export(ctx, f.s, c.path, c.fm, []List{People}, false, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	wb := openBook(t, xl)
	sheet := wb.GetSheetName(0)
	if v, _ := wb.GetCellValue(sheet, "A2"); v != f.evil {
		t.Errorf("XLSX name %q, want %q as typed", v, f.evil)
	}
	if fm, _ := wb.GetCellFormula(sheet, "A2"); fm != "" {
		t.Errorf("XLSX cell holds a formula %q", fm)
	}
	if typ, _ := wb.GetCellType(sheet, "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("XLSX cell type %v, want a string", typ)
	}
	id, _ := wb.GetCellStyle(sheet, "A2")
	if st, err := wb.GetStyle(id); err != nil || st.NumFmt != textFormat {
		t.Errorf("XLSX cell style %+v %v, want the Text format", st, err)
	}
	raw, err := os.ReadFile(cs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("CSV does not start with the UTF-8 BOM: % x", raw[:3])
	}
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "نام و نام خانوادگی" || rows[0][2] != "تلفن" {
		t.Errorf("CSV header %q", rows[0])
	}
	if len(rows) != 2 || rows[1][0] != "'"+f.evil || rows[1][2] != "'+98 912 123 4567" || rows[1][1] != "معتمد محل" || rows[1][3] != "پیروزی" {
		t.Errorf("CSV rows %q", rows)
	}
}

func TestActionItemsOverdueAndNames(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "a.csv")
	o := Options{Today: time.Date(2025, 10, 6, 12, 0, 0, 0, tehran)}
	if err := Export(context.Background(), f.s, out, CSV, []List{Actions}, false, o); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"لایروبی جوی", "", f.dept.NameFa, "'" + f.evil, "۱۴۰۴/۰۷/۱۳", "2025-10-05", "باز", "بله"}
	if len(rows) != 2 || !slices.Equal(rows[1][:len(want)], want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}

func TestNeverOverwritesWithoutForce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "backup.json")
	os.WriteFile(out, []byte("a backup"), 0o644)
	err := Export(ctx, f.s, out, XLSX, []List{Meetings}, false, Options{})
	if !IsExists(err) {
		t.Fatalf("err %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "a backup" {
		t.Fatalf("the file was changed: %q", b)
	}
	if err := Export(ctx, f.s, out, XLSX, []List{Meetings}, true, Options{}); err != nil {
		t.Fatal(err)
	}
	openBook(t, out) // replaced by a workbook
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWholeWorkbook(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "all.xlsx")
	if err := Export(context.Background(), f.s, out, XLSX, Lists, false, Options{}); err != nil {
		t.Fatal(err)
	}
	wb := openBook(t, out)
	want := []string{"نشست‌ها", "افراد", "مطالبات", "اقدامات", "پروژه‌ها"}
	if got := wb.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	for _, sh := range want {
		if rows, _ := wb.GetRows(sh); len(rows) == 0 || rows[0][0] == "" || strings.HasPrefix(rows[0][0], "export.") {
			t.Errorf("sheet %s header %q", sh, rows)
		}
	}
}

// TestLabelsExist: every header and value label the exports use is in
// both translation files.
func TestLabelsExist(t *testing.T) {
	keys := []string{}
	for _, l := range Lists {
		keys = append(keys, "export.sheet."+string(l))
	}
	for _, set := range []struct {
		prefix string
		vals   []string
	}{{"kind", data.MeetingKinds}, {"role", data.PersonRoles}, {"priority", data.Priorities},
		{"concern_status", data.ConcernStatuses}, {"action_status", data.ActionStatuses}, {"project_status", data.ProjectStatuses}} {
		for _, v := range set.vals {
			keys = append(keys, set.prefix+"."+v)
		}
	}
	for _, l := range []string{Persian, English} {
		for _, k := range keys {
			if _, ok := texts[l][k]; !ok {
				t.Errorf("%s.json has no %q", l, k)
			}
		}
	}
}
