package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"mahalleh/data"
)

// model is what the test knows about the records the devices made: which
// ids were created and which deleted, so that "lost" and "duplicated" can be
// counted against it.
type model struct {
	created map[string]string // id → entity
	deleted map[string]bool
}

func newModel() *model { return &model{created: map[string]string{}, deleted: map[string]bool{}} }

// live returns the ids that must be alive at HQ, by entity.
func (m *model) live() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for id, e := range m.created {
		if m.deleted[id] {
			continue
		}
		if out[e] == nil {
			out[e] = map[string]bool{}
		}
		out[e][id] = true
	}
	return out
}

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

// editable says, per entity the workload uses, how to make one and which
// fields it edits (free text first: concurrent edits of those become conflicts).
var editable = map[string]struct {
	create func(rng *rand.Rand, district int, hood any) map[string]any
	edit   func(rng *rand.Rand) map[string]any
}{
	"people": {
		create: func(rng *rand.Rand, d int, hood any) map[string]any {
			return map[string]any{"district": d, "name": text(rng, 2), "role": data.PersonRoles[rng.IntN(len(data.PersonRoles))], "neighbourhood_id": hood, "notes": text(rng, 4)}
		},
		edit: func(rng *rand.Rand) map[string]any {
			if rng.IntN(2) == 0 {
				return map[string]any{"notes": text(rng, 5)}
			}
			return map[string]any{"phone": fmt.Sprintf("0912%07d", rng.IntN(10_000_000))}
		},
	},
	"meetings": {
		create: func(rng *rand.Rand, d int, hood any) map[string]any {
			return map[string]any{"district": d, "kind": data.MeetingKinds[rng.IntN(len(data.MeetingKinds))], "title": text(rng, 3), "starts_at": instant(rng), "neighbourhood_id": hood, "minutes": text(rng, 12)}
		},
		edit: func(rng *rand.Rand) map[string]any {
			if rng.IntN(2) == 0 {
				return map[string]any{"minutes": text(rng, 15)}
			}
			return map[string]any{"title": text(rng, 3), "place": text(rng, 1)}
		},
	},
	"concerns": {
		create: func(rng *rand.Rand, d int, hood any) map[string]any {
			return map[string]any{"district": d, "title": text(rng, 3), "priority": data.Priorities[rng.IntN(len(data.Priorities))], "status": "open", "neighbourhood_id": hood, "description": text(rng, 6)}
		},
		edit: func(rng *rand.Rand) map[string]any {
			if rng.IntN(2) == 0 {
				return map[string]any{"description": text(rng, 8)}
			}
			return map[string]any{"status": data.ConcernStatuses[rng.IntN(len(data.ConcernStatuses))]}
		},
	},
}

var workEntities = []string{"people", "meetings", "concerns"}

// randomID picks a live record of entity in the device's district, or "".
func randomID(ctx context.Context, d *device, rng *rand.Rand, entity string) string {
	var n int
	db := d.store.DB()
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+entity+" WHERE deleted = 0 AND district = ?", d.district).Scan(&n); err != nil || n == 0 {
		return ""
	}
	var id string
	db.QueryRowContext(ctx, "SELECT id FROM "+entity+" WHERE deleted = 0 AND district = ? ORDER BY id LIMIT 1 OFFSET ?", d.district, rng.IntN(n)).Scan(&id)
	return id
}

// randomHood picks a neighbourhood of the device's district, or nil.
func randomHood(ctx context.Context, d *device, rng *rand.Rand) any {
	hoods, err := d.store.Neighbourhoods(ctx, d.district)
	if err != nil || len(hoods) == 0 || rng.IntN(4) == 0 {
		return nil
	}
	return hoods[rng.IntN(len(hoods))].ID
}

// randomChanges makes n random creates (half), edits and deletes on d,
// each its own transaction as in the app, and records them in m.
func randomChanges(ctx context.Context, d *device, rng *rand.Rand, m *model, n int) error {
	for i := 0; i < n; i++ {
		entity := workEntities[rng.IntN(len(workEntities))]
		spec := editable[entity]
		op := rng.IntN(10)
		id := ""
		if op >= 5 {
			id = randomID(ctx, d, rng, entity)
		}
		if op == 9 && !mayDelete(ctx, d, entity, id) {
			op = 8 // HQ refuses it (only a supervisor deletes another officer's meeting): edit instead
		}
		err := d.store.Write(ctx, d.officer, func(w *data.Writer) error {
			switch {
			case id == "":
				rec, err := w.Save(entity, spec.create(rng, d.district, randomHood(ctx, d, rng)))
				if err == nil {
					m.created[rec.ID()] = entity
				}
				return err
			case op == 9:
				m.deleted[id] = true
				return w.Delete(entity, id)
			default:
				f := spec.edit(rng)
				f["id"] = id
				_, err := w.Save(entity, f)
				return err
			}
		})
		if err != nil {
			return fmt.Errorf("%s: change %d (%s %s): %w", d.name, i, entity, id, err)
		}
	}
	return nil
}

// mayDelete: an officer deletes only meetings they recorded themselves.
func mayDelete(ctx context.Context, d *device, entity, id string) bool {
	if entity != "meetings" || d.role == "supervisor" || d.role == "hq" || id == "" {
		return true
	}
	var by string
	d.store.DB().QueryRowContext(ctx, "SELECT created_by FROM meetings WHERE id = ?", id).Scan(&by)
	return by == d.officer
}
