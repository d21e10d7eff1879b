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
