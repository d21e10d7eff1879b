package e2e

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"time"

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

// verify checks, after a clean final sync, HQ and every device against the
// test's model: every live record is there once, with every field holding
// the value of its last write (and nothing of another district on a
// device); nothing is pending on any device; conflicts are not recorded
// twice; and every device's export equals HQ's export of its district.
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
	checkAgainstModel(&v, "HQ", doc, 0, m)
	checkConflictsUnique(&v, doc["conflicts"])
	for _, d := range devs {
		n, err := d.store.PendingCount(ctx)
		if err != nil {
			v.problem("%s: pending changes: %v", d.name, err)
		} else if n != 0 {
			v.lost += n
			v.problem("%s still has %d changes waiting after the final sync", d.name, n)
		}
		got, err := deviceExport(ctx, d)
		if err == nil {
			var ddoc map[string][]data.Record
			if ddoc, err = data.ReadExport(bytes.NewReader(got)); err == nil {
				checkAgainstModel(&v, d.name, ddoc, d.district, m)
				checkSameAsHQ(ctx, &v, hs, d, got, raw)
			}
		}
		if err != nil {
			v.problem("export of %s: %v", d.name, err)
			v.converged = false
		}
	}
	return v
}

// checkAgainstModel compares the records of one export (of district, 0 for
// all) with the model: a record the model says is alive and missing is
// lost, one there twice, unknown to the model or of another district is a
// duplicate (or a leak), a field with a value the model does not allow is lost.
func checkAgainstModel(v *verdict, who string, doc map[string][]data.Record, district int, m *model) {
	seen := map[string]bool{}
	for _, entity := range workEntities {
		for _, r := range doc[entity] {
			id := r.ID()
			mr := m.recs[id]
			switch {
			case seen[id]:
				v.duplicated++
				v.problem("%s: %s %s is there twice", who, entity, id)
			case mr == nil || mr.entity != entity:
				v.duplicated++
				v.problem("%s: %s %s is there but the test never created it", who, entity, id)
			case district != 0 && mr.district != int64(district):
				v.duplicated++
				v.problem("%s (district %d) holds %s %s of district %d", who, district, entity, id, mr.district)
			default:
				checkRecord(v, who, r, mr)
			}
			seen[id] = true
		}
	}
	for id, mr := range m.recs {
		if must, _ := mr.alive(); must && !seen[id] && (district == 0 || mr.district == int64(district)) {
			v.lost++
			v.problem("%s: %s %s was created and not deleted, but is not there", who, mr.entity, id)
		}
	}
}

// checkRecord compares every field of one exported record with the model.
func checkRecord(v *verdict, who string, r data.Record, mr *modelRecord) {
	e := data.EntityByName(mr.entity)
	for i := range e.AllFields() {
		f := &e.AllFields()[i]
		if f.Name == "id" {
			continue
		}
		got, ok := r[f.Name]
		if !ok {
			v.lost++
			v.problem("%s: %s %s has no field %s", who, mr.entity, r.ID(), f.Name)
			continue
		}
		if ws, isTime := mr.times[f.Name]; isTime {
			checkTime(v, who, mr, r.ID(), f.Name, got, ws)
			continue
		}
		cv, err := canonical(f, got)
		if err != nil {
			v.lost++
			v.problem("%s: %s %s: %v", who, mr.entity, r.ID(), err)
			continue
		}
		if !slices.ContainsFunc(mr.fields[f.Name], func(w any) bool { return reflect.DeepEqual(w, cv) }) {
			v.lost++
			v.problem("%s: %s %s.%s is %#v, but the test last wrote %#v", who, mr.entity, r.ID(), f.Name, cv, mr.fields[f.Name])
		}
	}
}

// checkTime: created_at and updated_at fall in the wall-clock window of the
// write that set them (to the millisecond the store keeps).
func checkTime(v *verdict, who string, mr *modelRecord, id, name string, got any, ws []window) {
	s, _ := got.(string)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		v.lost++
		v.problem("%s: %s %s.%s is %#v, not a time: %v", who, mr.entity, id, name, got, err)
		return
	}
	for _, w := range ws {
		if !t.Before(w.from.Truncate(time.Millisecond)) && !t.After(w.to) {
			return
		}
	}
	v.lost++
	v.problem("%s: %s %s.%s is %s, outside the time of the write that set it (%v)", who, mr.entity, id, name, s, ws)
}

// checkSameAsHQ compares a device's export with HQ's export of the
// device's district (all districts, all, for an HQ device).
func checkSameAsHQ(ctx context.Context, v *verdict, hs hq.Store, d *device, got, all []byte) {
	want := all
	if d.district != 0 {
		var err error
		if want, err = hqExport(ctx, hs, d.district); err != nil {
			v.problem("HQ export of district %d: %v", d.district, err)
			v.converged = false
			return
		}
	}
	if !bytes.Equal(got, want) {
		v.converged = false
		v.problem("%s (district %d) differs from HQ: %s", d.name, d.district, firstDifference(got, want))
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

// checkAudit: HQ keeps one audit row per change it applied, so after a
// clean sync its rows must be exactly the changes the test made (each write
// of the workload is one change); fewer is a lost change, more a change
// applied twice.
func checkAudit(ctx context.Context, v *verdict, hs hq.Store, want int) {
	var audit int
	err := hs.View(ctx, func(tx hq.Tx) error {
		var err error
		_, audit, err = tx.Counts()
		return err
	})
	switch {
	case err != nil:
		v.problem("HQ's audit rows: %v", err)
		v.converged = false
	case audit < want:
		v.lost += want - audit
		v.problem("HQ has %d audit rows, but the test made %d changes", audit, want)
	case audit > want:
		v.duplicated += audit - want
		v.problem("HQ has %d audit rows, but the test made %d changes: some were applied twice", audit, want)
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
