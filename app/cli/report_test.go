package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
	"mahalleh/internal/reporttest"
	"mahalleh/pdf/pdftest"
)

// TestReportCommand writes Mehr 1404's report of the fixture's records
// (internal/reporttest, counted by hand) from the command line: a district,
// a neighbourhood by name and every district, as XLSX and PDF; and says
// what is wrong with a bad period, scope or extension, never replacing a
// file without --force.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	reporttest.Fill(t, s)
	s.Close()
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := Main(append([]string{"report", "--db", db}, args...), &o, &e)
		return code, o.String(), e.String()
	}
	meetings := func(path string) string {
		wb, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		rows, err := wb.GetRows(wb.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) == 2 && (r[0] == "نشست‌های برگزارشده" || r[0] == "Meetings held") {
				return r[1]
			}
		}
		t.Fatalf("%s has no meetings row: %v", path, rows)
		return ""
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--period", "1404-07", "--scope", "district:14"}, "6"},
		{[]string{"--period", "مهر ۱۴۰۴", "--scope", "neighbourhood:پیروزی", "--lang", "en"}, "3"},
		{[]string{"--period", "۱۴۰۴-Q3"}, "8"}, // a store with no district: every district (7 too), and Aban
		{[]string{"--period", "1404"}, "9"},    // and Shahrivar
	} {
		out := filepath.Join(dir, strings.NewReplacer(" ", "_", ":", "_").Replace(strings.Join(c.args, "_"))+".xlsx")
		code, o, e := run(append(c.args, "--out", out)...)
		if code != ExitOK || !strings.Contains(o, "report: wrote") {
			t.Fatalf("%v: exit %d: %s %s", c.args, code, o, e)
		}
		if got := meetings(out); got != c.want {
			t.Errorf("%v: %s meetings, want %s", c.args, got, c.want)
		}
	}
	pdfOut := filepath.Join(dir, "all.pdf")
	if code, o, e := run("--period", "1404-07", "--out", pdfOut); code != ExitOK {
		t.Fatalf("pdf: exit %d: %s %s", code, o, e)
	}
	text := pdftest.Squash(strings.Join(pdftest.Text(t, pdfOut), "\n"))
	for _, want := range []string{"همه مناطق", "مناطق", "منطقه۱۴", "منطقه۷", "عمرانی", "فضای سبز"} {
		if !strings.Contains(text, pdftest.Squash(want)) {
			t.Errorf("%q is not in the PDF", want)
		}
	}
	before, _ := os.ReadFile(pdfOut)
	if code, _, e := run("--period", "1404-07", "--out", pdfOut); code != ExitFailure || !strings.Contains(e, "--force") || !strings.Contains(e, "از پیش هست") {
		t.Errorf("over an existing file: exit %d, want 1 and a hint about --force in both languages: %s", code, e)
	}
	if after, _ := os.ReadFile(pdfOut); !bytes.Equal(before, after) {
		t.Error("the existing PDF was changed without --force")
	}
	if code, _, e := run("--period", "1404-07", "--out", pdfOut, "--force"); code != ExitOK {
		t.Errorf("--force: exit %d: %s", code, e)
	}
	for _, c := range []struct {
		args       []string
		fa, en     string
		wantCreate bool
	}{
		{[]string{"--period", "1404-13", "--out", filepath.Join(dir, "x.xlsx")}, "ماه در دوره", "no such month", false},
		{[]string{"--period", "2025-10", "--out", filepath.Join(dir, "x.xlsx")}, "میلادی", "looks Gregorian", false},
		{[]string{"--period", "mehr", "--out", filepath.Join(dir, "x.xlsx")}, "ماه، فصل یا سال نیست", "not a month, season or year", false},
		{[]string{"--period", "1404-07", "--out", filepath.Join(dir, "x.docx")}, ".xlsx یا .pdf", "must end in .xlsx or .pdf", false},
		{[]string{"--period", "1404-07", "--scope", "city", "--out", filepath.Join(dir, "x.xlsx")}, "محدوده", "unknown scope", false},
		{[]string{"--out", filepath.Join(dir, "x.xlsx")}, "--period", "--period is required", false},
	} {
		code, _, e := run(c.args...)
		if code != ExitUsage || !strings.Contains(e, c.fa) || !strings.Contains(e, c.en) {
			t.Errorf("%v: exit %d, want 2 with %q and %q: %s", c.args, code, c.fa, c.en, e)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a refused report left a file")
	}
	if code, o, _ := run("--help"); code != ExitOK || !strings.Contains(o, "1404-Q3") || !strings.Contains(o, "پاییز") {
		t.Errorf("--help: exit %d: %s", code, o)
	}
}
