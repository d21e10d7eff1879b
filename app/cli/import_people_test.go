package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportPeopleCommand: import dispatches a CSV to the people import;
// --dry-run and a rejected file write nothing and list the bad rows; a
// good file is added; a JSON backup still goes to the backup import.
func TestImportPeopleCommand(t *testing.T) {
	db := smallStore(t)
	dir := t.TempDir()
	before, changes := snapshot(t, db)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("\ufeffنام,تلفن\nمهدی تازه‌وارد,09127770001\n,09127770002\nرضا,۰۹۱۲ الف ۴۵۶۷\n"), 0o644)
	code, _, e := run("import", "--db", db, "--district", "14", bad)
	if code != 1 || !strings.Contains(e, "سطر ۳، ستون «نام»") || !strings.Contains(e, "row 4, column تلفن: the phone number has letters") {
		t.Fatalf("bad file: exit %d, stderr %q", code, e)
	}
	if after, n := snapshot(t, db); after != before || n != changes {
		t.Fatal("a rejected file changed the store")
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Name,Phone,Role\nMehdi Tazevared,09127770001,resident\nSara Nouri,,elder\n"), 0o644)
	code, out, e := run("import", "--db", db, "--district", "14", "--dry-run", good)
	if code != 0 || !strings.Contains(out, "2 people would be added") {
		t.Fatalf("dry run: exit %d, %q %q", code, out, e)
	}
	if after, _ := snapshot(t, db); after != before {
		t.Fatal("--dry-run changed the store")
	}
	code, out, e = run("import", "--db", db, "--district", "14", good)
	if code != 0 || !strings.Contains(out, "2 people added") {
		t.Fatalf("import: exit %d, %q %q", code, out, e)
	}
	code, _, e = run("import", "--db", db, "--district", "14", good)
	if code != 1 || !strings.Contains(e, "already in the register") {
		t.Errorf("the same file again: exit %d, %q; want every row rejected as a duplicate", code, e)
	}
	backup := filepath.Join(dir, "b.json")
	if code, _, e := run("export", "--db", db, "--out", backup); code != 0 {
		t.Fatal(e)
	}
	if code, out, e := run("import", "--db", filepath.Join(dir, "new.db"), backup); code != 0 || !strings.Contains(out, "added") {
		t.Errorf("JSON import: exit %d %q %q", code, out, e)
	}
}
