package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A backup written by the version before the streaming format (main at
// 193bcd7, `mahalleh export --format json`, kept in testdata) still
// restores: every record the file holds is in the store afterwards, with
// the file's own values. The oracle is the file, read by the test itself.
func TestVersion1BackupStillRestores(t *testing.T) {
	raw := gunzipFile(t, "testdata/backup-v1-193bcd7.json.gz")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	s, err := Open(filepath.Join(t.TempDir(), "restored.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	res, err := s.Import(ctx, bytes.NewReader(raw), "test")
	if err != nil {
		t.Fatalf("a version-1 backup is refused: %v", err)
	}
	total := 0
	for name, body := range doc {
		if name == "format" || name == "version" {
			continue
		}
		var recs []map[string]any
		if err := json.Unmarshal(body, &recs); err != nil {
			t.Fatal(err)
		}
		total += len(recs)
		for _, want := range recs {
			got, err := s.Get(ctx, name, want["id"].(string))
			if err != nil {
				t.Fatalf("%s %v is not in the store: %v", name, want["id"], err)
			}
			for _, f := range []string{"title", "name", "text"} {
				if w, ok := want[f]; ok && got[f] != w {
					t.Fatalf("%s %v: %s is %q, the file says %q", name, want["id"], f, got[f], w)
				}
			}
		}
	}
	if res.Added+res.Updated+res.Unchanged != total || res.Added == 0 {
		t.Fatalf("import counted %+v for the file's %d records", res, total)
	}

	// A cut-short version-1 file is refused and writes nothing.
	empty, err := Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, err := empty.Import(ctx, bytes.NewReader(raw[:len(raw)/2]), "test"); err == nil {
		t.Fatal("half a version-1 backup was accepted")
	}
	list, _ := empty.ListMeetings(ctx, Filter{}, Page{Limit: 5})
	if len(list.Rows) != 0 {
		t.Fatalf("a refused version-1 backup wrote %d meetings", len(list.Rows))
	}
}

func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
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
	return b
}
