package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
)

var words = []string{"محله", "سرای", "نشست", "معتمدین", "شورایار", "پیگیری", "مصوبه", "حاشیه‌ها", "Park", "No. 12", "۱۴۰۴/۰۷/۰۹", "ترافیک", "فضای سبز", "'; DROP TABLE meetings; --", "emoji 🌳"}

func text(rng *rand.Rand, n int) string {
	s := ""
	for i := 0; i < n; i++ {
		if i > 0 {
			s += " "
		}
		s += words[rng.IntN(len(words))]
	}
	return s + fmt.Sprintf(" #%d", rng.IntN(1_000_000))
}

func instant(rng *rand.Rand) string {
	t := time.Date(2025, 3, 21, 9, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(365*24)) * time.Hour)
	return data.FormatTime(t)
}

// refs are the records a new or edited record may point at: a neighbourhood
// and a department (reference data, never deleted) and a meeting of the
// district (the workload never deletes meetings, so that no reference it
// makes can point at a tombstone). nil means none.
type refs struct{ hood, dept, meeting any }

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// editable says, per entity the workload uses, how to make one and how to
// edit one: free text (concurrent edits become conflicts), enums, whole
// numbers, true/false and references all get edited.
var editable = map[string]struct {
	create func(rng *rand.Rand, district int, r refs) map[string]any
	edit   func(rng *rand.Rand, r refs) map[string]any
}{
	"people": {
		create: func(rng *rand.Rand, d int, r refs) map[string]any {
			return map[string]any{"district": d, "name": text(rng, 2), "role": pick(rng, data.PersonRoles), "neighbourhood_id": r.hood, "notes": text(rng, 4)}
		},
		edit: func(rng *rand.Rand, r refs) map[string]any {
			return pick(rng, []map[string]any{{"notes": text(rng, 5)}, {"phone": fmt.Sprintf("0912%07d", rng.IntN(10_000_000))},
				{"neighbourhood_id": r.hood, "organisation": text(rng, 1)}, {"role": pick(rng, data.PersonRoles)}})
		},
	},
	"meetings": {
		create: func(rng *rand.Rand, d int, r refs) map[string]any {
			return map[string]any{"district": d, "kind": pick(rng, data.MeetingKinds), "title": text(rng, 3), "starts_at": instant(rng), "neighbourhood_id": r.hood, "minutes": text(rng, 12)}
		},
		edit: func(rng *rand.Rand, r refs) map[string]any {
			return pick(rng, []map[string]any{{"minutes": text(rng, 15)}, {"title": text(rng, 3), "place": text(rng, 1)}, {"place": text(rng, 2)},
				{"neighbourhood_id": r.hood, "ends_at": instant(rng)}})
		},
	},
	"concerns": {
		create: func(rng *rand.Rand, d int, r refs) map[string]any {
			return map[string]any{"district": d, "title": text(rng, 3), "priority": pick(rng, data.Priorities), "status": "open", "neighbourhood_id": r.hood, "department_id": r.dept, "description": text(rng, 6)}
		},
		edit: func(rng *rand.Rand, r refs) map[string]any {
			return pick(rng, []map[string]any{{"description": text(rng, 8)}, {"status": pick(rng, data.ConcernStatuses)},
				{"priority": pick(rng, data.Priorities), "department_id": r.dept}, {"meeting_id": r.meeting}})
		},
	},
	"projects": {
		create: func(rng *rand.Rand, d int, r refs) map[string]any {
			return map[string]any{"district": d, "title": text(rng, 2), "status": pick(rng, data.ProjectStatuses), "progress": rng.IntN(101), "neighbourhood_id": r.hood, "department_id": r.dept, "description": text(rng, 5)}
		},
		edit: func(rng *rand.Rand, r refs) map[string]any {
			return pick(rng, []map[string]any{{"progress": rng.IntN(101)}, {"status": pick(rng, data.ProjectStatuses), "progress": rng.IntN(101)},
				{"description": text(rng, 6)}, {"neighbourhood_id": r.hood, "department_id": r.dept}})
		},
	},
	"attendance": {
		create: func(rng *rand.Rand, d int, r refs) map[string]any {
			return map[string]any{"district": d, "meeting_id": r.meeting, "guest_name": text(rng, 1), "present": rng.IntN(2) == 0, "note": text(rng, 1)}
		},
		edit: func(rng *rand.Rand, r refs) map[string]any {
			return pick(rng, []map[string]any{{"present": rng.IntN(2) == 0}, {"note": text(rng, 2), "present": rng.IntN(2) == 0}})
		},
	},
}

// workEntities are the entities the workload writes and the checker checks.
var workEntities = []string{"people", "meetings", "concerns", "projects", "attendance"}

// recorder is told about every write: the model itself, or the hard-kill
// child, which reports its writes to the parent (see hardkill_test.go).
type recorder interface {
	before(d *device)
	begin(c change, start time.Time) error
	done(d *device, c change, w window) error
}

func (m *model) begin(change, time.Time) error { return nil }

func (m *model) done(d *device, c change, w window) error {
	m.after(d.name, w.to)
	return m.apply(c, d.officer, w, true)
}

// write makes the change c on d as the app would (one transaction), telling
// rec before and after.
func write(ctx context.Context, d *device, rec recorder, c change) error {
	rec.before(d)
	start := time.Now()
	if err := rec.begin(c, start); err != nil {
		return err
	}
	err := d.store.Write(ctx, d.officer, func(w *data.Writer) error {
		if c.Op == "delete" {
			return w.Delete(c.Entity, c.ID)
		}
		f := map[string]any{"id": c.ID}
		for k, v := range c.Fields {
			f[k] = v
		}
		_, err := w.Save(c.Entity, f)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %s %s %s: %w", d.name, c.Op, c.Entity, c.ID, err)
	}
	return rec.done(d, c, window{start, time.Now()})
}

// randomChanges makes n random creates (half), edits and deletes on d,
// each its own transaction as in the app, and tells rec of each.
func randomChanges(ctx context.Context, d *device, rng *rand.Rand, rec recorder, n int) error {
	ref, err := loadReference(ctx, d)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		c, ok, err := randomChange(ctx, d, rng, ref)
		if err != nil {
			return err
		}
		if ok {
			if err := write(ctx, d, rec, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// randomChange decides one change on d; ok is false when there is nothing
// to do (an attendance with no meeting to attend, an edit that would change nothing).
func randomChange(ctx context.Context, d *device, rng *rand.Rand, ref reference) (c change, ok bool, err error) {
	entity := pick(rng, workEntities)
	op := rng.IntN(10)
	r, err := randomRefs(ctx, d, rng, ref)
	if err != nil {
		return c, false, err
	}
	id := ""
	if op >= 5 {
		if id, err = randomID(ctx, d, rng, entity); err != nil {
			return c, false, err
		}
	}
	switch {
	case id == "":
		if entity == "attendance" && r.meeting == nil {
			return c, false, nil
		}
		f := editable[entity].create(rng, d.district, r)
		id = uuid.Must(uuid.NewV7()).String()
		f["id"] = id
		return change{Op: "create", Entity: entity, ID: id, Fields: f}, true, nil
	case op == 9 && entity != "meetings":
		return change{Op: "delete", Entity: entity, ID: id}, true, nil
	}
	f, err := realEdit(ctx, d, entity, id, editable[entity].edit(rng, r))
	return change{Op: "edit", Entity: entity, ID: id, Fields: f}, len(f) > 0, err
}

// realEdit keeps only the fields of an edit that change the record as d
// holds it: every write of the workload is then one change in the log.
func realEdit(ctx context.Context, d *device, entity, id string, f map[string]any) (map[string]any, error) {
	cur, err := d.store.Get(ctx, entity, id)
	if err != nil {
		return nil, fmt.Errorf("%s: read %s %s to edit it: %w", d.name, entity, id, err)
	}
	e := data.EntityByName(entity)
	for name, v := range f {
		nv, err1 := canonical(e.Field(name), v)
		ov, err2 := canonical(e.Field(name), cur[name])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s %s: %v %v", entity, id, err1, err2)
		}
		if reflect.DeepEqual(nv, ov) {
			delete(f, name)
		}
	}
	return f, nil
}

// randomID picks a live record of entity in the device's district, or "".
func randomID(ctx context.Context, d *device, rng *rand.Rand, entity string) (string, error) {
	var n int
	db := d.store.DB()
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+entity+" WHERE deleted = 0 AND district = ?", d.district).Scan(&n); err != nil || n == 0 {
		return "", err
	}
	var id string
	err := db.QueryRowContext(ctx, "SELECT id FROM "+entity+" WHERE deleted = 0 AND district = ? ORDER BY id LIMIT 1 OFFSET ?", d.district, rng.IntN(n)).Scan(&id)
	return id, err
}

// reference holds the ids of the reference data a device has: the
// workload does not change it, so it is read once per batch of changes.
type reference struct{ hoods, depts []string }

func loadReference(ctx context.Context, d *device) (reference, error) {
	var ref reference
	hoods, err := d.store.Neighbourhoods(ctx, d.district)
	if err != nil {
		return ref, err
	}
	for _, h := range hoods {
		ref.hoods = append(ref.hoods, h.ID)
	}
	depts, err := d.store.Departments(ctx)
	for _, dep := range depts {
		ref.depts = append(ref.depts, dep.ID)
	}
	return ref, err
}

// randomRefs picks what a record of d may point at; each is nil now and then.
func randomRefs(ctx context.Context, d *device, rng *rand.Rand, ref reference) (refs, error) {
	var r refs
	if len(ref.hoods) > 0 && rng.IntN(4) > 0 {
		r.hood = pick(rng, ref.hoods)
	}
	if len(ref.depts) > 0 && rng.IntN(4) > 0 {
		r.dept = pick(rng, ref.depts)
	}
	meeting, err := randomID(ctx, d, rng, "meetings")
	if meeting != "" {
		r.meeting = meeting
	}
	return r, err
}

// createOnly makes n new records (people, meetings, concerns) on d, one
// transaction each, with no references.
func createOnly(ctx context.Context, d *device, rng *rand.Rand, m *model, n int) error {
	for i := 0; i < n; i++ {
		entity := pick(rng, workEntities[:3])
		f := editable[entity].create(rng, d.district, refs{})
		f["id"] = uuid.Must(uuid.NewV7()).String()
		if err := write(ctx, d, m, change{Op: "create", Entity: entity, ID: f["id"].(string), Fields: f}); err != nil {
			return err
		}
	}
	return nil
}
