package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq"
	"mahalleh/sync/hq/sqlitehq"
)

// storeWithRefused makes a store holding one change set aside as refused
// (as sync leaves it) and returns its path and the change's id.
func storeWithRefused(t *testing.T) (string, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "office.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	err = s.Write(ctx, "Zahra", func(w *data.Writer) error {
		_, err := w.Save("people", map[string]any{"district": 14, "name": "Maryam", "role": "imam"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	changes, err := s.PendingChanges(ctx, 10)
	if err != nil || len(changes) != 1 {
		t.Fatalf("pending: %v %v", changes, err)
	}
	id := changes[0].ChangeID
	if err := s.MarkPushed(ctx, changes[0].Seq, data.Refusal{ChangeID: id, Code: "forbidden", Message: "refused for a reason", MessageFa: "به دلیلی رد شد"}); err != nil {
		t.Fatal(err)
	}
	return db, id
}

func counts(t *testing.T, db string) (pending, refused int) {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pending, _ = s.PendingCount(context.Background())
	refused, _ = s.RefusedCount(context.Background())
	return pending, refused
}

func TestRefusedListsRetriesAndDiscards(t *testing.T) {
	db, id := storeWithRefused(t)
	code, out, errs := run("refused", "--db", db)
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "refused for a reason") || !strings.Contains(out, "به دلیلی رد شد") {
		t.Fatalf("list: exit %d\n%s%s", code, out, errs)
	}
	for _, bad := range [][]string{
		{"refused"}, {"refused", "--db", db, "extra"}, {"refused", "--db", db, "--retry", id, "--discard", id},
		{"refused", "--db", db, "--retry-all", "--discard", id}, {"refused", "--db", db, "--nope"},
	} {
		if code, _, errs := run(bad...); code != ExitUsage || !hasPersian(errs) || !strings.Contains(errs, "error:") {
			t.Errorf("%v: exit %d, %q; want usage error in both languages", bad, code, errs)
		}
	}
	if code, _, errs := run("refused", "--db", db, "--retry", "0193f000-0000-7000-8000-00000000dead"); code != ExitFailure ||
		!strings.Contains(errs, "no refused change") || !hasPersian(errs) {
		t.Errorf("retry of an unknown id: exit %d, %q", code, errs)
	}
	if code, _, errs := run("refused", "--db", filepath.Join(t.TempDir(), "missing.db")); code != ExitFailure {
		t.Errorf("a missing store: exit %d, %q", code, errs)
	}
	if code, out, _ := run("refused", "--help"); code != 0 || !strings.Contains(out, "--retry-all") {
		t.Errorf("help: exit %d %q", code, out)
	}
	if code, _, errs := run("refused", "--db", db, "--retry", id); code != 0 {
		t.Fatalf("retry: exit %d %s", code, errs)
	}
	if p, r := counts(t, db); p != 1 || r != 0 {
		t.Fatalf("after retry: %d pending, %d refused", p, r)
	}
	db, id = storeWithRefused(t)
	if code, _, errs := run("refused", "--db", db, "--discard", id); code != 0 {
		t.Fatalf("discard: exit %d %s", code, errs)
	}
	if p, r := counts(t, db); p != 0 || r != 0 {
		t.Fatalf("after discard: %d pending, %d refused", p, r)
	}
	if code, out, _ := run("refused", "--db", db); code != 0 || !strings.Contains(out, "no changes") {
		t.Fatalf("empty list: exit %d %q", code, out)
	}
	db, _ = storeWithRefused(t)
	if code, _, errs := run("refused", "--db", db, "--retry-all"); code != 0 {
		t.Fatalf("retry all: exit %d %s", code, errs)
	}
	if p, r := counts(t, db); p != 1 || r != 0 {
		t.Fatalf("after retry-all: %d pending, %d refused", p, r)
	}
}

// Against a real HQ: enrol refuses a demo store; sync of an officer's store
// with a neighbourhood made on the laptop sends the rest, exits 0 and lists
// the refused change.
func TestSyncListsRefusedAndEnrolRefusesADemoStore(t *testing.T) {
	st, err := sqlitehq.Open(filepath.Join(t.TempDir(), "hq.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hq.NewServer(st, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer func() { srv.Close(); st.Close() }()
	newCode := func() string {
		code, err := hq.NewEnrolCode(context.Background(), st, 14, "Zahra", msync.RoleOfficer)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	demoDB := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := run("demo", "--db", demoDB, "--size", "1"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	code, _, errs := run("enrol", "--db", demoDB, "--server", srv.URL, "--code", newCode())
	if code != ExitFailure || !strings.Contains(errs, "demo data") || !hasPersian(errs) {
		t.Fatalf("enrol of a demo store: exit %d %q", code, errs)
	}
	db := filepath.Join(t.TempDir(), "office.db")
	if code, _, errs := run("enrol", "--db", db, "--server", srv.URL, "--code", newCode()); code != 0 {
		t.Fatalf("enrol: %s", errs)
	}
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(context.Background(), "Zahra", func(w *data.Writer) error {
		if _, err := w.Save("neighbourhoods", map[string]any{"district": 14, "name": "Made up"}); err != nil {
			return err
		}
		_, err := w.Save("people", map[string]any{"district": 14, "name": "Maryam", "role": "imam"})
		return err
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("sync", "--db", db)
	if code != 0 || !strings.Contains(out, "pushed 1 changes") || !strings.Contains(out, "reference data") || !strings.Contains(out, "mahalleh refused --retry") {
		t.Fatalf("sync: exit %d\n%s\n%s", code, out, errs)
	}
}

// hasPersian says whether s holds some Persian text (a message line).
func hasPersian(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// Import into an enrolled officer store refuses, whole, a file with
// reference data it does not hold (the demo's neighbourhoods), saying why
// and where, in both languages.
func TestImportIntoAnEnrolledStoreRefusesReferenceData(t *testing.T) {
	src := smallStore(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "backup.json")
	if code, _, e := run("export", "--db", src, "--out", file); code != 0 {
		t.Fatalf("export: %s", e)
	}
	db := filepath.Join(dir, "office.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{data.SettingSyncToken: "t", data.SettingSyncDistrict: "14", data.SettingSyncRole: "officer"} {
		s.SetSetting(context.Background(), k, v)
	}
	s.Close()
	code, _, errs := run("import", "--db", db, file)
	if code != ExitFailure || !strings.Contains(errs, "reference data") || !strings.Contains(errs, "[0]") || !hasPersian(errs) {
		t.Fatalf("import into an enrolled store: exit %d %q", code, errs)
	}
	if p, _ := counts(t, db); p != 0 {
		t.Fatalf("the refused import logged %d changes", p)
	}
}
