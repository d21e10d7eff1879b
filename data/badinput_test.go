package data

// Bad input must be refused with a message a person can act on, in English
// and Persian, and must leave the store exactly as it was: even when the
// caller ignores the error and commits the rest of its transaction.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"mahalleh/internal/backuptest"
)

// checkRefused asserts err is a *data.Error of the given code with both messages.
func checkRefused(t *testing.T, label string, err error, codes ...ErrorCode) {
	t.Helper()
	var de *Error
	if !errors.As(err, &de) {
		t.Errorf("%s: got %v (%T), want a *data.Error", label, err, err)
		return
	}
	ok := false
	for _, c := range codes {
		ok = ok || de.Code == c
	}
	if !ok {
		t.Errorf("%s: code %d, want one of %v (%v)", label, de.Code, codes, err)
	}
	if strings.TrimSpace(de.Msg) == "" || strings.TrimSpace(de.MsgFa) == "" {
		t.Errorf("%s: empty message (Msg %q, MsgFa %q)", label, de.Msg, de.MsgFa)
	}
}

func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	gone := save(t, s, "meetings", map[string]any{"district": testDistrict, "kind": "other", "title": "لغوشده", "starts_at": "2025-10-02T09:00:00.000Z"}).ID()
	mustWrite(t, s, func(w *Writer) error { return w.Delete("meetings", gone) })
	meeting := func(extra map[string]any) map[string]any {
		m := map[string]any{"district": testDistrict, "kind": "elders", "title": "نشست", "starts_at": "2025-10-01T08:00:00.000Z"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	without := func(m map[string]any, key string) map[string]any { delete(m, key); return m }
	action := func(due string) map[string]any {
		return map[string]any{"district": testDistrict, "title": "اقدام", "status": "open", "due_date": due}
	}
	unknownID := "0193f000-0000-7000-8000-00000000beef"
	cases := []struct {
		name, entity string
		fields       map[string]any
	}{
		{"unknown entity", "widgets", meeting(nil)},
		{"unknown field", "meetings", meeting(map[string]any{"colour": "سبز"})},
		{"text given a number", "meetings", meeting(map[string]any{"title": 5})},
		{"district given text", "meetings", meeting(map[string]any{"district": "14"})},
		{"bool given text", "attendance", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "present": "yes"}},
		{"int given a fraction", "agenda_items", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "text": "بند", "position": 1.5}},
		{"int given a bool", "projects", map[string]any{"district": testDistrict, "title": "پروژه", "status": "planned", "progress": true}},
		{"missing title", "meetings", without(meeting(nil), "title")},
		{"empty title", "meetings", meeting(map[string]any{"title": ""})},
		{"missing start", "meetings", without(meeting(nil), "starts_at")},
		{"missing required reference", "attendance", map[string]any{"district": testDistrict, "guest_name": "مهمان"}},
		{"enum value not allowed", "meetings", meeting(map[string]any{"kind": "party"})},
		{"enum value in another case", "concerns", map[string]any{"district": testDistrict, "title": "چالش", "priority": "HIGH", "status": "open"}},
		{"reference to an unknown record", "meetings", meeting(map[string]any{"neighbourhood_id": unknownID})},
		{"reference to another district", "meetings", meeting(map[string]any{"neighbourhood_id": wd.nbOther})},
		{"reference to a person of another district", "meetings", meeting(map[string]any{"organiser_id": wd.personOther})},
		{"reference to a tombstoned record", "meetings", meeting(map[string]any{"neighbourhood_id": wd.nbDeleted})},
		{"child of a tombstoned meeting", "attendance", map[string]any{"district": testDistrict, "meeting_id": gone, "guest_name": "مهمان"}},
		{"reference to the wrong entity", "meetings", meeting(map[string]any{"neighbourhood_id": wd.person})},
		{"district 0 for a meeting", "meetings", meeting(map[string]any{"district": 0})},
		{"no district at all", "meetings", without(meeting(nil), "district")},
		{"district 23", "meetings", meeting(map[string]any{"district": 23})},
		{"district -1", "people", map[string]any{"district": -1, "name": "نام", "role": "elder"}},
		{"district 23 for reference data", "neighbourhoods", map[string]any{"district": 23, "name": "محله"}},
		{"time before 1990", "meetings", meeting(map[string]any{"starts_at": "1989-12-31T23:59:59Z"})},
		{"time in 2100", "meetings", meeting(map[string]any{"starts_at": "2100-01-01T00:00:00Z"})},
		{"not a time", "meetings", meeting(map[string]any{"starts_at": "فردا ساعت ۹"})},
		{"a Jalali date as a time", "meetings", meeting(map[string]any{"starts_at": "1404/07/09"})},
		{"time without a zone", "meetings", meeting(map[string]any{"starts_at": "2025-10-01T08:00:00"})},
		{"date that does not exist", "action_items", action("2025-02-30")},
		{"date 1404-07-09", "action_items", action("1404-07-09")},
		{"date with time", "action_items", action("2025-10-01T00:00:00Z")},
		{"invalid UTF-8", "meetings", meeting(map[string]any{"title": "نشست \xff\xfe"})},
		{"NUL in text", "meetings", meeting(map[string]any{"place": "سرا\x00"})},
		{"over-long title", "meetings", meeting(map[string]any{"title": strings.Repeat("ب", 501)})},
		{"over-long minutes", "meetings", meeting(map[string]any{"minutes": strings.Repeat("م", 100001)})},
		{"id not a UUID", "meetings", meeting(map[string]any{"id": "meeting-1"})},
		{"id with braces", "meetings", meeting(map[string]any{"id": "{0193f000-0000-7000-8000-00000000beef}"})},
		{"id as a number", "meetings", meeting(map[string]any{"id": 12})},
		{"moving a record to another district", "meetings", map[string]any{"id": wd.meeting, "district": 7}},
		{"moving reference data to another district", "neighbourhoods", map[string]any{"id": wd.nbA, "district": 7}},
		{"editing a tombstoned record", "meetings", map[string]any{"id": gone, "title": "دوباره"}},
		{"deleting a record that never was", "meetings", meeting(map[string]any{"id": unknownID, "deleted": true})},
	}
	counts, fp := rowCounts(t, s), fingerprint(t, s)
	for _, c := range cases {
		var saveErr error
		commitErr := s.Write(context.Background(), "رابط", func(w *Writer) error {
			_, saveErr = w.Save(c.entity, c.fields)
			return nil // a careless caller commits anyway: the refused save must have written nothing
		})
		if commitErr != nil {
			t.Errorf("%s: the commit failed: %v", c.name, commitErr)
		}
		checkRefused(t, c.name, saveErr, ErrInvalid, ErrNotFound)
		if got := rowCounts(t, s); fingerprint(t, s) != fp {
			t.Fatalf("%s: the store changed (rows %v, were %v)", c.name, got, counts)
		}
	}
	err := s.Write(context.Background(), "رابط", func(w *Writer) error { return w.Delete("meetings", unknownID) })
	checkRefused(t, "Delete of an unknown id", err, ErrInvalid, ErrNotFound)
	_, err = s.Get(context.Background(), "meetings", unknownID)
	checkRefused(t, "Get of an unknown id", err, ErrNotFound)
	_, err = s.Get(context.Background(), "widgets", unknownID)
	checkRefused(t, "Get of an unknown entity", err, ErrInvalid)
	if fingerprint(t, s) != fp {
		t.Fatal("the store changed")
	}
}

// exportDoc exports a store with a few records as a generic JSON document.
func exportDoc(t *testing.T) map[string]any {
	t.Helper()
	src := openTestStore(t)
	wd := newWorld(t, src)
	for i := 0; i < 5; i++ {
		save(t, src, "attendance", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "guest_name": "مهمان " + itoa(i)})
	}
	var b bytes.Buffer
	if err := src.Export(context.Background(), &b, 0); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestImportOfBadDocumentsWritesNothing(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s) // the target already has records: a bad import must not touch them
	fp := fingerprint(t, s)
	// tamper returns the document after change alters its last record of entity.
	tamper := func(entity string, change func(rec map[string]any)) []byte {
		doc := exportDoc(t)
		recs := doc[entity].([]any)
		change(recs[len(recs)-1].(map[string]any))
		return backuptest.Seal(doc, ExportVersion, entityNames())
	}
	withSection := func(name string, v any) []byte {
		doc := exportDoc(t)
		doc[name] = v
		return backuptest.Seal(doc, ExportVersion, entityNames())
	}
	version := func(v int) []byte { return backuptest.Seal(exportDoc(t), v, entityNames()) }
	cases := []struct {
		name string
		doc  []byte
	}{
		{"not JSON", []byte("{\"format\": ")},
		{"empty file", nil},
		{"a JSON array", []byte("[]")},
		{"another format", bytes.Replace(version(ExportVersion), []byte(`"mahalleh-export"`), []byte(`"excel"`), 1)},
		{"a later version", version(ExportVersion + 1)},
		{"version 1", version(1)},
		{"unknown section", withSection("widgets", []any{})},
		{"section not an array", withSection("meetings", map[string]any{"id": "x"})},
		{"unknown field", tamper("attendance", func(r map[string]any) { r["colour"] = "سبز" })},
		{"wrong type", tamper("attendance", func(r map[string]any) { r["present"] = "yes" })},
		{"missing required field", tamper("meetings", func(r map[string]any) { delete(r, "title") })},
		{"enum value not allowed", tamper("meetings", func(r map[string]any) { r["kind"] = "party" })},
		{"id not a UUIDv7", tamper("attendance", func(r map[string]any) { r["id"] = "3f8e6c2a-9b1d-4e8f-a0c3-2b7d9e1f4a60" })},
		{"date that does not exist", tamper("meetings", func(r map[string]any) { r["starts_at"] = "2025-02-30T08:00:00.000Z" })},
		{"district 23", tamper("attendance", func(r map[string]any) { r["district"] = 23 })},
		{"reference to an unknown record", tamper("attendance", func(r map[string]any) { r["meeting_id"] = "0193f000-0000-7000-8000-00000000beef" })},
		{"a record of this store in another district", tamper("meetings", func(r map[string]any) {
			r["id"], r["district"], r["updated_at"] = wd.meeting, 7, "2099-01-01T00:00:00.000Z"
		})},
	}
	for _, c := range cases {
		res, err := s.Import(context.Background(), bytes.NewReader(c.doc), "رابط")
		checkRefused(t, "import: "+c.name, err, ErrInvalid, ErrNotFound)
		if res.Added+res.Updated != 0 {
			t.Errorf("import %s: reported %+v", c.name, res)
		}
		if fingerprint(t, s) != fp {
			t.Fatalf("import %s: the store changed", c.name)
		}
	}
}
