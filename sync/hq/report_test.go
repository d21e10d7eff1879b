package hq

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
	"mahalleh/data/report"
	"mahalleh/internal/reporttest"
	"mahalleh/pdf/pdftest"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// TestReportCommand syncs the records of internal/reporttest (counted by
// hand) from two offices, districts 14 and 7, to a real HQ on loopback,
// SQLite and PostgreSQL, and runs `mahalleh-hq report` over them: the
// figures of every district and of district 14 read back from the XLSX,
// the PDF's text, the report equal to the one an office's own store makes
// of the same records, and bad input refused.
func TestReportCommand(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			var st Store
			var err error
			var dbFlag []string
			if kind == "sqlite" {
				path := filepath.Join(dir, "hq.db")
				st, err = sqlitehq.Open(path)
				dbFlag = []string{"--db", path}
			} else {
				url := pgtest.Start(t)
				st, err = pghq.Open(context.Background(), url)
				dbFlag = []string{"--postgres", url}
			}
			if err != nil {
				t.Fatal(err)
			}
			local := syncFixture(t, st)
			setNow(t, reporttest.Today)
			want, err := report.Compute(context.Background(), local, report.Scope{}, reporttest.Period, reporttest.Today)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Report(context.Background(), st, report.Scope{}, reporttest.Period)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("HQ's report\n%+v\nthe office store's\n%+v", got, want)
			}
			st.Close()
			checkReportCLI(t, dir, dbFlag)
		})
	}
}

// syncFixture writes the fixture into an office store, puts its
// neighbourhoods at HQ as HQ's reference data, and pushes the rest through
// HQ's server from one device per district. It returns the office store.
func syncFixture(t *testing.T, st Store) *data.Store {
	t.Helper()
	ctx := context.Background()
	local, err := data.Open(filepath.Join(t.TempDir(), "office.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { local.Close() })
	reporttest.Fill(t, local)
	changes, err := local.PendingChanges(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	byDistrict := map[int][]data.Change{}
	err = st.Update(ctx, func(tx Tx) error {
		if err := tx.LockRecords(); err != nil {
			return err
		}
		for _, c := range changes {
			if c.Entity != "neighbourhoods" {
				byDistrict[c.District] = append(byDistrict[c.District], c)
				continue
			}
			fields, clocks := data.Record{}, map[string]string{}
			for k, v := range c.Fields {
				if k != "id" {
					fields[k], clocks[k] = v, c.Clock
				}
			}
			if err := tx.PutRecord(&Record{Entity: c.Entity, ID: c.ID, District: c.District, Fields: fields, Clocks: clocks}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewServer(st, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	env := &hqEnv{t: t, store: st, srv: srv}
	for district, cs := range byDistrict {
		dev := env.enrol(district, msync.RoleSupervisor, "supervisor") // who may close action items
		env.mustPush(dev.Token, cs...)
	}
	if len(byDistrict) != 2 {
		t.Fatalf("the fixture's changes are of %d districts, want 14 and 7", len(byDistrict))
	}
	return local
}

func checkReportCLI(t *testing.T, dir string, dbFlag []string) {
	run := func(args ...string) (int, string, string) {
		return runCLI(append(append([]string{"report"}, dbFlag...), args...)...)
	}
	all := filepath.Join(dir, "all.xlsx")
	if code, out, errs := run("--period", "1404-07", "--out", all); code != 0 || !strings.Contains(out, "Wrote") {
		t.Fatalf("report: exit %d: %s %s", code, out, errs)
	}
	districts := readSheet(t, all, "مناطق")
	w := reporttest.Want
	for name, want := range map[string][]string{
		"منطقه ۱۴": {itoa(w.Meetings), itoa(w.Concerns), "6", "3", "1"},
		"منطقه ۷":  {itoa(reporttest.WantDistrict7.Meetings), itoa(reporttest.WantDistrict7.Concerns), "1", "0", "0"},
	} {
		row := districts[name]
		got := []string{row["نشست‌های برگزارشده"], row["مطالبات مطرح‌شده"], row["اقدامات تعریف‌شده"], row["اقدامات انجام‌شده"], row["اقدامات گذشته از مهلت"]}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v (meetings, concerns, opened, done, overdue)", name, got, want)
		}
	}
	if len(districts) != 2 {
		t.Errorf("districts %v", districts)
	}
	one := filepath.Join(dir, "14.xlsx")
	if code, out, errs := run("--period", "مهر ۱۴۰۴", "--district", "14", "--out", one, "--lang", "en"); code != 0 {
		t.Fatalf("report --district 14: exit %d: %s %s", code, out, errs)
	}
	depts := readSheet(t, one, "Departments")
	for _, d := range w.Depts {
		row := depts[d.NameEn]
		got := []string{row["Action items opened"], row["Action items done"], row["Action items overdue"], row["Concerns: Open"]}
		if want := []string{itoa(d.Opened), itoa(d.Done), itoa(d.Overdue), itoa(d.Concerns["open"])}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v (opened, done, overdue, open concerns)", d.NameEn, got, want)
		}
	}
	if _, ok := readSheet(t, one, "Summary")["Performance report"]; !ok || len(depts) != len(w.Depts) {
		t.Errorf("district 14: departments %v", depts)
	}
	pdf := filepath.Join(dir, "all.pdf")
	if code, out, errs := run("--period", "1404-07", "--out", pdf); code != 0 {
		t.Fatalf("report pdf: exit %d: %s %s", code, out, errs)
	}
	text := pdftest.Squash(strings.Join(pdftest.Text(t, pdf), "\n"))
	for _, s := range []string{"همه مناطق", "منطقه ۱۴", "منطقه ۷", "عمرانی", "فضای سبز", "حمل و نقل و ترافیک"} {
		if !strings.Contains(text, pdftest.Squash(s)) {
			t.Errorf("%q is not in the PDF", s)
		}
	}
	if keep := os.Getenv("MAHALLEH_KEEP_REPORT_PDF"); keep != "" {
		for i, p := range pdftest.Render(t, pdf, 80, 0, 0) {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(keep, "hq-all-"+itoa(i+1)+".png"), b, 0o644)
		}
	}
	before, _ := os.ReadFile(pdf)
	if code, _, errs := run("--period", "1404-07", "--out", pdf); code != 1 || !strings.Contains(errs, "--force") {
		t.Errorf("over an existing file: exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(pdf); string(after) != string(before) {
		t.Error("the PDF was replaced without --force")
	}
	for _, bad := range [][]string{
		{"--period", "1404-13", "--out", filepath.Join(dir, "x.xlsx")},
		{"--period", "2025", "--out", filepath.Join(dir, "x.xlsx")},
		{"--period", "1404-07", "--out", filepath.Join(dir, "x.csv")},
		{"--period", "1404-07", "--district", "23", "--out", filepath.Join(dir, "x.xlsx")},
		{"--out", filepath.Join(dir, "x.xlsx")},
	} {
		if code, _, errs := run(bad...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", bad, code, errs)
		}
	}
	if code, out, _ := runCLI("report", "--help"); code != 0 || !strings.Contains(out, "1404-Q3") {
		t.Errorf("report --help: %d %q", code, out)
	}
}

// readSheet reads a sheet as its first column → header → cell.
func readSheet(t *testing.T, path, sheet string) map[string]map[string]string {
	t.Helper()
	wb, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s %s: %v %v", path, sheet, err, wb.GetSheetList())
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

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
