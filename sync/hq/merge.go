package hq

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// conflictEditable are the fields of a "conflicts" record a device may
// change: its decision, not the versions HQ recorded.
var conflictEditable = []string{"state", "resolution", "updated_at", "updated_by"}

// merger applies the changes of one batch inside its transaction. It reads
// everything the batch needs in two queries (which change ids were applied
// before, the records the batch touches), applies the changes in order to
// those records in memory, and writes the result in flush with one
// statement per table: a handful of statements per batch instead of five
// per change. The outcome is the one of applying the changes one by one:
// a later change of the batch sees what an earlier one did, and a record
// changed twice is written once, with the seq of its last change.
type merger struct {
	tx   Tx
	dev  *Device
	at   time.Time
	seen map[string]bool // change ids of this batch met so far, for duplicates inside it
	done map[string]bool // change ids applied by earlier pushes

	recs    map[RecordKey]*Record // records as they stand after the changes so far
	loaded  map[RecordKey]bool    // keys read into recs up front (absent from recs: not on HQ)
	written map[RecordKey]int     // records to write, with the order of their last change
	order   int
	applied []string // change ids applied by this batch
	audits  []Audit
}

func newMerger(tx Tx, dev *Device, at time.Time, changes []data.Change) (*merger, error) {
	ids := make([]string, 0, len(changes))
	keys := make([]RecordKey, 0, len(changes))
	unique := make(map[RecordKey]bool, len(changes))
	for i := range changes {
		c := &changes[i]
		ids = append(ids, c.ChangeID)
		if k := keyOf(c.Entity, c.ID); !unique[k] {
			unique[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range refKeys(changes) { // the records references name, read with the rest
		if !unique[k] {
			unique[k] = true
			keys = append(keys, k)
		}
	}
	done, err := tx.AppliedChanges(ids)
	if err != nil {
		return nil, err
	}
	recs, err := tx.GetRecords(keys)
	if err != nil {
		return nil, err
	}
	return &merger{tx: tx, dev: dev, at: at, seen: map[string]bool{}, done: done, recs: recs, loaded: unique,
		written: map[RecordKey]int{}}, nil
}

func (m *merger) apply(i int, c *data.Change, res *msync.PushResponse) error {
	if m.seen[c.ChangeID] || m.done[c.ChangeID] {
		res.Duplicates++
		return nil
	}
	e := data.EntityByName(c.Entity)
	cur := m.recs[keyOf(c.Entity, c.ID)]
	if err := m.checkRecord(i, c, e, cur); err != nil {
		return err // refused before anything changed: the rest of the batch goes on
	}
	audit := Audit{At: m.at, Device: m.dev.ID, Officer: m.dev.Officer, Entity: c.Entity,
		RecordID: c.ID, Fields: sortedKeys(c.Fields), Clock: c.Clock}
	conflicts, err := m.merge(i, e, c, cur)
	if err != nil {
		return err // refused on the merged record: not seen, so the same change again is checked again
	}
	m.seen[c.ChangeID] = true
	res.Applied++
	res.Conflicts += conflicts
	m.applied = append(m.applied, c.ChangeID)
	m.audits = append(m.audits, audit)
	return nil
}

// put keeps rec as the current state of its record, to be written by flush.
func (m *merger) put(rec *Record) {
	k := keyOf(rec.Entity, rec.ID)
	m.recs[k] = rec
	m.order++
	m.written[k] = m.order
}

// flush writes what the batch did: the records in the order of their last
// change (so seq order follows the batch), the applied change ids, the
// audit rows.
func (m *merger) flush() error {
	recs := make([]*Record, 0, len(m.written))
	for k := range m.written {
		recs = append(recs, m.recs[k])
	}
	slices.SortFunc(recs, func(a, b *Record) int {
		return m.written[keyOf(a.Entity, a.ID)] - m.written[keyOf(b.Entity, b.ID)]
	})
	if err := m.tx.PutRecords(recs); err != nil {
		return err
	}
	if err := m.tx.MarkAppliedAll(m.applied, m.dev.ID, m.at); err != nil {
		return err
	}
	return m.tx.AddAudits(m.audits)
}

// checkRecord holds the rules that need the stored record: no hijacking an
// id of another district, conflict records made only by HQ, no record
// created deleted. The merged record is checked in merge (checkMerged).
func (m *merger) checkRecord(i int, c *data.Change, e *data.Entity, cur *Record) error {
	if cur != nil && cur.District != c.District {
		return forbiddenf(whereFa(i)+": رکوردی با این شناسه در منطقه دیگری ثبت شده است و این دستگاه نمی‌تواند آن را تغییر دهد. به ستاد خبر دهید.",
			"%s: a record with this id belongs to another district; this device cannot change it. Report this to HQ.", where(i, c))
	}
	if err := checkAttachmentBlob(m.tx, m.dev, i, c); err != nil {
		return err
	}
	if err := m.checkRole(i, c, cur); err != nil {
		return err
	}
	if e.Name == "conflicts" {
		if cur == nil {
			return forbiddenf(whereFa(i)+": رکورد تعارض را فقط ستاد می‌سازد.",
				"%s: conflict records are made by HQ only; a device may only resolve them.", where(i, c))
		}
		for name := range c.Fields {
			if !slices.Contains(conflictEditable, name) {
				return forbiddenf(whereFa(i)+": در رکورد تعارض فقط وضعیت و راه‌حل تغییر می‌کند.",
					"%s: field %s of a conflict record cannot be changed; only state and resolution can.", where(i, c), name)
			}
		}
	}
	if cur == nil && c.Fields["deleted"] == true {
		return invalidf(whereFa(i)+": رکورد جدید نمی‌تواند حذف‌شده باشد (برنامه هم آن را نمی‌پذیرد). برنامه را به‌روز کنید و اگر تکرار شد به ستاد خبر دهید.",
			"%s: a new record cannot be created deleted (the app refuses it too). Update the app; if this keeps happening, report it to HQ.", where(i, c))
	}
	return nil
}

// merge applies the change field by field (data.Merge) and keeps the losing
// side of each concurrent free-text edit as a "conflicts" record. It returns
// how many conflicts it recorded.
func (m *merger) merge(i int, e *data.Entity, c *data.Change, cur *Record) (int, error) {
	if cur == nil {
		if err := m.checkMerged(i, c, e, nil, sortedKeys(c.Fields)); err != nil {
			return 0, err
		}
		m.create(c)
		return 0, nil
	}
	rec := cur
	inClocks := make(map[string]string, len(c.Fields))
	for name := range c.Fields {
		inClocks[name] = c.Clock
	}
	res := data.Merge(e, rec.Fields, rec.Clocks, c.Fields, inClocks, c.Base)
	if err := m.checkMerged(i, c, e, rec, res.Take); err != nil {
		return 0, err
	}
	var before data.Record
	if len(res.Conflicts) > 0 {
		before = copyRecord(rec.Fields)
	}
	for _, name := range res.Take {
		rec.Fields[name] = c.Fields[name]
		rec.Clocks[name] = c.Clock
	}
	rec.Deleted, _ = rec.Fields["deleted"].(bool)
	if len(res.Take) > 0 {
		if rec.Origin != m.dev.ID {
			rec.Origin = "" // now a mix of this device's fields and others'
		}
		m.put(rec)
	}
	for _, fc := range res.Conflicts {
		if err := m.addConflict(c, rec, before, fc); err != nil {
			return 0, err
		}
	}
	return len(res.Conflicts), nil
}

// create makes a new record of the change: what data.Merge against no
// record comes to (every field taken with the change's clock, no conflict),
// without its per-field work, since a first sync is all creations. The
// record takes over the change's decoded fields instead of copying them:
// nothing reads a change's fields once it is applied.
func (m *merger) create(c *data.Change) {
	rec := &Record{Entity: c.Entity, ID: c.ID, District: c.District, Fields: c.Fields,
		Clocks: make(map[string]string, len(c.Fields)), Origin: m.dev.ID}
	for name := range c.Fields {
		rec.Clocks[name] = c.Clock
	}
	rec.Deleted, _ = rec.Fields["deleted"].(bool)
	m.put(rec)
}

// addConflict stores a conflict as a record of the district of the record
// it is about, so it flows down to that district's devices like any record.
func (m *merger) addConflict(c *data.Change, rec *Record, before data.Record, fc data.FieldConflict) error {
	lostBy := m.dev.Officer
	if fc.LostClock != c.Clock { // the stored version lost: the audit log knows who wrote it
		var err error
		if lostBy, err = m.authorOf(rec, fc.LostClock); err != nil {
			return err
		}
		if lostBy == "" {
			lostBy, _ = before["updated_by"].(string)
		}
	}
	clock := data.Clock{Node: "hq"}
	clock.Observe(c.Clock)
	clock.Observe(fc.LostClock)
	stamp := clock.Now()
	at := m.at.Format(data.TimeLayout)
	fields := data.Record{"district": int64(rec.District), "created_at": at, "updated_at": at, "created_by": "hq",
		"updated_by": "hq", "deleted": false, "entity": rec.Entity, "record_id": rec.ID, "field": fc.Field,
		"kept_value": data.ValueText(fc.Kept), "lost_value": data.ValueText(fc.Lost), "lost_by": lostBy,
		"lost_clock": fc.LostClock, "state": "open", "resolution": ""}
	clocks := make(map[string]string, len(fields))
	for name := range fields {
		clocks[name] = stamp
	}
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("record a conflict: %w", err)
	}
	m.put(&Record{Entity: "conflicts", ID: id.String(), District: rec.District, Fields: fields, Clocks: clocks})
	return nil
}

// authorOf finds the officer whose accepted change carried clock: in the
// audit log, or among the changes of this batch not yet written to it.
func (m *merger) authorOf(rec *Record, clock string) (string, error) {
	rows, err := m.tx.AuditFor(rec.Entity, rec.ID)
	if err != nil {
		return "", err
	}
	for _, a := range append(rows, m.audits...) {
		if a.Entity == rec.Entity && a.RecordID == rec.ID && a.Clock == clock {
			return a.Officer, nil
		}
	}
	return "", nil
}

func keyOf(entity, id string) RecordKey { return RecordKey{Entity: entity, ID: id} }

func copyRecord(r data.Record) data.Record {
	out := make(data.Record, len(r))
	for k, v := range r {
		out[k] = v
	}
	return out
}
