package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"mahalleh/data"
	"mahalleh/sync/hq"
)

// verdict is the outcome of checking a finished session against HQ.
type verdict struct {
	lost, duplicated int
	converged        bool
	problems         []string
}

func (v *verdict) problem(format string, args ...any) {
	if len(v.problems) < 20 {
		v.problems = append(v.problems, fmt.Sprintf(format, args...))
	}
}

func hqExport(ctx context.Context, hs hq.Store, district int) ([]byte, error) {
	var buf bytes.Buffer
	err := hq.Export(ctx, hs, district, &buf)
	return buf.Bytes(), err
}

func deviceExport(ctx context.Context, d *device) ([]byte, error) {
	var buf bytes.Buffer
	err := d.store.Export(ctx, &buf, d.district)
	return buf.Bytes(), err
}

// verify checks, after a clean final sync: nothing the devices did is
// missing at HQ (every live record is there, and every field holds the
// value of its latest write in any device's change log), nothing is there
// twice, and every device's export equals HQ's export of its district.
func verify(ctx context.Context, hs hq.Store, devs []*device, m *model) verdict {
	v := verdict{converged: true}
	raw, err := hqExport(ctx, hs, 0)
	if err != nil {
		v.problem("HQ export: %v", err)
		v.converged = false
		return v
	}
	doc, err := data.ReadExport(bytes.NewReader(raw))
	if err != nil {
		v.problem("HQ export does not read back: %v", err)
		v.converged = false
		return v
	}
	atHQ := map[string]data.Record{}
	for entity, recs := range doc {
		for _, r := range recs {
			if _, dup := atHQ[r.ID()]; dup {
				v.duplicated++
				v.problem("%s %s is twice in HQ's export", entity, r.ID())
			}
			atHQ[r.ID()] = r
		}
	}
	countRecords(&v, doc, m)
	checkConflictsUnique(&v, doc["conflicts"])
	checkLatestWrites(ctx, &v, devs, atHQ, m)
	checkConvergence(ctx, &v, hs, devs, raw)
	return v
}

// countRecords compares HQ's records with the model: a missing id is lost,
// an unknown or extra one is a duplicate, a deleted one alive again is lost (the delete).
func countRecords(v *verdict, doc map[string][]data.Record, m *model) {
	want := m.live()
	for _, entity := range workEntities {
		got := map[string]bool{}
		for _, r := range doc[entity] {
			got[r.ID()] = true
			if m.created[r.ID()] == "" {
				v.duplicated++
				v.problem("%s %s is at HQ but no device created it", entity, r.ID())
			} else if m.deleted[r.ID()] {
				v.lost++
				v.problem("%s %s was deleted but is alive at HQ", entity, r.ID())
			}
		}
		for id := range want[entity] {
			if !got[id] {
				v.lost++
				v.problem("%s %s was created but is not at HQ", entity, id)
			}
		}
	}
}

// checkConflictsUnique: a push applied twice would record its conflicts twice.
func checkConflictsUnique(v *verdict, conflicts []data.Record) {
	seen := map[string]bool{}
	for _, c := range conflicts {
		key := fmt.Sprint(c["entity"], c["record_id"], c["field"], c["lost_clock"], c["lost_value"])
		if seen[key] {
			v.duplicated++
			v.problem("conflict %v recorded twice", key)
		}
		seen[key] = true
	}
}

type fieldKey struct{ entity, id, field string }

type write struct {
	clock string
	value any
	by    string
}

// checkLatestWrites reads every device's change log and checks that HQ
// holds, for every field of every live record, the value of its latest write.
func checkLatestWrites(ctx context.Context, v *verdict, devs []*device, atHQ map[string]data.Record, m *model) {
	latest := map[fieldKey]write{}
	for _, d := range devs {
		if n, _ := d.store.PendingCount(ctx); n != 0 {
			v.lost += n
			v.problem("%s still has %d changes waiting after the final sync", d.name, n)
		}
		rows, err := d.store.DB().QueryContext(ctx, "SELECT entity, record_id, hlc, fields FROM changes")
		if err != nil {
			v.problem("%s change log: %v", d.name, err)
			continue
		}
		for rows.Next() {
			var entity, id, clock, fields string
			rows.Scan(&entity, &id, &clock, &fields)
			var rec data.Record
			json.Unmarshal([]byte(fields), &rec)
			rec, _ = data.CheckFields(data.EntityByName(entity), rec)
			for f, val := range rec {
				k := fieldKey{entity, id, f}
				if clock > latest[k].clock {
					latest[k] = write{clock, val, d.name}
				}
			}
		}
		rows.Close()
	}
	for k, w := range latest {
		r, ok := atHQ[k.id]
		if !ok || m.created[k.id] == "" || m.deleted[k.id] {
			continue // counted by countRecords
		}
		if !reflect.DeepEqual(r[k.field], w.value) {
			v.lost++
			v.problem("%s %s.%s at HQ is %q, but the latest write (%s by %s) was %q", k.entity, k.id, k.field, r[k.field], w.clock, w.by, w.value)
		}
	}
}

// checkConvergence compares each device's export with HQ's export of the
// device's district (all districts for an HQ device).
func checkConvergence(ctx context.Context, v *verdict, hs hq.Store, devs []*device, all []byte) {
	for _, d := range devs {
		want := all
		if d.district != 0 {
			var err error
			if want, err = hqExport(ctx, hs, d.district); err != nil {
				v.problem("HQ export of district %d: %v", d.district, err)
				v.converged = false
				continue
			}
		}
		got, err := deviceExport(ctx, d)
		if err != nil {
			v.problem("export of %s: %v", d.name, err)
			v.converged = false
			continue
		}
		if !bytes.Equal(got, want) {
			v.converged = false
			v.problem("%s (district %d) differs from HQ: %s", d.name, d.district, firstDifference(got, want))
		}
	}
}

// firstDifference names the first record that differs between two exports.
func firstDifference(a, b []byte) string {
	da, errA := data.ReadExport(bytes.NewReader(a))
	db, errB := data.ReadExport(bytes.NewReader(b))
	if errA != nil || errB != nil {
		return fmt.Sprintf("unreadable export (%v, %v)", errA, errB)
	}
	names := make([]string, 0, len(da))
	for n := range da {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ia := map[string]data.Record{}
		for _, r := range da[n] {
			ia[r.ID()] = r
		}
		for _, r := range db[n] {
			if x, ok := ia[r.ID()]; !ok {
				return fmt.Sprintf("%s %s only at HQ", n, r.ID())
			} else if !reflect.DeepEqual(x, r) {
				return fmt.Sprintf("%s %s: device %v, HQ %v", n, r.ID(), x, r)
			}
			delete(ia, r.ID())
		}
		for id := range ia {
			return fmt.Sprintf("%s %s only on the device", n, id)
		}
	}
	return "same records, different bytes"
}
