package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"mahalleh/data"
	"mahalleh/internal/backuptest"
)

// TestBadImportsChangeNothing feeds import every kind of broken backup a
// person could have: each must fail with a message in both languages, and
// the store must be exactly as before (same export, same change log).
func TestBadImportsChangeNothing(t *testing.T) {
	src := smallStore(t)
	code, good, e := run("export", "--db", src, "--out", "-")
	if code != 0 {
		t.Fatalf("export: %s", e)
	}
	target := filepath.Join(t.TempDir(), "target.db")
	if code, _, e := run("demo", "--db", target, "--size", "5", "--seed", "99"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	before, changes := snapshot(t, target)
	dir := t.TempDir()
	cases := []struct {
		name  string
		bytes []byte
	}{
		{"corrupt JSON", []byte("{this is not json")},
		{"truncated JSON", []byte(good[:len(good)/2])},
		{"wrong shape", []byte(`[1, 2, 3]`)},
		{"section not an array", seal(map[string]any{"meetings": map[string]any{"id": 1}})},
		{"cut short", []byte(good[:len(good)-20])},
		{"a changed byte", []byte(strings.Replace(good, "نشست", "نشصت", 1))},
		{"version 1", []byte(strings.Replace(good, `"version": 2,`, `"version": 1,`, 1))},
		{"unknown neighbourhood", edit(t, good, "meetings", "neighbourhood_id", uuid.Must(uuid.NewV7()).String())},
		{"due date that does not exist", edit(t, good, "action_items", "due_date", "2025-02-30")},
		{"month 13", edit(t, good, "meetings", "starts_at", "2025-13-01T10:00:00.000Z")},
		{"unknown field", edit(t, good, "meetings", "colour", "red")},
		{"wrong type", edit(t, good, "projects", "progress", "half")},
		{"non-UTF-8 bytes", bytes.Replace([]byte(good), []byte("نشست"), []byte("\xff\xfe"), 1)},
		{"district 99", edit(t, good, "meetings", "district", 99)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".json")
			if err := os.WriteFile(path, c.bytes, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, e := run("import", "--db", target, path)
			if code != 1 || !strings.Contains(e, "خطا:") || !strings.Contains(e, "error:") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1 and a message in both languages", code, out, e)
			}
			if after, n := snapshot(t, target); after != before || n != changes {
				t.Fatalf("the store changed (%d → %d changes)", changes, n)
			}
		})
	}
	code, _, e = run("import", "--db", target, filepath.Join(dir, "missing.json"))
	if code != 1 || !strings.Contains(e, "پیدا نشد") || !strings.Contains(e, "not found") {
		t.Errorf("missing file: exit %d, %q", code, e)
	}
	fresh := filepath.Join(dir, "fresh.db")
	bad := filepath.Join(dir, "district_99.json")
	if code, _, _ := run("import", "--db", fresh, bad); code != 1 {
		t.Errorf("bad import into a new store: exit %d", code)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed import left a new store behind at %s", fresh)
	}
}

// edit sets field of the first record of section in an export document.
func edit(t *testing.T, doc, section, field string, value any) []byte {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	recs, _ := m[section].([]any)
	if len(recs) == 0 {
		t.Fatalf("the demo export has no %s", section)
	}
	recs[0].(map[string]any)[field] = value
	return seal(m)
}

// seal writes an edited document again with a checksum that matches, so
// that import meets the edit itself.
func seal(doc map[string]any) []byte {
	names := make([]string, len(data.Entities))
	for i := range data.Entities {
		names[i] = data.Entities[i].Name
	}
	return backuptest.Seal(doc, data.ExportVersion, names)
}

// snapshot is a store's export and the length of its change log.
func snapshot(t *testing.T, db string) (string, int) {
	t.Helper()
	code, out, e := run("export", "--db", db, "--out", "-")
	if code != 0 {
		t.Fatalf("export: %s", e)
	}
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM changes").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return out, n
}
