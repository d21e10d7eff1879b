package data

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// Every whole-number field carries the range both the device and HQ check:
// one unbounded int at HQ was enough to stop a district's sync (issue 8, #2).
func TestEveryIntFieldHasARange(t *testing.T) {
	for i := range Entities {
		e := &Entities[i]
		for _, f := range e.AllFields() {
			if f.Kind == KindInt && f.Min >= f.Max {
				t.Errorf("%s.%s is a whole number without a range (Min %d, Max %d)", e.Name, f.Name, f.Min, f.Max)
			}
			if f.Kind != KindInt && (f.Min != 0 || f.Max != 0) {
				t.Errorf("%s.%s has a range but is not a whole number", e.Name, f.Name)
			}
		}
	}
	want := map[string][2]int64{"projects.progress": {0, 100}, "meetings.district": {0, 22}}
	for name, r := range want {
		ent, field, _ := strings.Cut(name, ".")
		f := EntityByName(ent).Field(field)
		if f.Min != r[0] || f.Max != r[1] {
			t.Errorf("%s ranges %d–%d, want %d–%d", name, f.Min, f.Max, r[0], r[1])
		}
	}
}

// The device refuses an out-of-range number whether the officer types it or
// HQ sends it, with a message that gives the range.
func TestOutOfRangeIntIsRefusedOnTheDevice(t *testing.T) {
	s := openTestStore(t)
	newWorld(t, s)
	project := func(progress any) map[string]any {
		return map[string]any{"district": testDistrict, "title": "پارک", "status": "planned", "progress": progress}
	}
	save(t, s, "projects", project(100))
	for _, v := range []any{101, -1, int64(math.MaxInt64)} {
		err := s.Write(context.Background(), "t", func(w *Writer) error { _, err := w.Save("projects", project(v)); return err })
		checkRefused(t, fmt.Sprint("progress ", v), err, ErrInvalid)
		if err != nil && !strings.Contains(err.Error(), "from 0 to 100") {
			t.Errorf("progress %v: message %q does not give the range", v, err)
		}
	}

	// A pull page as the client decodes it from HQ's answer.
	page := `{"changes":[{"entity":"projects","id":"0193f000-0000-7000-8000-00000000c001","district":14,
		"fields":{"title":"پل","status":"planned","progress":9223372036854775807,"created_at":"2025-10-01T00:00:00.000Z","updated_at":"2025-10-01T00:00:00.000Z"},
		"clocks":{"title":"1764230000000-00000-hq","status":"1764230000000-00000-hq","progress":"1764230000000-00000-hq",
		"created_at":"1764230000000-00000-hq","updated_at":"1764230000000-00000-hq"}}]}`
	var resp struct{ Changes []RemoteChange }
	if err := json.Unmarshal([]byte(page), &resp); err != nil {
		t.Fatal(err)
	}
	_, err := s.ApplyPull(context.Background(), resp.Changes, "1")
	if err == nil || !strings.Contains(err.Error(), "from 0 to 100, not 9223372036854775807") {
		t.Errorf("a pulled progress of 2^63-1 gave %v; want a refusal naming the range and the exact value", err)
	}
}

// A number in a Record decoded from JSON keeps every digit: 2^53+1 is not
// 2^53 (a float64 would make it so).
func TestRecordNumbersDecodeExactly(t *testing.T) {
	var rec Record
	if err := json.Unmarshal([]byte(`{"n":9007199254740993,"m":-9223372036854775808}`), &rec); err != nil {
		t.Fatal(err)
	}
	e := &Entity{Name: "wide"}
	f := &Field{Name: "n", Kind: KindInt, Min: math.MinInt64, Max: math.MaxInt64}
	for key, want := range map[string]int64{"n": 1<<53 + 1, "m": math.MinInt64} {
		got, err := CheckValue(e, f, rec[key])
		if err != nil || got != want {
			t.Errorf("%s decoded to %v (%v), want %d", key, got, err, want)
		}
	}
	back, _ := json.Marshal(rec)
	if string(back) != `{"m":-9223372036854775808,"n":9007199254740993}` {
		t.Errorf("re-encoded as %s", back)
	}
}
