package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// gunzipTo writes the gzipped file src, uncompressed, to dst.
func gunzipTo(t *testing.T, src, dst string) []byte {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if dst != "" {
		if err := os.WriteFile(dst, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// A store made by the version before issue 12 (commit 193bcd7: a demo of
// 12 meetings, declared real, its first 400 changes marked applied by HQ
// and one refused, as that version's MarkPushed left them) opens with this
// one: every record is kept (its export holds byte for byte the records that
// version exported), the waiting and refused changes stay and the applied ones
// go, the clock stays past every logged change, and search and the
// text-filtered list find what the rows say.
func TestStoreOfTheVersionBeforeOpens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	gunzipTo(t, "testdata/store-main-193bcd7.db.gz", path)
	want := gunzipTo(t, "testdata/store-main-193bcd7.export.json.gz", "")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got bytes.Buffer
	if err := s.Export(ctx, &got, 0); err != nil {
		t.Fatal(err)
	}
	// The old version's export is of backup format 1: restored into an
	// empty store and exported again, it must give the same bytes.
	ref, err := Open(filepath.Join(t.TempDir(), "reference.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	if _, err := ref.Import(ctx, bytes.NewReader(want), "test"); err != nil {
		t.Fatalf("the old version's export does not restore: %v", err)
	}
	var wantNow bytes.Buffer
	if err := ref.Export(ctx, &wantNow, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), wantNow.Bytes()) {
		t.Errorf("the export after the upgrade differs from the old version's records (%d bytes, want %d)", got.Len(), wantNow.Len())
	}
	if n, _ := s.PendingCount(ctx); n != 297 {
		t.Errorf("%d changes waiting, want the 297 the old store had", n)
	}
	if n, _ := s.RefusedCount(ctx); n != 1 {
		t.Errorf("%d refused changes, want 1", n)
	}
	if n := queryCount(t, s.db, "SELECT count(*) FROM changes"); n != 298 {
		t.Errorf("the change log holds %d rows, want 298 (the 400 applied ones deleted)", n)
	}
	rec := save(t, s, "people", map[string]any{"district": 14, "name": "رضا تازه", "role": "resident"})
	var hlc string
	s.db.QueryRow("SELECT hlc FROM changes WHERE record_id = ?", rec.ID()).Scan(&hlc)
	if hlc <= "1759201260000-00000-import-68efeb8c9928" { // the old log's largest clock
		t.Errorf("a new change has the clock %s, not later than the old log's", hlc)
	}
	checkTextList(t, s, "برگزار")
	checkTextList(t, s, "محله")
}

// checkTextList compares the meetings list filtered by word (every page of
// 3, and its count) with the meetings whose rows hold the word.
func checkTextList(t *testing.T, s *Store, word string) {
	t.Helper()
	ctx := context.Background()
	var want []string
	rows, err := s.db.Query(`SELECT id FROM meetings WHERE deleted = 0 AND district = 14
		AND (title LIKE '%'||?||'%' OR place LIKE '%'||?||'%' OR minutes LIKE '%'||?||'%')`, word, word, word)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		want = append(want, id)
	}
	rows.Close()
	if len(want) == 0 {
		t.Fatalf("no meeting holds %q: the test needs one", word)
	}
	f := Filter{District: 14, Text: word}
	var got []string
	last := "9999"
	for p := (Page{Limit: 3}); ; {
		l, err := s.ListMeetings(ctx, f, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Rows {
			if r.StartsAt > last {
				t.Errorf("%q: the list is not newest first (%s after %s)", word, r.StartsAt, last)
			}
			last = r.StartsAt
			got = append(got, r.ID)
		}
		if l.Next == "" {
			break
		}
		p.After = l.Next
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%q: the pages list %d meetings, the rows hold it in %d", word, len(got), len(want))
	}
	if n, err := s.CountMeetings(ctx, f); err != nil || n != len(want) {
		t.Errorf("%q: counted %d (%v), want %d", word, n, err, len(want))
	}
}

// Applied changes leave the log; the clock does not go back when they do.
func TestAppliedChangesLeaveTheLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		save(t, s, "people", map[string]any{"district": 14, "name": "نفر " + itoa(i), "role": "resident"})
	}
	ch, err := s.PendingChanges(ctx, 10)
	if err != nil || len(ch) != 3 {
		t.Fatalf("%d changes waiting (%v), want 3", len(ch), err)
	}
	if err := s.MarkPushed(ctx, ch[1].Seq, Refusal{ChangeID: ch[0].ChangeID, Code: "invalid"}); err != nil {
		t.Fatal(err)
	}
	if n := queryCount(t, s.db, "SELECT count(*) FROM changes"); n != 2 {
		t.Errorf("%d rows in the log after the push, want 2 (the refused one and the one not sent)", n)
	}
	if n, _ := s.PendingCount(ctx); n != 1 {
		t.Errorf("%d waiting, want 1", n)
	}
	if err := s.MarkPushed(ctx, ch[2].Seq); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := save(t, s, "people", map[string]any{"district": 14, "name": "نفر تازه", "role": "resident"})
	var hlc string
	s.db.QueryRow("SELECT hlc FROM changes WHERE record_id = ?", rec.ID()).Scan(&hlc)
	if hlc <= ch[2].Clock {
		t.Errorf("after the log was emptied and the store reopened, a change got the clock %s, not later than %s", hlc, ch[2].Clock)
	}
}

// Only a demo store is written without a change log, and then none is written.
func TestWriteUnloggedIsForDemos(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	put := func(w *Writer) error {
		_, err := w.Save("people", map[string]any{"district": 14, "name": "نفر نمایشی", "role": "resident"})
		return err
	}
	if err := s.WriteUnlogged(ctx, "demo", put); err == nil {
		t.Fatal("a real store was written without a change log")
	}
	if err := s.MarkDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteUnlogged(ctx, "demo", put); err != nil {
		t.Fatal(err)
	}
	if n := queryCount(t, s.db, "SELECT count(*) FROM changes"); n != 0 {
		t.Errorf("%d change-log rows after an unlogged write", n)
	}
	if n := queryCount(t, s.db, "SELECT count(*) FROM people WHERE name = 'نفر نمایشی'"); n != 1 {
		t.Errorf("%d people written, want 1", n)
	}
	if ids := searchIDs(t, s, "نمایشی"); len(ids) != 1 {
		t.Errorf("search finds %d records of the unlogged write, want 1", len(ids))
	}
}
