package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"

	"mahalleh/internal/backuptest"
)

// entityNames are the entities in registry order, for backuptest.Seal.
func entityNames() []string {
	names := make([]string, len(Entities))
	for i := range Entities {
		names[i] = Entities[i].Name
	}
	return names
}

// backupOf exports a small world with a few attendance rows.
func backupOf(t *testing.T, opts ...BackupOption) []byte {
	t.Helper()
	src := openTestStore(t)
	wd := newWorld(t, src)
	for i := 0; i < 5; i++ {
		save(t, src, "attendance", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "guest_name": "مهمان " + itoa(i)})
	}
	var b bytes.Buffer
	if err := src.Export(context.Background(), &b, 0, opts...); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A document sealed by backuptest (written from the format's description,
// not by ExportWriter) imports: the reader follows the description, and the
// tests that edit a backup and seal it again meet import's validation.
func TestSealedBackupImports(t *testing.T) {
	doc, err := backuptest.Decode(backupOf(t))
	if err != nil {
		t.Fatal(err)
	}
	s := openTestStore(t)
	res, err := s.Import(context.Background(), bytes.NewReader(backuptest.Seal(doc, ExportVersion, entityNames())), "x")
	if err != nil || res.Added == 0 {
		t.Fatalf("import of a sealed backup = %+v, %v", res, err)
	}
}

// A backup cut short anywhere, with one byte changed, with a header of
// another version or counts that do not match is refused with a message
// that says so in both languages, and the store keeps exactly what the
// test wrote into it.
func TestDamagedBackupsAreRefused(t *testing.T) {
	good := backupOf(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(good)
	zw.Close()
	ctx := context.Background()
	s := openTestStore(t)
	wd := newWorld(t, s)
	mine := save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "kind": "elders",
		"title": "جلسه خود آزمون", "starts_at": "2025-11-01T08:00:00.000Z"})
	fp := fingerprint(t, s)
	at := func(s string) int { return bytes.Index(good, []byte(s)) }
	flip := func(off int) []byte {
		b := bytes.Clone(good)
		b[off] ^= 0x01
		return b
	}
	cut := func(b []byte, n int) []byte { return b[:n] }
	title := at(`"title": "نشست با معتمدان"`) + len(`"title": "`)
	cases := []struct {
		name, want string
		doc        []byte
	}{
		{"empty", "ends before", nil},
		{"cut after the brace", "ends before", cut(good, 1)},
		{"cut in the header", "ends before", cut(good, at(`"counts"`)+5)},
		{"cut after the header", "ends before", cut(good, at(`"subdistricts": [`))},
		{"cut inside a record", "ends before", cut(good, at(`"meetings": [`)+40)},
		{"cut between records", "ends before", cut(good, at(`"attendance": [`)+len(`"attendance": [`))},
		{"cut before the checksum", "ends before", cut(good, at(`"checksum"`))},
		{"cut inside the checksum", "ends before", cut(good, len(good)-10)},
		{"cut before the last brace", "ends before", cut(good, len(good)-2)},
		{"gzip cut short", "ends before", cut(gz.Bytes(), gz.Len()/2)},
		{"gzip with a changed byte", "compressed file is damaged", func() []byte { b := bytes.Clone(gz.Bytes()); b[gz.Len()-6] ^= 0xff; return b }()},
		{"a flipped bit in a title", "checksum does not match", flip(title + 1)},
		{"a flipped bit in the checksum", "checksum does not match", flip(len(good) - 5)},
		{"a flipped bit in the syntax", "not valid JSON", flip(at(`"meetings": [`) + len(`"meetings": `))},
		{"a header of version 3", "version 3", bytes.Replace(good, []byte(`"version": 2,`), []byte(`"version": 3,`), 1)},
		{"a header of version 1", "version 1", bytes.Replace(good, []byte(`"version": 2,`), []byte(`"version": 1,`), 1)},
		{"a count too high", "counts 2 meetings", bytes.Replace(good, []byte(`"meetings": 1,`), []byte(`"meetings": 2,`), 1)},
		{"a count too low", "counts 4 attendance", bytes.Replace(good, []byte(`"attendance": 5,`), []byte(`"attendance": 4,`), 1)},
		{"something after the end", "follows the end", append(bytes.Clone(good), "{}"...)},
	}
	for _, c := range cases {
		res, err := s.Import(ctx, bytes.NewReader(c.doc), "x")
		var de *Error
		if !errors.As(err, &de) || !IsInvalid(err) || !strings.Contains(de.Msg, c.want) || de.MsgFa == "" || de.MsgFa == de.Msg {
			t.Errorf("%s: import = %+v, %v; want a refusal in both languages saying %q", c.name, res, err, c.want)
		}
		if _, err := CheckExport(bytes.NewReader(c.doc)); err == nil {
			t.Errorf("%s: CheckExport took it", c.name)
		}
		if fingerprint(t, s) != fp {
			t.Fatalf("%s: the refused import changed the store", c.name)
		}
	}
	var n int
	var title2 string
	s.DB().QueryRow("SELECT count(*), max(title) FROM meetings WHERE id = ?", mine.ID()).Scan(&n, &title2)
	var all int
	s.DB().QueryRow("SELECT count(*) FROM meetings").Scan(&all)
	if n != 1 || title2 != "جلسه خود آزمون" || all != 2 {
		t.Fatalf("the store holds %d meetings (%d of the test's, titled %q); want the 2 the test wrote", all, n, title2)
	}
	// The intact file, plain and compressed, is taken.
	for _, doc := range [][]byte{good, gz.Bytes()} {
		if _, err := s.Import(ctx, bytes.NewReader(doc), "x"); err != nil {
			t.Fatalf("the intact backup was refused: %v", err)
		}
	}
}

// Progress is reported with the header's total, at most 1,000 records
// apart, and once at the end, both ways.
func TestBackupProgress(t *testing.T) {
	type call struct{ done, total int }
	var exp, imp []call
	doc := backupOf(t, OnProgress(func(d, n int) { exp = append(exp, call{d, n}) }))
	counts, err := CheckExport(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	s := openTestStore(t)
	if _, err := s.Import(context.Background(), bytes.NewReader(doc), "x", OnProgress(func(d, n int) { imp = append(imp, call{d, n}) })); err != nil {
		t.Fatal(err)
	}
	for name, calls := range map[string][]call{"export": exp, "import": imp} {
		if len(calls) == 0 || calls[len(calls)-1] != (call{total, total}) {
			t.Errorf("%s progress %v; want it to end with %d/%d", name, calls, total, total)
		}
	}
}
