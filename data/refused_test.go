package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"mahalleh/internal/backuptest"
)

// A logged change whose fields no longer decode (here a progress that is
// not a number, as a damaged or older log could hold) must be an error
// naming the change, never a change with no fields that HQ then refuses.
func TestPendingChangesRefusesAnUndecodableChange(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	if err := s.MarkPushed(ctx, 1<<60); err != nil {
		t.Fatal(err)
	}
	save(t, s, "meetings", map[string]any{"id": wd.meeting, "title": "نشست تازه"})
	var id string
	if err := s.DB().QueryRow("SELECT change_id FROM changes WHERE pushed = 0").Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, fields := range []string{`{"title": 12}`, `{"colour": "red"}`, `not json`, `{}`} {
		if _, err := s.DB().Exec("UPDATE changes SET fields = ? WHERE change_id = ?", fields, id); err != nil {
			t.Fatal(err)
		}
		got, err := s.PendingChanges(ctx, 10)
		var ce *ChangeError
		if !errors.As(err, &ce) || ce.ChangeID != id || !IsInvalid(err) {
			t.Fatalf("fields %s: PendingChanges = %+v, %v; want a ChangeError naming %s", fields, got, err, id)
		}
	}
}

// A refused change is set aside with its reason, the others are marked
// pushed; a person can retry it (it is sent again, in its place) or discard
// it (never sent again, still in the log).
func TestRefusedChangesAreSetAsideRetriedAndDiscarded(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	s.MarkPushed(ctx, 1<<60)
	for _, title := range []string{"یک", "دو", "سه"} {
		save(t, s, "meetings", map[string]any{"id": wd.meeting, "title": title})
	}
	batch, err := s.PendingChanges(ctx, 10)
	if err != nil || len(batch) != 3 {
		t.Fatalf("pending = %d, %v", len(batch), err)
	}
	refused := Refusal{ChangeID: batch[1].ChangeID, Code: "forbidden", Message: "no", MessageFa: "نه"}
	if err := s.MarkPushed(ctx, batch[2].Seq, refused); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.PendingCount(ctx); n != 0 {
		t.Fatalf("pending after push = %d, want 0", n)
	}
	list, err := s.RefusedChanges(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("refused = %+v, %v", list, err)
	}
	r := list[0]
	if r.ChangeID != refused.ChangeID || r.Code != "forbidden" || r.Message != "no" || r.MessageFa != "نه" ||
		r.Entity != "meetings" || r.RecordID != wd.meeting || !strings.Contains(r.Fields, "دو") || r.RefusedAt == "" {
		t.Fatalf("refused change = %+v", r)
	}
	if err := s.RetryRefused(ctx, refused.ChangeID); err != nil {
		t.Fatal(err)
	}
	again, err := s.PendingChanges(ctx, 10)
	if err != nil || len(again) != 1 || again[0].ChangeID != refused.ChangeID || again[0].Fields["title"] != "دو" {
		t.Fatalf("after retry pending = %+v, %v", again, err)
	}
	if n, _ := s.RefusedCount(ctx); n != 0 {
		t.Fatalf("refused after retry = %d", n)
	}
	s.MarkPushed(ctx, again[0].Seq, refused)
	if err := s.DiscardRefused(ctx, refused.ChangeID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.RefusedCount(ctx); n != 0 {
		t.Fatalf("refused after discard = %d", n)
	}
	if n, _ := s.PendingCount(ctx); n != 0 {
		t.Fatalf("pending after discard = %d", n)
	}
	if n := queryCount(t, s.DB(), "SELECT count(*) FROM changes WHERE change_id = ?", refused.ChangeID); n != 1 {
		t.Fatalf("the discarded change is gone from the log")
	}
	for _, err := range []error{s.RetryRefused(ctx, refused.ChangeID), s.DiscardRefused(ctx, "nope")} {
		if !IsNotFound(err) {
			t.Errorf("retry/discard of no refused change = %v, want not found", err)
		}
	}
	if n, err := s.RetryAllRefused(ctx); n != 0 || err != nil {
		t.Errorf("retry all with none = %d, %v", n, err)
	}
}

// enrolAs writes the settings the sync client writes when it enrols.
func enrolAs(t *testing.T, s *Store, district, role string) {
	t.Helper()
	ctx := context.Background()
	for k, v := range map[string]string{SettingSyncToken: "tok", SettingSyncDistrict: district, SettingSyncRole: role} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
}

// An enrolled officer store refuses, all or nothing, the records of a file
// that HQ would refuse once pushed, naming the record by its place in the
// file; an HQ-role store and a store not enrolled take them.
func TestImportIntoAnEnrolledStoreRefusesWhatHQWould(t *testing.T) {
	src := openTestStore(t)
	wd := newWorld(t, src)
	var full bytes.Buffer
	if err := src.Export(context.Background(), &full, 0); err != nil {
		t.Fatal(err)
	}
	// The officer's store already holds the district's reference data (as
	// HQ sent it), then enrols for district 14.
	dst := openTestStore(t)
	if _, err := dst.Import(context.Background(), bytes.NewReader(full.Bytes()), "hq"); err != nil {
		t.Fatal(err)
	}
	enrolAs(t, dst, "14", "officer")
	later := FormatTime(time.Now().Add(time.Hour))
	edit := func(change func(doc map[string]any)) []byte {
		var doc map[string]any
		json.Unmarshal(full.Bytes(), &doc)
		change(doc)
		return backuptest.Seal(doc, ExportVersion, entityNames())
	}
	touch := func(doc map[string]any, entity, id string, set map[string]any) {
		for _, r := range doc[entity].([]any) {
			if rec := r.(map[string]any); rec["id"] == id {
				for k, v := range set {
					rec[k] = v
				}
			}
		}
	}
	fp := fingerprint(t, dst)
	cases := []struct {
		name, want string
		doc        []byte
	}{
		{"a changed neighbourhood", "neighbourhoods[", edit(func(d map[string]any) {
			touch(d, "neighbourhoods", wd.nbA, map[string]any{"name": "نام تازه", "updated_at": later})
		})},
		{"a record of district 7", "district 7", edit(func(d map[string]any) {
			touch(d, "people", wd.personOther, map[string]any{"notes": "x", "updated_at": later})
		})},
		{"an updated_at two days ahead", "future", edit(func(d map[string]any) {
			touch(d, "meetings", wd.meeting, map[string]any{"updated_at": FormatTime(time.Now().Add(48 * time.Hour))})
		})},
	}
	for _, c := range cases {
		_, err := dst.Import(context.Background(), bytes.NewReader(c.doc), "x")
		var de *Error
		if !errors.As(err, &de) || !IsInvalid(err) || !strings.Contains(de.Msg, c.want) || !strings.Contains(de.Msg, "[") || de.MsgFa == "" {
			t.Errorf("%s: import = %v; want a refusal mentioning %q and the record's position", c.name, err, c.want)
		}
		if fingerprint(t, dst) != fp {
			t.Fatalf("%s: the refused import changed the store", c.name)
		}
	}
	// The district's own work is taken (the unchanged reference data in the
	// file is no obstacle: nothing of it is written).
	ok := edit(func(d map[string]any) {
		touch(d, "meetings", wd.meeting, map[string]any{"title": "عنوان تازه", "updated_at": later})
	})
	if res, err := dst.Import(context.Background(), bytes.NewReader(ok), "x"); err != nil || res.Updated != 1 {
		t.Fatalf("import of the district's own edit = %+v, %v", res, err)
	}
	// An HQ-role store takes the neighbourhood edit.
	enrolAs(t, dst, "0", "hq")
	if _, err := dst.Import(context.Background(), bytes.NewReader(cases[0].doc), "x"); err != nil {
		t.Fatalf("an hq store refused reference data: %v", err)
	}
}
