package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"

	"mahalleh/data"
)

var fixedNow = time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC) // ۹ مهر ۱۴۰۴, the seed article's day

// filled returns the export of a new store filled with size meetings.
func filled(t *testing.T, size int, seed int64) (map[string][]map[string]any, []byte, Stats) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	calls := 0
	st, err := Fill(context.Background(), s, size, seed, WithNow(fixedNow), WithProgress(func(done, total int) { calls++ }))
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 && size > 0 {
		t.Error("the progress callback was never called")
	}
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, 0); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]map[string]any{}
	for name, body := range doc {
		if data.EntityByName(name) != nil {
			var recs []map[string]any
			json.Unmarshal(body, &recs)
			out[name] = recs
		}
	}
	return out, buf.Bytes(), st
}

func TestSameSeedSameExport(t *testing.T) {
	_, a, _ := filled(t, 60, 42)
	_, b, _ := filled(t, 60, 42)
	if !bytes.Equal(a, b) {
		t.Fatal("two stores filled with the same seed export different bytes")
	}
	_, c, _ := filled(t, 60, 43)
	if bytes.Equal(a, c) {
		t.Fatal("different seeds give the same data")
	}
}

func TestProportionsAndStats(t *testing.T) {
	doc, _, st := filled(t, 400, 1)
	n := func(name string) float64 { return float64(len(doc[name])) / 400 }
	if len(doc["meetings"]) != 400 || st.Meetings != 400 {
		t.Fatalf("meetings: %d exported, %d counted; want 400", len(doc["meetings"]), st.Meetings)
	}
	checks := []struct {
		entity   string
		min, max float64
		counted  int
	}{
		{"attendance", 5, 12, st.Attendance}, {"agenda_items", 2, 5, st.AgendaItems}, {"concerns", 1.6, 2.4, st.Concerns},
		{"decisions", 1.3, 1.7, st.Decisions}, {"action_items", 1.3, 1.7, st.ActionItems},
	}
	for _, c := range checks {
		if got := n(c.entity); got < c.min || got > c.max {
			t.Errorf("%s per meeting: %.2f, want %.1f–%.1f", c.entity, got, c.min, c.max)
		}
		if c.counted != len(doc[c.entity]) {
			t.Errorf("%s: Stats says %d, the store has %d", c.entity, c.counted, len(doc[c.entity]))
		}
	}
	if len(doc["neighbourhoods"]) < 20 || len(doc["subdistricts"]) != 6 || len(doc["projects"]) != 30 {
		t.Errorf("reference data: %d neighbourhoods, %d subdistricts, %d projects", len(doc["neighbourhoods"]), len(doc["subdistricts"]), len(doc["projects"]))
	}
	roles := map[string]int{}
	for _, p := range doc["people"] {
		roles[p["role"].(string)]++
	}
	for _, r := range []string{"elder", "imam", "council_member", "resident", "staff"} {
		if roles[r] == 0 {
			t.Errorf("no %s in the register", r)
		}
	}
	overdue, absent := 0, 0
	for _, a := range doc["action_items"] {
		if s := a["status"]; (s == "open" || s == "in_progress") && a["due_date"].(string) < "2025-10-01" {
			overdue++
		}
	}
	for _, a := range doc["attendance"] {
		if a["present"] == false {
			absent++
		}
	}
	if overdue == 0 || absent == 0 || len(doc["follow_ups"]) == 0 || len(doc["links"]) < len(doc["decisions"]) {
		t.Errorf("overdue %d, absent %d, follow-ups %d, links %d: all should be there", overdue, absent, len(doc["follow_ups"]), len(doc["links"]))
	}
}

func TestMeetingsInWorkingHoursOfTheLastYear(t *testing.T) {
	doc, _, _ := filled(t, 300, 5)
	loc, _ := time.LoadLocation("Asia/Tehran")
	for _, m := range doc["meetings"] {
		at, err := time.Parse(time.RFC3339, m["starts_at"].(string))
		if err != nil {
			t.Fatal(err)
		}
		local := at.In(loc)
		if local.Weekday() == time.Friday || local.Hour() < 8 || local.Hour() > 15 {
			t.Errorf("meeting at %v (Tehran): not working hours", local)
		}
		if at.After(fixedNow) || at.Before(fixedNow.AddDate(-1, 0, -2)) {
			t.Errorf("meeting at %v: not in the year before %v", at, fixedNow)
		}
	}
}

func TestIDsAreUUIDv7OfCreationTime(t *testing.T) {
	doc, _, _ := filled(t, 50, 9)
	for name, recs := range doc {
		for _, r := range recs {
			u, err := uuid.Parse(r["id"].(string))
			if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
				t.Fatalf("%s: %v is not a UUIDv7", name, r["id"])
			}
			if name == "departments" {
				continue // built in, not the demo's
			}
			sec, nsec := u.Time().UnixTime()
			created, _ := time.Parse(time.RFC3339, r["created_at"].(string))
			if got := time.Unix(sec, nsec).UnixMilli(); got != created.UnixMilli() {
				t.Fatalf("%s %s: id time %d, created_at %d", name, u, got, created.UnixMilli())
			}
		}
	}
}

// persianShare is the share of letters that are Arabic-script.
func persianShare(s string) float64 {
	var letters, arabic int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(arabic) / float64(letters)
}

func TestFillTwiceAddsOnlyNewMeetings(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "twice.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := Fill(ctx, s, 20, 1, WithNow(fixedNow)); err != nil {
		t.Fatal(err)
	}
	st, err := Fill(ctx, s, 20, 1, WithNow(fixedNow))
	if err != nil || st.Total() != 0 || st.Skipped == 0 {
		t.Fatalf("second fill with the same seed: %+v, %v; want nothing added", st, err)
	}
}
