package report

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// TestRecordSourceMatchesStore counts the same demo store twice: through
// its SQL (StoreSource) and through its records as a JSON backup holds them
// (RecordSource, what HQ's stores hand out), for a district, a
// neighbourhood and every district. The reports must be equal to the last
// field.
func TestRecordSourceMatchesStore(t *testing.T) {
	s, now := demoStore(t, 60)
	ctx := context.Background()
	var b bytes.Buffer
	if err := s.Export(ctx, &b, 0); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	byEntity := map[string][]data.Record{}
	for _, e := range data.Entities {
		var recs []data.Record
		if raw, ok := doc[e.Name]; ok {
			if err := json.Unmarshal(raw, &recs); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range recs {
			for k, v := range r {
				if n, ok := v.(json.Number); ok {
					r[k], _ = n.Int64()
				}
			}
			if r["deleted"] != true {
				byEntity[e.Name] = append(byEntity[e.Name], r)
			}
		}
	}
	calls := 0
	live := func(_ context.Context, entity string, district int) ([]data.Record, error) {
		calls++
		var out []data.Record
		for _, r := range byEntity[entity] {
			if district == 0 || r.District() == district || r.District() == 0 {
				out = append(out, r)
			}
		}
		return out, nil
	}
	var hood string // the busiest neighbourhood
	if err := s.DB().QueryRow(`SELECT neighbourhood_id FROM meetings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&hood); err != nil {
		t.Fatal(err)
	}
	for _, sc := range []Scope{{District: 14}, {District: 14, NeighbourhoodID: hood}, {}} {
		for _, p := range []jalali.Period{jalali.Year(1404), jalali.Month(1404, 5)} {
			want, err := Compute(ctx, s, sc, p, now)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ComputeFrom(ctx, RecordSource(live), sc, p, now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v %s: from records\n%+v\nfrom the store\n%+v", sc, p.NameEnglish(), got, want)
			}
			if p.Kind == jalali.PeriodYear && (want.Meetings == 0 || len(want.Departments) == 0) {
				t.Errorf("%+v %s: nothing counted, the comparison proves nothing", sc, p.NameEnglish())
			}
		}
	}
	if calls == 0 {
		t.Fatal("the record source read nothing")
	}
}
