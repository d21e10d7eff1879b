package hq

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// conflictEditable are the fields of a "conflicts" record a device may
// change: its decision, not the versions HQ recorded.
var conflictEditable = []string{"state", "resolution", "updated_at", "updated_by"}

// push applies a batch all-or-nothing, in one transaction holding the
// record lock. Each change is applied at most once (applied_changes), so a
// batch sent twice, or cut off and resent, changes the store once.
func (s *server) push(w http.ResponseWriter, r *http.Request) error {
	dev := deviceOf(r)
	body, err := readBody(r)
	if err != nil {
		return err
	}
	req, err := DecodePush(body)
	if err != nil {
		return err
	}
	for i := range req.Changes {
		if err := checkScope(dev, i, &req.Changes[i]); err != nil {
			return err
		}
	}
	var res msync.PushResponse
	err = s.store.Update(r.Context(), func(tx Tx) error {
		res = msync.PushResponse{}
		if err := tx.LockRecords(); err != nil {
			return err
		}
		m := merger{tx: tx, dev: dev, at: now(), seen: map[string]bool{}}
		for i := range req.Changes {
			if err := m.apply(i, &req.Changes[i], &res); err != nil {
				return err
			}
		}
		return tx.TouchDevice(dev.ID, m.at, true)
	})
	if err != nil {
		return err
	}
	s.log.Info("push", "device", dev.ID, "batch", req.BatchID, "applied", res.Applied, "duplicates", res.Duplicates, "conflicts", res.Conflicts)
	writeJSON(w, http.StatusOK, res)
	return nil
}

// checkScope refuses a change outside what the device may write, before
// anything is read: another district, reference data (HQ only), a clock
// far in the future.
func checkScope(dev *Device, i int, c *data.Change) error {
	e := data.EntityByName(c.Entity)
	if dev.Role != msync.RoleHQ && c.District != dev.District {
		return forbiddenf(whereFa(i)+": این دستگاه فقط می‌تواند داده‌های منطقه خودش را بفرستد. اگر دستگاه منطقه دیگری را نیاز دارد، از ستاد کد ثبت تازه بگیرید.",
			"%s: this device may only write records of district %d, not district %d. If it should serve another district, ask HQ for a new enrolment code.",
			where(i, c), dev.District, c.District)
	}
	if e.Reference && dev.Role != msync.RoleHQ {
		return forbiddenf(whereFa(i)+": داده‌های مرجع (محله‌ها، نواحی، ادارات) را فقط ستاد تغییر می‌دهد. تغییر لازم را از ستاد بخواهید.",
			"%s: reference data (%s) is changed only by HQ. Ask HQ to make the change.", where(i, c), e.Name)
	}
	wall, _, _, _ := data.ParseClock(c.Clock)
	if time.UnixMilli(wall).After(now().Add(MaxClockSkew)) {
		return invalidf(whereFa(i)+": ساعت این تغییر بیش از یک روز جلوتر از ساعت ستاد است. ساعت و تاریخ رایانه را درست کنید و دوباره همگام‌سازی کنید.",
			"%s: the change's clock is more than %v ahead of HQ's time. Set this computer's date and time right, then sync again.",
			where(i, c), MaxClockSkew)
	}
	return nil
}

// merger applies the changes of one batch inside its transaction.
type merger struct {
	tx   Tx
	dev  *Device
	at   time.Time
	seen map[string]bool // change ids of this batch, for duplicates inside it
}

func (m *merger) apply(i int, c *data.Change, res *msync.PushResponse) error {
	if m.seen[c.ChangeID] {
		res.Duplicates++
		return nil
	}
	m.seen[c.ChangeID] = true
	done, err := m.tx.IsApplied(c.ChangeID)
	if err != nil || done {
		if done {
			res.Duplicates++
		}
		return err
	}
	e := data.EntityByName(c.Entity)
	cur, err := m.tx.GetRecord(c.Entity, c.ID)
	if err != nil {
		return err
	}
	if err := m.checkRecord(i, c, e, cur); err != nil {
		return err
	}
	conflicts, err := m.merge(e, c, cur)
	if err != nil {
		return err
	}
	res.Applied++
	res.Conflicts += conflicts
	if err := m.tx.MarkApplied(c.ChangeID, m.dev.ID, m.at); err != nil {
		return err
	}
	return m.tx.AddAudit(Audit{At: m.at, Device: m.dev.ID, Officer: m.dev.Officer, Entity: c.Entity,
		RecordID: c.ID, Fields: sortedKeys(c.Fields), Clock: c.Clock})
}

// checkRecord holds the rules that need the stored record: no hijacking an
// id of another district, conflict records made only by HQ, and a new
// record complete.
func (m *merger) checkRecord(i int, c *data.Change, e *data.Entity, cur *Record) error {
	if cur != nil && cur.District != c.District {
		return forbiddenf(whereFa(i)+": رکوردی با این شناسه در منطقه دیگری ثبت شده است و این دستگاه نمی‌تواند آن را تغییر دهد. به ستاد خبر دهید.",
			"%s: a record with this id belongs to another district; this device cannot change it. Report this to HQ.", where(i, c))
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
	if cur == nil {
		rec := data.Record{"id": c.ID}
		for k, v := range c.Fields {
			rec[k] = v
		}
		if err := data.CheckComplete(e, rec); err != nil {
			fe, _ := err.(*data.FieldError)
			return invalidf(whereFa(i)+": رکورد جدید فیلد الزامی «"+fe.Field+"» را ندارد. برنامه را به‌روز کنید.",
				"%s: a new record lacks the required field %s. Update the app; if this keeps happening, report it to HQ.", where(i, c), fe.Field)
		}
	}
	return nil
}

// merge applies the change field by field (data.Merge) and keeps the losing
// side of each concurrent free-text edit as a "conflicts" record. It returns
// how many conflicts it recorded.
func (m *merger) merge(e *data.Entity, c *data.Change, cur *Record) (int, error) {
	rec := cur
	var curFields data.Record
	if rec == nil {
		rec = &Record{Entity: c.Entity, ID: c.ID, District: c.District, Fields: data.Record{}, Clocks: map[string]string{}}
	} else {
		curFields = cur.Fields
	}
	inClocks := make(map[string]string, len(c.Fields))
	for name := range c.Fields {
		inClocks[name] = c.Clock
	}
	before := copyRecord(rec.Fields)
	res := data.Merge(e, curFields, rec.Clocks, c.Fields, inClocks, c.Base)
	for _, name := range res.Take {
		rec.Fields[name] = c.Fields[name]
		rec.Clocks[name] = c.Clock
	}
	rec.Deleted, _ = rec.Fields["deleted"].(bool)
	if len(res.Take) > 0 || cur == nil {
		if err := m.tx.PutRecord(rec); err != nil {
			return 0, err
		}
	}
	for _, fc := range res.Conflicts {
		if err := m.addConflict(c, rec, before, fc); err != nil {
			return 0, err
		}
	}
	return len(res.Conflicts), nil
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
	id := uuid.Must(uuid.NewV7()).String()
	if err := m.tx.PutRecord(&Record{Entity: "conflicts", ID: id, District: rec.District, Fields: fields, Clocks: clocks}); err != nil {
		return fmt.Errorf("record a conflict: %w", err)
	}
	return nil
}

// authorOf finds the officer whose accepted change carried clock.
func (m *merger) authorOf(rec *Record, clock string) (string, error) {
	rows, err := m.tx.AuditFor(rec.Entity, rec.ID)
	if err != nil {
		return "", err
	}
	for _, a := range rows {
		if a.Clock == clock {
			return a.Officer, nil
		}
	}
	return "", nil
}

func copyRecord(r data.Record) data.Record {
	out := make(data.Record, len(r))
	for k, v := range r {
		out[k] = v
	}
	return out
}
