package sqlitehq

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"

	"mahalleh/data"
	"mahalleh/sync/hq/hqdb"
)

// TestSplitSequencesKeepOldCursors: a database of the global sequence
// (migrations up to 00012) moved to one sequence per district: a record
// written after the move gets a number above every number given out
// before, in whatever district, so that an old cursor ("9": everything up to
// 9 seen) does not skip it; the old records keep their numbers.
func TestSplitSequencesKeepOldCursors(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hq.db")
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, raw, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 12); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO districts (id, name_fa, name_en) VALUES (3, 'سه', 'Three'), (14, 'چهارده', 'Fourteen')",
		`INSERT INTO records (entity, id, district, fields, clocks, deleted, seq) VALUES
			('meetings', 'a', 14, '{}', '{}', 0, 5), ('meetings', 'b', 3, '{}', '{}', 0, 9)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := &hqdb.Record{Entity: "meetings", ID: "c", District: 14, Fields: data.Record{"title": "after"}, Clocks: map[string]string{}}
	err = st.Update(ctx, func(tx hqdb.Tx) error {
		if err := tx.LockDistricts([]int{14}); err != nil {
			return err
		}
		return tx.PutRecord(rec)
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Seq <= 9 {
		t.Fatalf("the first record after the split got seq %d; want above 9, the last global seq", rec.Seq)
	}
	var old int64
	err = st.View(ctx, func(tx hqdb.Tx) error {
		r, err := tx.GetRecord("meetings", "a")
		if err == nil && r != nil {
			old = r.Seq
		}
		return err
	})
	if err != nil || old != 5 {
		t.Fatalf("an old record's seq: %d %v; want 5", old, err)
	}
}
