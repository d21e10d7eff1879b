package data

// The change log is what sync pushes to HQ: if it misses a change, HQ never
// sees it; if it logs a field that did not change, a stale value can
// overwrite someone else's edit. These tests hold it to "exactly what changed".

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// changesOf returns the change-log rows of one record, oldest first.
func changesOf(t *testing.T, s *Store, id string) []Change {
	t.Helper()
	all, err := s.PendingChanges(context.Background(), 100000)
	if err != nil {
		t.Fatal(err)
	}
	var out []Change
	for _, c := range all {
		if c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

func clocksOf(t *testing.T, s *Store, entity, id string) map[string]string {
	t.Helper()
	c, err := readClocks(context.Background(), s.DB(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func TestChangeLogRecordsExactlyWhatChanged(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	meetings := EntityByName("meetings")

	// A create logs every field (the id is the record_id), with empty bases.
	m := save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "kind": "council",
		"title": "نشست شورایاری", "starts_at": "2025-10-02T09:00:00.000Z", "place": "سرای محله"})
	log := changesOf(t, s, m.ID())
	var allButID []string
	for _, f := range meetings.AllFields() {
		if f.Name != "id" {
			allButID = append(allButID, f.Name)
		}
	}
	slices.Sort(allButID)
	if len(log) != 1 || !slices.Equal(sortedKeys(log[0].Fields), allButID) {
		t.Fatalf("create logged %v, want one change with fields %v", log, allButID)
	}
	for f, b := range log[0].Base {
		if b != "" {
			t.Errorf("create: base of %s is %q, want empty", f, b)
		}
	}
	if log[0].Author != "رابط آزمون" || log[0].District != testDistrict || log[0].Entity != "meetings" || log[0].Fields["title"] != "نشست شورایاری" {
		t.Errorf("create logged %+v", log[0])
	}

	// An update logs the changed fields plus updated_at/updated_by, based on
	// the clocks those fields had before.
	before := clocksOf(t, s, "meetings", m.ID())
	save(t, s, "meetings", map[string]any{"id": m.ID(), "title": "نشست شورایاری محله", "place": "سرای محله", "minutes": "متن"})
	log = changesOf(t, s, m.ID())
	if len(log) != 2 {
		t.Fatalf("after an update: %d changes, want 2", len(log))
	}
	upd := log[1]
	if want := []string{"minutes", "title", "updated_at", "updated_by"}; !slices.Equal(sortedKeys(upd.Fields), want) {
		t.Errorf("update logged fields %v, want %v (place was saved unchanged)", sortedKeys(upd.Fields), want)
	}
	for f := range upd.Fields {
		if upd.Base[f] != before[f] || before[f] == "" {
			t.Errorf("update: base of %s is %q, want the previous clock %q", f, upd.Base[f], before[f])
		}
	}
	after := clocksOf(t, s, "meetings", m.ID())
	for f, c := range after {
		if _, changed := upd.Fields[f]; changed && c != upd.Clock {
			t.Errorf("clock of %s is %q, want the update's %q", f, c, upd.Clock)
		} else if !changed && c != before[f] {
			t.Errorf("the clock of the unchanged %s moved from %q to %q", f, before[f], c)
		}
	}

	// Saving the same values again logs nothing and changes nothing.
	fp := fingerprint(t, s)
	got := save(t, s, "meetings", map[string]any{"id": m.ID(), "title": "نشست شورایاری محله", "kind": "council", "district": testDistrict})
	if n := len(changesOf(t, s, m.ID())); n != 2 || fingerprint(t, s) != fp {
		t.Errorf("a no-op save logged %d changes (want 2) or changed the store", n)
	}
	if got["title"] != "نشست شورایاری محله" || got["updated_at"] != upd.Fields["updated_at"] {
		t.Errorf("a no-op save returned %v", got)
	}

	// A tombstone logs deleted.
	mustWrite(t, s, func(w *Writer) error { return w.Delete("meetings", m.ID()) })
	log = changesOf(t, s, m.ID())
	if len(log) != 3 || !slices.Equal(sortedKeys(log[2].Fields), []string{"deleted", "updated_at", "updated_by"}) || log[2].Fields["deleted"] != true {
		t.Errorf("delete logged %+v, want deleted = true with updated_at/updated_by", log[len(log)-1])
	}
}

func TestChangeLogClocksStrictlyIncrease(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	mustWrite(t, s, func(w *Writer) error { // many changes in one transaction, in one millisecond or so
		for i := 0; i < 50; i++ {
			if _, err := w.Save("attendance", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "guest_name": "مهمان " + itoa(i)}); err != nil {
				return err
			}
		}
		return nil
	})
	all, err := s.PendingChanges(context.Background(), 100000)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Clock <= all[i-1].Clock || all[i].Seq <= all[i-1].Seq {
			t.Fatalf("change %d has clock %s after %s: clocks must strictly increase", i, all[i].Clock, all[i-1].Clock)
		}
		if !ValidClock(all[i].Clock) {
			t.Fatalf("change %d has a malformed clock %q", i, all[i].Clock)
		}
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	before, fp := rowCounts(t, s), fingerprint(t, s)
	oops := errors.New("the officer pressed cancel")
	err := s.Write(context.Background(), "رابط", func(w *Writer) error {
		m, err := w.Save("meetings", map[string]any{"district": testDistrict, "kind": "other", "title": "نیمه‌کاره", "starts_at": "2025-10-02T09:00:00.000Z"})
		if err != nil {
			return err
		}
		if _, err := w.Save("attendance", map[string]any{"district": testDistrict, "meeting_id": m.ID(), "guest_name": "مهمان"}); err != nil {
			return err
		}
		if _, err := w.Save("meetings", map[string]any{"id": wd.meeting, "title": "عنوان تازه"}); err != nil {
			return err
		}
		return oops
	})
	if !errors.Is(err, oops) {
		t.Fatalf("Write returned %v, want the callback's error", err)
	}
	if after := rowCounts(t, s); !maps.Equal(before, after) || fingerprint(t, s) != fp {
		t.Fatalf("a failed transaction left traces: rows %v, were %v", after, before)
	}
}

func TestClockSurvivesReopenAndPull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	wd := newWorld(t, s)
	all, _ := s.PendingChanges(ctx, 100000)
	lastLocal := all[len(all)-1].Clock

	// HQ sends a record stamped by a device whose clock runs an hour ahead.
	future := FormatClock(time.Now().Add(time.Hour).UnixMilli(), 7, "hqnode000001")
	pulled := "0193f000-0000-7000-8000-00000000aa01"
	_, err = s.ApplyPull(ctx, []RemoteChange{{Entity: "people", ID: pulled, District: testDistrict,
		Fields: Record{"name": "رضا صادقی", "role": "elder", "created_at": "2025-10-01T00:00:00.000Z", "updated_at": "2025-10-01T00:00:00.000Z"},
		Clocks: map[string]string{"name": future, "role": future, "created_at": future, "updated_at": future}}}, "cursor-1")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	save(t, s, "meetings", map[string]any{"id": wd.meeting, "title": "پس از بازگشایی"})
	save(t, s, "people", map[string]any{"id": pulled, "phone": "۰۹۱۲۱۲۳۴۵۶۷"})
	log := changesOf(t, s, wd.meeting)
	afterReopen := log[len(log)-1].Clock
	if afterReopen <= lastLocal || afterReopen <= future {
		t.Errorf("a write after reopening got clock %s; it must be later than %s (local) and %s (pulled)", afterReopen, lastLocal, future)
	}
	plog := changesOf(t, s, pulled)
	if len(plog) != 1 || plog[0].Clock <= afterReopen || plog[0].Base["updated_at"] != future {
		t.Errorf("the edit of the pulled record logged %+v; want a later clock with base %s", plog, future)
	}
	if c, _ := s.Setting(ctx, "pull_cursor"); c != "cursor-1" {
		t.Errorf("pull cursor is %q", c)
	}
}
