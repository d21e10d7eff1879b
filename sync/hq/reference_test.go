package hq

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// TestReferenceImportReachesDevices: neighbourhoods HQ imports for district
// 14 come down to a district-14 device in pull, linked to their
// subdistricts, and not to a district-3 device; importing again changes
// nothing; a renamed subdistrict and a moved neighbourhood are updated.
func TestReferenceImportReachesDevices(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ctx := context.Background()
		rows := []RefRow{
			{Line: 2, Number: "۱", SubdistrictName: "ناحیه یک", Neighbourhood: "ونک"},
			{Line: 3, Number: "1", Neighbourhood: "ملاصدرا"},
			{Line: 4, Number: "2", SubdistrictName: "ناحیه دو", Neighbourhood: "یوسف‌آباد"},
		}
		res, err := ImportReference(ctx, env.store, 14, rows, false)
		if err != nil || len(res.Rejected) != 0 || res.SubdistrictsAdded != 2 || res.NeighbourhoodsAdded != 3 {
			t.Fatalf("import: %+v %v", res, err)
		}
		if res, _ := ImportReference(ctx, env.store, 14, rows, false); res.SubdistrictsAdded+res.NeighbourhoodsAdded+res.SubdistrictsRenamed+res.NeighbourhoodsMoved != 0 {
			t.Fatalf("the same import again: %+v", res)
		}
		d14 := env.enrol(14, msync.RoleOfficer, "Ali")
		d3 := env.enrol(3, msync.RoleOfficer, "Reza")
		dev, err := data.Open(filepath.Join(t.TempDir(), "device.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer dev.Close()
		page, _ := env.pullAll(d14.Token, 1000)
		if _, err := dev.ApplyPull(ctx, page, "1"); err != nil {
			t.Fatal(err)
		}
		hoods, err := dev.Neighbourhoods(ctx, 14)
		if err != nil {
			t.Fatal(err)
		}
		subOf := map[string]string{}
		for _, h := range hoods {
			if h.SubdistrictID == nil {
				t.Fatalf("%s has no subdistrict", h.Name)
			}
			rec, err := dev.Get(ctx, "subdistricts", *h.SubdistrictID)
			if err != nil {
				t.Fatalf("%s: its subdistrict did not come down: %v", h.Name, err)
			}
			subOf[h.Name] = rec["name"].(string)
		}
		want := map[string]string{"ونک": "ناحیه یک", "ملاصدرا": "ناحیه یک", "یوسف‌آباد": "ناحیه دو"}
		if len(subOf) != len(want) {
			t.Fatalf("device has %v, want %v", subOf, want)
		}
		for h, s := range want {
			if subOf[h] != s {
				t.Fatalf("device has %v, want %v", subOf, want)
			}
		}
		other, _ := env.pullAll(d3.Token, 1000)
		for _, c := range other {
			if c.Entity == "neighbourhoods" || c.Entity == "subdistricts" {
				t.Fatalf("district 3 pulled %s %v", c.Entity, c.Fields)
			}
		}
		moved := []RefRow{{Line: 2, Number: "2", SubdistrictName: "ناحیه دوم", Neighbourhood: "ونك"}} // Arabic ك: the same name
		res, err = ImportReference(ctx, env.store, 14, moved, false)
		if err != nil || res.SubdistrictsRenamed != 1 || res.NeighbourhoodsMoved != 1 || res.NeighbourhoodsAdded != 0 {
			t.Fatalf("rename and move: %+v %v", res, err)
		}
	})
}

// TestReferenceImportCommand: the command reads Persian headers from CSV
// and English ones from XLSX, refuses a file with bad rows as a whole,
// naming each bad row and why, and lists what is there.
func TestReferenceImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hq.db")
	good := filepath.Join(dir, "d14.csv")
	os.WriteFile(good, []byte("\ufeffشماره ناحیه,نام ناحیه,نام محله\n1,ناحیه یک,ونک\n1,,ملاصدرا\n\n2,ناحیه دو,یوسف‌آباد\n"), 0o600)
	code, out, errs := runCLI("reference", "import", "--db", db, "--district", "14", good)
	if code != 0 || !strings.Contains(out, "2 subdistricts added") || !strings.Contains(out, "3 neighbourhoods added") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Neighbourhood,Subdistrict number,Subdistrict name\nشهرک غرب,3,ناحیه سه\nقیطریه,x,ناحیه یک\n,3,\nشهرک غرب,3,\nدروس,3,ناحیه دیگر\n"), 0o600)
	code, out, errs = runCLI("reference", "import", "--db", db, "--district", "14", bad)
	for _, want := range []string{"3  ", "4  ", "5  ", "6  ", "nothing was imported", "is not a whole number", "is empty", "already in row 2", "in row 2"} {
		if !strings.Contains(errs, "\n"+strings.TrimSpace(want)) && !strings.Contains(errs, want) {
			t.Errorf("bad rows: stderr lacks %q:\n%s", want, errs)
		}
	}
	if code != 1 || strings.Contains(errs, "\n2 ") {
		t.Errorf("bad rows: exit %d (want 1), stderr:\n%s", code, errs)
	}
	_, list, _ := runCLI("reference", "list", "--db", db)
	if strings.Contains(list, "شهرک غرب") {
		t.Fatalf("a refused file left rows behind:\n%s", list)
	}
	xlsx := filepath.Join(dir, "d3.xlsx")
	f := excelize.NewFile()
	for i, row := range [][]any{{"subdistrict_number", "Subdistrict Name", "neighborhood"}, {4, "Subdistrict 4", "Tajrish"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &row)
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI("reference", "import", "--db", db, "--district", "3", xlsx); code != 0 || !strings.Contains(out, "1 neighbourhoods added") {
		t.Fatalf("xlsx: %d %q %q", code, out, errs)
	}
	code, list, _ = runCLI("reference", "list", "--db", db)
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[1], "3 ") || !strings.Contains(lines[1], "Tajrish") || !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "ملاصدرا") }) {
		t.Fatalf("list: %d\n%s", code, list)
	}
	if _, only, _ := runCLI("reference", "list", "--db", db, "--district", "3"); strings.Contains(only, "ونک") || !strings.Contains(only, "Tajrish") {
		t.Fatalf("list --district 3:\n%s", only)
	}
	for _, args := range [][]string{{"reference"}, {"reference", "import", "--db", db, good}, {"reference", "import", "--db", db, "--district", "14"},
		{"reference", "frob", "--db", db}, {"reference", "import", "--db", db, "--district", "14", filepath.Join(dir, "x.txt")}} {
		if code, _, errs := runCLI(args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, %q; want 2 and a message", args, code, errs)
		}
	}
}
