package tabular

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
)

func writeCSV(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeXLSX(t *testing.T, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "people.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func peopleCount(t *testing.T, s *data.Store) int {
	t.Helper()
	list, _, err := s.ListPeople(context.Background(), data.Filter{}, data.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// TestImportPeopleGoodFile: Persian headers in another order, Arabic ي/ك,
// phones in Persian digits and with +98, a role by its label, a
// neighbourhood by name: all normalised, all written.
func TestImportPeopleGoodFile(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := writeXLSX(t, [][]string{
		{"تلفن همراه", "نام", "نقش", "محله", "توضیحات"},
		{"۰۹۱۲ ۳۴۵ ۶۷۸۹", "علي كريمي", "امام جماعت", "پيروزي", "پیش‌نماز مسجد"},
		{"+98 935 111 2233", "  زهرا   احمدی ", "Resident", "", ""},
		{"", "", "", "", ""}, // an empty row is skipped
		{"", "حسن رضایی", "", "", ""},
	})
	cells, err := ReadCells(path)
	if err != nil {
		t.Fatal(err)
	}
	before := peopleCount(t, f.s)
	p, err := PreviewPeople(ctx, f.s, 14, cells)
	if err != nil {
		t.Fatal(err)
	}
	if !p.OK() || len(p.Rows) != 3 {
		t.Fatalf("problems %+v, %d rows; want none and 3", p.Problems, len(p.Rows))
	}
	n, err := CommitPeople(ctx, f.s, "test", p)
	if err != nil || n != 3 || peopleCount(t, f.s) != before+3 {
		t.Fatalf("commit: %d, %v; register %d → %d", n, err, before, peopleCount(t, f.s))
	}
	list, _, _ := f.s.ListPeople(ctx, data.Filter{}, data.Page{Limit: 500})
	byName := map[string]data.Person{}
	for _, x := range list {
		byName[x.Name] = x
	}
	ali, ok := byName["علی کریمی"]
	if !ok || ali.Phone != "09123456789" || ali.Role != "imam" || ali.NeighbourhoodID == nil || *ali.NeighbourhoodID != f.hoodA || ali.Notes != "پیش‌نماز مسجد" {
		t.Errorf("علی کریمی stored as %+v (names %q)", ali, slices.Collect(func(yield func(string) bool) {
			for k := range byName {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if z := byName["زهرا احمدی"]; z.Phone != "09351112233" || z.Role != "resident" {
		t.Errorf("زهرا احمدی stored as %+v", z)
	}
	if h := byName["حسن رضایی"]; h.Role != "other" {
		t.Errorf("حسن رضایی stored as %+v; a missing role is «other»", h)
	}
}

// TestImportPeopleRejects: every bad row is listed with its row, column and
// reason, and nothing at all is written.
func TestImportPeopleRejects(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := writeCSV(t, "people.csv", BOM+"Name,Phone,Role\n"+
		"Maryam Hosseini,09121110000,elder\n"+ // good
		",09121110001,resident\n"+ // 3: no name
		"Reza Karimi,0912abc4567,resident\n"+ // 4: letters in the phone
		"maryam  hosseini,,resident\n"+ // 5: same name as row 2
		"Ali Tehrani,0912-111-0000,resident\n"+ // 6: same phone as row 2
		"Somebody,+98 912 123 4567,resident\n"+ // 7: the fixture's person's phone
		"Nobody,0912222,resident\n"+ // 8: too short
		"Sara,09123330000,king\n") // 9: unknown role
	cells, err := ReadCells(path)
	if err != nil {
		t.Fatal(err)
	}
	before := peopleCount(t, f.s)
	p, err := PreviewPeople(ctx, f.s, 14, cells)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		row    int
		col    string
		reason string
	}
	wants := []want{{3, "Name", "name is missing"}, {4, "Phone", "letters"}, {5, "Name", "same name as row 2"},
		{6, "Phone", "same phone number as row 2"}, {7, "Phone", "already in the register"}, {8, "Phone", "not a whole phone number"},
		{9, "Role", "unknown role"}}
	if len(p.Problems) != len(wants) {
		t.Errorf("%d problems, want %d: %+v", len(p.Problems), len(wants), p.Problems)
	}
	for i, w := range wants {
		if i >= len(p.Problems) {
			break
		}
		got := p.Problems[i]
		if got.Row != w.row || got.Column != w.col || !strings.Contains(got.Reason, w.reason) || got.ReasonFa == "" {
			t.Errorf("problem %d: %+v; want row %d column %s reason ~%q", i, got, w.row, w.col, w.reason)
		}
	}
	if _, err := CommitPeople(ctx, f.s, "test", p); err == nil || !data.IsInvalid(err) {
		t.Errorf("commit of a rejected preview: %v", err)
	}
	if n := peopleCount(t, f.s); n != before {
		t.Errorf("the register changed: %d → %d", before, n)
	}
}

func TestImportPeopleBadFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := ReadCells(writeCSV(t, "x.xlsx", "PK\x03\x04 not really a zip")); err == nil {
		t.Error("a broken xlsx was read")
	}
	if _, err := ReadCells(writeCSV(t, "x.csv", "\x00\x01\x02\xff\xfe binary")); err == nil {
		t.Error("a binary file was read as CSV")
	}
	for name, text := range map[string]string{"empty": "", "header only": "نام,تلفن\n", "no name column": "تلفن\n09121234567\n"} {
		cells, err := ReadCells(writeCSV(t, "p.csv", text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, err := PreviewPeople(ctx, f.s, 14, cells)
		if err != nil || p.OK() || p.Problems[0].Reason == "" {
			t.Errorf("%s: %+v %v; want a problem", name, p, err)
		}
	}
	if !IsSpreadsheet("a.CSV") || !IsSpreadsheet("b.xlsx") || IsSpreadsheet(writeCSV(t, "b.json", "{}")) {
		t.Error("IsSpreadsheet")
	}
}
