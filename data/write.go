package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Writer makes changes inside one transaction (see Store.Write). Everything
// written through one Writer lands together or not at all.
type Writer struct {
	s      *Store
	tx     *sql.Tx
	ctx    context.Context
	author string
	// live remembers records known to exist, not deleted, in this transaction
	// ("entity/id" → district), and districts holds the districts already
	// checked: a bulk write (import, demo data) then checks each reference
	// once instead of once per record.
	live      map[string]int
	districts map[int]bool
	// scope, set by Import, refuses records HQ would refuse from an
	// enrolled store; the zero Scope takes anything.
	scope Scope
	now   time.Time
	// logged is set once the transaction wrote a change-log row: Write then
	// saves the clock's high-water mark with it (upkeep.go). unlogged
	// (WriteUnlogged) writes records and clocks but no change-log rows.
	logged, unlogged bool
}

// Write runs fn in one transaction; author is who makes the change (the
// officer's name), recorded on every record and in the change log.
func (s *Store) Write(ctx context.Context, author string, fn func(w *Writer) error) error {
	return s.write(ctx, author, false, fn)
}

// WriteUnlogged is Write without change-log rows, for the demo generator's
// bulk writes: a demo store is never enrolled or synced (ErrDemoStore), so
// the log would only be carried, never sent, and it was a third of a demo
// store's size and of the time to build it. Records still get their field
// clocks and search entries. It refuses a store that is not a demo.
func (s *Store) WriteUnlogged(ctx context.Context, author string, fn func(w *Writer) error) error {
	demo, err := s.IsDemo(ctx)
	if err != nil {
		return err
	}
	if !demo {
		return invalid("write", "only a demo store can be written without a change log", "فقط انبارهٔ نمایشی را می‌توان بی‌فهرست تغییرات نوشت")
	}
	return s.write(ctx, author, true, fn)
}

func (s *Store) write(ctx context.Context, author string, unlogged bool, fn func(w *Writer) error) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		w := &Writer{s: s, tx: tx, ctx: ctx, author: author, live: map[string]int{}, districts: map[int]bool{}, unlogged: unlogged}
		if err := fn(w); err != nil {
			return err
		}
		if !w.logged {
			return nil
		}
		return setSetting(ctx, tx, clockKey, s.clockMark())
	})
	if err == nil && !unlogged {
		s.wrote()
	}
	return err
}

// Save creates or updates one record of entity from the given fields and
// returns the whole record as stored. Fields that are absent keep their
// value; "id" absent means a new record (a UUIDv7 is made); "district" is
// required for a new record. The metadata fields are set by the store.
// Only the fields that really changed go to the change log.
func (w *Writer) Save(entity string, fields map[string]any) (Record, error) {
	op := "save " + entity
	e := EntityByName(entity)
	if e == nil {
		return nil, invalid(op, "unknown record type "+entity, "نوع رکورد ناشناخته است")
	}
	vals, err := CheckFields(e, fields)
	if err != nil {
		return nil, fieldErr(op, err)
	}
	for _, meta := range []string{"created_at", "updated_at", "created_by", "updated_by"} {
		delete(vals, meta)
	}
	if vals.ID() == "" {
		vals["id"] = uuid.Must(uuid.NewV7()).String()
	}
	old, err := getRecord(w.ctx, w.tx, e, vals.ID())
	if err != nil {
		return nil, err
	}
	rec, changed, err := w.merged(e, old, vals)
	if err != nil || len(changed) == 0 {
		return rec, err
	}
	if err := w.checkRefs(e, rec, changed); err != nil {
		return nil, err
	}
	if err := writeRow(w.ctx, w.tx, e, rec, old == nil, changed); err != nil {
		return nil, err
	}
	w.wrote(e, rec)
	if err := w.logChange(e, rec, changed, old == nil); err != nil {
		return nil, err
	}
	return rec, reindex(w.ctx, w.tx, e, rec, changed, old == nil)
}

// merged overlays vals on the stored record (or on defaults for a new one)
// and returns the result and the names of the fields that changed.
func (w *Writer) merged(e *Entity, old, vals Record) (Record, []string, error) {
	op := "save " + e.Name
	now := FormatTime(time.Now())
	rec := Record{}
	if old == nil {
		for _, f := range e.AllFields() {
			rec[f.Name], _ = CheckValue(e, &f, nil)
		}
		rec["created_at"], rec["created_by"] = now, w.author
		rec["updated_at"], rec["updated_by"] = now, w.author
	} else {
		for k, v := range old {
			rec[k] = v
		}
		if d, ok := vals["district"]; ok && d != old["district"] {
			return nil, nil, invalid(op, "a record cannot move to another district", "رکورد را نمی‌توان به منطقه دیگری برد")
		}
		if old["deleted"] == true && vals["deleted"] != false {
			return nil, nil, &Error{Op: op, Code: ErrNotFound, Msg: "this record was deleted; restore it first", MsgFa: "این رکورد حذف شده است"}
		}
	}
	for k, v := range vals {
		rec[k] = v
	}
	if old == nil && vals["deleted"] == true {
		return nil, nil, invalid(op, "a new record cannot be deleted", "رکورد جدید را نمی‌توان حذف کرد")
	}
	if err := w.checkDistrict(e, rec.District()); err != nil {
		return nil, nil, err
	}
	if err := CheckComplete(e, rec); err != nil {
		return nil, nil, fieldErr(op, err)
	}
	var changed []string
	for _, f := range e.AllFields() {
		if f.Name == "id" || (old != nil && (f.Name == "created_at" || f.Name == "created_by")) {
			continue
		}
		if old == nil || !sameValue(old[f.Name], rec[f.Name]) {
			changed = append(changed, f.Name)
		}
	}
	if old != nil && len(changed) == 0 {
		return old, nil, nil
	}
	rec["updated_at"], rec["updated_by"] = now, w.author
	if old != nil {
		changed = append(changed, "updated_at", "updated_by")
	}
	return rec, dedupe(changed), nil
}

// Delete tombstones a record: it stays in the store, marked deleted, so the
// deletion can sync like any other change.
func (w *Writer) Delete(entity, id string) error {
	_, err := w.Save(entity, map[string]any{"id": id, "deleted": true})
	return err
}

// checkRefs makes sure each changed reference points at a live record of
// the same district (or at HQ's shared reference data, district 0).
func (w *Writer) checkRefs(e *Entity, rec Record, changed []string) error {
	for _, name := range changed {
		f := e.Field(name)
		id, _ := rec[name].(string)
		if f.Kind != KindRef || f.Ref == "" || id == "" {
			continue
		}
		district, known := w.live[f.Ref+"/"+id]
		if known && (district == 0 || district == rec.District()) {
			continue
		}
		var deleted bool
		err := w.tx.QueryRowContext(w.ctx, "SELECT district, deleted FROM "+f.Ref+" WHERE id = ?", id).Scan(&district, &deleted)
		if errors.Is(err, sql.ErrNoRows) || deleted || (district != 0 && district != rec.District()) {
			return invalid("save "+e.Name, "field "+name+" refers to an unknown "+strings.TrimSuffix(f.Ref, "s")+": "+id,
				"«"+name+"» به رکوردی اشاره می‌کند که وجود ندارد")
		}
		if err != nil {
			return wrap("save "+e.Name, err, "cannot check a reference", "بررسی ارجاع ممکن نشد")
		}
		w.remember(f.Ref+"/"+id, district)
	}
	return nil
}

// liveCap bounds what a Writer remembers of live records: an import of a
// year's backup writes two million records, and remembering them all would
// cost hundreds of megabytes. Past the cap the memory starts afresh (a
// forgotten record is looked up again); records nothing refers to are
// never remembered.
const liveCap = 1 << 17

func (w *Writer) remember(key string, district int) {
	if len(w.live) >= liveCap {
		clear(w.live)
	}
	w.live[key] = district
}

// referenced holds the entities some field refers to.
var referenced = func() map[string]bool {
	m := map[string]bool{}
	for i := range Entities {
		for _, f := range Entities[i].Fields {
			if f.Kind == KindRef && f.Ref != "" {
				m[f.Ref] = true
			}
		}
	}
	return m
}()

// wrote updates what the writer knows of a record it has just written.
func (w *Writer) wrote(e *Entity, rec Record) {
	if rec["deleted"] == true {
		delete(w.live, e.Name+"/"+rec.ID())
	} else if referenced[e.Name] {
		w.remember(e.Name+"/"+rec.ID(), rec.District())
	}
}

// checkDistrict is Store.checkDistrict, asked once per district per transaction.
func (w *Writer) checkDistrict(e *Entity, d int) error {
	if w.districts[d] || (d == 0 && e.Reference) {
		return nil
	}
	if err := w.s.checkDistrict(w.ctx, w.tx, e, d); err != nil {
		return err
	}
	w.districts[d] = true
	return nil
}

// checkDistrict accepts the districts of Tehran, and district 0 (HQ's
// shared data) for reference entities only.
func (s *Store) checkDistrict(ctx context.Context, q querier, e *Entity, d int) error {
	if d == 0 && e.Reference {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM districts WHERE id = ?", d).Scan(&n); err != nil {
		return wrap("save "+e.Name, err, "cannot check the district", "بررسی منطقه ممکن نشد")
	}
	if n == 0 {
		return invalid("save "+e.Name, "there is no district "+itoa(d)+" (Tehran has districts 1 to 22)", "منطقه "+itoa(d)+" وجود ندارد (تهران ۲۲ منطقه دارد)")
	}
	return nil
}

// logChange appends the change to the change log and moves the clocks of the
// changed fields, remembering each field's previous clock as its base. A new
// record has no clocks yet (its row and its clocks are always written together).
func (w *Writer) logChange(e *Entity, rec Record, changed []string, isNew bool) error {
	clocks, err := w.clocksOf(e, rec, isNew)
	if err != nil {
		return err
	}
	for _, c := range clocks {
		w.s.observe(c) // a new edit must be later than every version it replaces
	}
	return w.writeChange(e, rec, changed, clocks, w.s.tick())
}

// logChangeAt logs a change with a given clock (imports keep their age).
func (w *Writer) logChangeAt(e *Entity, rec Record, changed []string, hlc string, isNew bool) error {
	clocks, err := w.clocksOf(e, rec, isNew)
	if err != nil {
		return err
	}
	return w.writeChange(e, rec, changed, clocks, hlc)
}

func (w *Writer) clocksOf(e *Entity, rec Record, isNew bool) (map[string]string, error) {
	if isNew {
		return map[string]string{}, nil
	}
	return readClocks(w.ctx, w.tx, e.Name, rec.ID())
}

func (w *Writer) writeChange(e *Entity, rec Record, changed []string, clocks map[string]string, hlc string) error {
	fields := make(Record, len(changed))
	base := make(map[string]string, len(changed))
	for _, f := range changed {
		fields[f] = rec[f]
		if clocks[f] != "" { // a new field has no base: leave it out, "" is implied
			base[f] = clocks[f]
		}
		clocks[f] = hlc
	}
	w.s.observe(hlc) // an import's clock too: the high-water mark covers every logged change
	if w.unlogged {
		return nil // nor clocks: a demo's records are never merged with HQ's
	}
	if err := writeClocks(w.ctx, w.tx, e.Name, rec.ID(), clocks); err != nil {
		return err
	}
	w.logged = true
	fj, _ := json.Marshal(fields)
	bj, _ := json.Marshal(base)
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO changes (change_id, entity, record_id, district, hlc, author, fields, base)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, uuid.Must(uuid.NewV7()).String(), e.Name, rec.ID(), rec.District(), hlc, w.author, string(fj), string(bj))
	if err != nil {
		return wrap("save "+e.Name, err, "cannot write the change log", "ثبت تغییر ممکن نشد")
	}
	return nil
}

func fieldErr(op string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &Error{Op: op, Code: ErrInvalid, Msg: fe.Error(), MsgFa: "«" + fe.Field + "» " + fe.MsgFa, Err: err}
	}
	return err
}

func dedupe(names []string) []string {
	seen := make(map[string]bool, len(names))
	out := names[:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// observe moves the store's clock past a reading seen elsewhere.
func (s *Store) observe(reading string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock.Observe(reading)
}

// tick reads the store's clock.
func (s *Store) tick() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock.Now()
}
