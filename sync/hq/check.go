package hq

import (
	"strings"

	"mahalleh/data"
)

// HQ holds every record to the rules the app holds it to (data.Writer),
// checked on the record as it stands after the change, not only on the
// fields the change carries: otherwise a push could store what no device
// or export can take back ("meetings.title: is required"), or point a
// district-3 concern at a district-14 meeting (issue 8, #5).

// refKeys lists the records the references of changes name, so newMerger
// can read them with the records the changes touch, in one query.
func refKeys(changes []data.Change) []RecordKey {
	var out []RecordKey
	for i := range changes {
		c := &changes[i]
		e := data.EntityByName(c.Entity)
		for name, v := range c.Fields {
			id, _ := v.(string)
			if id == "" {
				continue
			}
			if target := refTarget(e, name, c.Fields, nil); target != "" {
				out = append(out, keyOf(target, id))
			}
		}
	}
	return out
}

// refTarget is the entity a reference field points at: the registry's Ref,
// or for a link's from_id/to_id the entity named by from_entity/to_entity
// (in the change, else in the stored record). "" when name is no reference.
func refTarget(e *data.Entity, name string, fields, stored data.Record) string {
	f := e.Field(name)
	if f == nil || f.Kind != data.KindRef || name == "id" {
		return ""
	}
	if f.Ref != "" {
		return f.Ref
	}
	prefix, ok := strings.CutSuffix(name, "_id")
	if !ok || e.Field(prefix+"_entity") == nil {
		return "" // e.g. conflicts.record_id: conflicts are made by HQ
	}
	target, ok := fields[prefix+"_entity"].(string)
	if !ok {
		target, _ = stored[prefix+"_entity"].(string)
	}
	if target == "" {
		return ""
	}
	if data.EntityByName(target) == nil {
		return "?" + target
	}
	return target
}

// checkMerged checks the record cur becomes when it takes the change's
// fields named in take (cur nil: a new record of the change's fields):
// every required field still set, and every reference it takes naming a
// record HQ holds, of the same district or of HQ's reference data. A
// record whose target HQ holds only as a tombstone is accepted: the
// target's deletion and the reference may have been made at once on two
// devices, and neither is wrong.
func (m *merger) checkMerged(i int, c *data.Change, e *data.Entity, cur *Record, take []string) error {
	value := func(name string) any {
		if cur == nil || containsName(take, name) {
			return c.Fields[name]
		}
		return cur.Fields[name]
	}
	for _, f := range e.AllFields() {
		if !f.Required || f.Name == "id" {
			continue
		}
		if v := value(f.Name); v == nil || v == "" {
			if cur == nil {
				return invalidf(whereFa(i)+": رکورد جدید فیلد الزامی «"+f.Name+"» را ندارد. برنامه را به‌روز کنید.",
					"%s: a new record lacks the required field %s. Update the app; if this keeps happening, report it to HQ.", where(i, c), f.Name)
			}
			return invalidf(whereFa(i)+": این تغییر فیلد الزامی «"+f.Name+"» را خالی می‌کند. مقداری برای آن وارد کنید و دوباره همگام‌سازی کنید.",
				"%s: the change empties the required field %s. Give it a value and sync again.", where(i, c), f.Name)
		}
	}
	for _, name := range take {
		id, _ := c.Fields[name].(string)
		var stored data.Record
		if cur != nil {
			stored = cur.Fields
		}
		target := refTarget(e, name, c.Fields, stored)
		if id == "" || target == "" {
			continue
		}
		if err := m.checkRef(i, c, name, target, id); err != nil {
			return err
		}
	}
	return nil
}

// checkRef refuses a reference to a record HQ does not hold, or holds in
// another district.
func (m *merger) checkRef(i int, c *data.Change, name, target, id string) error {
	var ref *Record
	if data.EntityByName(target) != nil {
		k := keyOf(target, id)
		if r, ok := m.recs[k]; ok {
			ref = r
		} else if !m.loaded[k] {
			var err error
			if ref, err = m.tx.GetRecord(target, id); err != nil {
				return err
			}
			if ref != nil {
				m.recs[k] = ref
			}
		}
	}
	if ref == nil {
		return invalidf(whereFa(i)+": فیلد «"+name+"» به رکوردی اشاره می‌کند که در ستاد نیست. اگر آن رکورد را دستگاه دیگری ساخته، صبر کنید تا همگام شود؛ وگرنه این ارجاع را درست کنید.",
			"%s: field %s refers to %s %s, which HQ does not hold. If another device made it, wait until that device has synced; otherwise correct the reference.",
			where(i, c), name, clip(strings.TrimPrefix(target, "?")), clip(id))
	}
	if ref.District != 0 && ref.District != c.District {
		return forbiddenf(whereFa(i)+": فیلد «"+name+"» به رکوردی از منطقه دیگری اشاره می‌کند؛ هر رکورد فقط به رکوردهای منطقه خودش و داده‌های مرجع ستاد اشاره می‌کند.",
			"%s: field %s refers to a record of district %d; a record of district %d may refer only to records of its own district and to HQ's reference data.",
			where(i, c), name, ref.District, c.District)
	}
	return nil
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
