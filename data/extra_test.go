package data

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// A pull page whose record has a field this version does not know does not
// stop the device: the field is kept verbatim with its clock, merged by
// clock like any field, and the record's known fields apply as usual.
func TestPullKeepsFieldsOfANewerVersion(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	id := "0193f000-0000-7000-8000-00000000e001"
	page := func(clock, colour string) []RemoteChange {
		text := `[{"entity":"people","id":"` + id + `","district":14,
			"fields":{"name":"رضا","role":"elder","created_at":"2025-10-01T00:00:00.000Z","updated_at":"2025-10-01T00:00:00.000Z",
				"colour":"` + colour + `","seats":9007199254740993,"vip":true,"note2":null},
			"clocks":{"name":"` + clock + `","role":"` + clock + `","created_at":"` + clock + `","updated_at":"` + clock + `",
				"colour":"` + clock + `","seats":"` + clock + `","vip":"` + clock + `","note2":"` + clock + `"}}]`
		var rcs []RemoteChange
		if err := json.Unmarshal([]byte(text), &rcs); err != nil {
			t.Fatal(err)
		}
		return rcs
	}
	c1, c0, c2 := "1764230000000-00001-hq", "1764230000000-00000-hq", "1764230000000-00002-hq"
	steps := []struct {
		clock, colour, want string
	}{{c1, "سبز", "سبز"}, {c0, "قرمز", "سبز"}, {c2, "آبی", "آبی"}}
	for _, st := range steps {
		if _, err := s.ApplyPull(ctx, page(st.clock, st.colour), "1"); err != nil {
			t.Fatalf("a pull with a newer version's fields: %v", err)
		}
		extra, clocks, err := s.ExtraFields(ctx, "people", id)
		if err != nil || extra["colour"] != st.want || extra["seats"] != json.Number("9007199254740993") || extra["vip"] != true {
			t.Errorf("after a page at %s: kept %v (%v), want colour %s", st.clock, extra, err, st.want)
		}
		if _, ok := extra["note2"]; !ok || clocks["colour"] < c1 {
			t.Errorf("after a page at %s: clocks %v, fields %v", st.clock, clocks, extra)
		}
	}
	if rec, err := s.Get(ctx, "people", id); err != nil || rec["name"] != "رضا" || rec["colour"] != nil {
		t.Errorf("the record: %v %v", rec, err)
	}
	// What no version's field can be is still refused, and so is a typo typed here.
	bad := page(c2, "x")
	bad[0].Fields["Colour"] = "x"
	if _, err := s.ApplyPull(ctx, bad, "2"); err == nil || !strings.Contains(err.Error(), "Colour") {
		t.Errorf("a malformed field name was accepted: %v", err)
	}
	bad = page(c2, "x")
	bad[0].Fields["tags"] = []any{"a"}
	if _, err := s.ApplyPull(ctx, bad, "2"); err == nil {
		t.Error("a list value was accepted")
	}
	err := s.Write(ctx, "t", func(w *Writer) error {
		_, err := w.Save("people", map[string]any{"district": 14, "name": "x", "role": "elder", "colour": "x"})
		return err
	})
	checkRefused(t, "an unknown field typed on this device", err, ErrInvalid)
}

// After an upgrade that adds a field, what the older version kept aside for
// it becomes the field's value, when its clock is later; values the new
// field refuses and fields still unknown stay aside.
func TestUpgradeAdoptsKeptFields(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/m.db"
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	wd := newWorld(t, s)
	clocks, _ := readClocks(ctx, s.db, "meetings", wd.meeting)
	later := FormatClock(9999999999999, 0, "newer")
	// As an older version of this store kept them: "place", "kind" and
	// "ends_at" were fields it did not know.
	_, err = s.db.Exec("INSERT INTO extra_fields (entity, record_id, fields, clocks) VALUES ('meetings', ?, ?, ?)", wd.meeting,
		`{"place":"کتابخانه","kind":"other","ends_at":"not a time","colour":"سبز"}`,
		`{"place":"`+later+`","kind":"0000000000001-00000-old","ends_at":"`+later+`","colour":"`+later+`"}`)
	if err != nil {
		t.Fatal(err)
	}
	// The older version had not opened the store with this one's fields.
	if err := s.SetSetting(ctx, registryKey, "an older version"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec, err := s.Get(ctx, "meetings", wd.meeting)
	if err != nil || rec["place"] != "کتابخانه" || rec["kind"] != "elders" {
		t.Errorf("after the upgrade: place %q, kind %q (%v); want the kept place and the newer kind", rec["place"], rec["kind"], err)
	}
	now, _ := readClocks(ctx, s.db, "meetings", wd.meeting)
	if now["place"] != later || now["kind"] != clocks["kind"] {
		t.Errorf("clocks: place %s, kind %s", now["place"], now["kind"])
	}
	extra, _, _ := s.ExtraFields(ctx, "meetings", wd.meeting)
	if len(extra) != 2 || extra["colour"] != "سبز" || extra["ends_at"] != "not a time" {
		t.Errorf("left aside: %v; want colour and the refused ends_at", extra)
	}
	if ids := searchIDs(t, s, "کتابخانه"); len(ids) != 1 || ids[0] != wd.meeting {
		t.Errorf("search does not find the adopted place: %v", ids)
	}
}
