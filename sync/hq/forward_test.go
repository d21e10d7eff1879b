package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/client"
)

// An old device syncs with records a newer version wrote (issue 8, #8): a
// newer app adds the fields "colour" and "seats" to meetings; HQ keeps them,
// this version's client pulls them without stopping, keeps them verbatim
// (2^53+1 with every digit), edits the record, and the fields survive the
// round trip on HQ and on the device.
func TestOldClientKeepsFieldsOfANewerVersion(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ctx := context.Background()
		newer := env.enrol(14, msync.RoleOfficer, "Newer app")
		big := json.Number("9007199254740993")
		t0 := time.Now().Add(-time.Hour)
		m := newMeeting(14, "جلسه با فیلد تازه", clockAt(t0, 0, "newer1"))
		m.Fields["colour"], m.Fields["seats"] = "سبز", big
		env.mustPush(newer.Token, m)
		raw := env.raw(http.MethodGet, "/v1/pull", env.enrol(14, msync.RoleOfficer, "Reader").Token, nil)
		if !bytes.Contains(raw.body, []byte(`"seats":9007199254740993`)) {
			t.Fatalf("HQ's pull page does not carry the newer field exactly: %s", raw.body)
		}

		store, err := data.Open(filepath.Join(t.TempDir(), "old.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		code, err := NewEnrolCode(ctx, env.store, 14, "Sara", msync.RoleOfficer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Enrol(ctx, store, env.srv.URL, code, "old laptop"); err != nil {
			t.Fatal(err)
		}
		old, err := client.New(store, client.Options{Retries: -1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Sync(ctx, nil); err != nil {
			t.Fatalf("an old device stops at a newer version's record: %v", err)
		}
		checkExtra := func(label, colour string) {
			t.Helper()
			extra, clocks, err := store.ExtraFields(ctx, "meetings", m.ID)
			if err != nil || extra["colour"] != colour || extra["seats"] != big || clocks["seats"] != m.Clock {
				t.Errorf("%s: the device keeps %v %v (%v); want colour %q and seats %s at %s", label, extra, clocks, err, colour, big, m.Clock)
			}
		}
		checkExtra("after the first pull", "سبز")
		if rec, err := store.Get(ctx, "meetings", m.ID); err != nil || rec["title"] != "جلسه با فیلد تازه" {
			t.Fatalf("the meeting's known fields: %v %v", rec, err)
		}

		// The old device edits the record; HQ keeps the newer fields.
		err = store.Write(ctx, "Sara", func(w *data.Writer) error {
			_, err := w.Save("meetings", map[string]any{"id": m.ID, "title": "ویرایش دستگاه قدیمی"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if rep, err := old.Sync(ctx, nil); err != nil || rep.Pushed != 1 {
			t.Fatalf("the old device's edit: %+v %v", rep, err)
		}
		hq := env.record("meetings", m.ID)
		if hq.Fields["title"] != "ویرایش دستگاه قدیمی" || hq.Fields["colour"] != "سبز" || hq.Fields["seats"] != big {
			t.Errorf("HQ holds %v after the old device's edit", hq.Fields)
		}

		// The newer app changes its field; the old device follows.
		env.mustPush(newer.Token, edit(m, clockAt(t0.Add(time.Minute), 0, "newer1"), "Newer app", data.Record{"colour": "آبی"}, nil))
		if _, err := old.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
		checkExtra("after the newer app's edit", "آبی")
	})
}
