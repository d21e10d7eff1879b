package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"time"

	"mahalleh/data"
)

// model is the test's own record of every value it wrote: the oracle that
// HQ and every device are checked against. It never reads a store or a
// change log; it learns only from the writes the test itself decided.
//
// Which of two writes of a field wins is decided by the clocks, which the
// test does not read. Instead it makes the order of the clocks the order of
// the writes in real time: before a device writes after another device did,
// it waits for the wall clock's millisecond to move past the end of that
// write (see before). Every device's clock reading is then later than every
// reading any device made or saw before it, so the last write in real time
// is the last write by clock, and its value is the one that must be
// everywhere after a clean sync.
type model struct {
	recs    map[string]*modelRecord // id → record
	changes int                     // writes made: each is one change in a device's log
	lastBy  string                  // the device of the last write
	lastMs  int64                   // the wall millisecond at the end of it
}

// modelRecord holds, per field, the values it may hold now: one, unless a
// write of it may or may not have committed (a process killed between its
// commit and its report), in which case both the old and the new value.
type modelRecord struct {
	entity   string
	district int64
	maybe    bool             // created by a write that may not have committed
	fields   map[string][]any // field → allowed values (canonical, see canonical)
	times    map[string][]window
}

// window is the wall-clock interval in which a write ran: the store's
// created_at/updated_at of that write must fall inside it.
type window struct{ from, to time.Time }

// change is one write the workload decides: a create (Fields hold every
// field it sets, "id" and "district" included), an edit (only the fields
// that change) or a delete.
type change struct {
	Op     string         `json:"op"` // "create", "edit" or "delete"
	Entity string         `json:"entity"`
	ID     string         `json:"id"`
	Fields map[string]any `json:"fields,omitempty"`
}

func newModel() *model { return &model{recs: map[string]*modelRecord{}} }

// before is called before device d writes: see model.
func (m *model) before(d *device) {
	if m.lastBy == "" || m.lastBy == d.name {
		return
	}
	for time.Now().UnixMilli() <= m.lastMs {
		runtime.Gosched()
	}
}

// after notes the end of a write by d (or by a process the test stands for).
func (m *model) after(by string, end time.Time) {
	m.lastBy, m.lastMs = by, end.UnixMilli()
}

// apply records a write made by author in w. certain is false for a write
// that may not have committed: its values are added to the allowed ones
// instead of replacing them.
func (m *model) apply(c change, author string, w window, certain bool) error {
	e := data.EntityByName(c.Entity)
	if e == nil {
		return fmt.Errorf("the test wrote an unknown entity %q", c.Entity)
	}
	if certain {
		m.changes++
	}
	if c.Op == "create" {
		if m.recs[c.ID] != nil {
			return fmt.Errorf("the test created %s %s twice", c.Entity, c.ID)
		}
		r := &modelRecord{entity: c.Entity, maybe: !certain, fields: map[string][]any{}, times: map[string][]window{}}
		for i := range e.AllFields() {
			f := &e.AllFields()[i]
			v, ok := c.Fields[f.Name]
			if !ok {
				v = zero(f)
			}
			cv, err := canonical(f, v)
			if err != nil {
				return fmt.Errorf("the test's own create of %s: %v", c.Entity, err)
			}
			r.fields[f.Name] = []any{cv}
		}
		r.district = r.fields["district"][0].(int64)
		r.fields["created_by"], r.fields["updated_by"] = []any{author}, []any{author}
		r.times["created_at"], r.times["updated_at"] = []window{w}, []window{w}
		delete(r.fields, "created_at")
		delete(r.fields, "updated_at")
		m.recs[c.ID] = r
		return nil
	}
	r := m.recs[c.ID]
	if r == nil || r.entity != c.Entity {
		return fmt.Errorf("the test changed %s %s, which it never created", c.Entity, c.ID)
	}
	if certain {
		r.maybe = false // a committed change of it: its create committed too
	}
	set := map[string]any{"updated_by": author}
	for k, v := range c.Fields {
		set[k] = v
	}
	if c.Op == "delete" {
		set["deleted"] = true
	}
	for name, v := range set {
		f := e.Field(name)
		if f == nil {
			return fmt.Errorf("the test wrote an unknown field %s.%s", c.Entity, name)
		}
		cv, err := canonical(f, v)
		if err != nil {
			return fmt.Errorf("the test's own edit of %s: %v", c.Entity, err)
		}
		if certain {
			r.fields[name] = []any{cv}
		} else {
			r.fields[name] = append(r.fields[name], cv)
		}
	}
	if certain {
		r.times["updated_at"] = []window{w}
	} else {
		r.times["updated_at"] = append(r.times["updated_at"], w)
	}
	return nil
}

// alive says whether the record must be (must) or may be (may) alive now.
func (r *modelRecord) alive() (must, may bool) {
	for _, v := range r.fields["deleted"] {
		if v == false {
			may = true
		}
	}
	must = may && len(r.fields["deleted"]) == 1 && !r.maybe
	return must, may
}

// value returns the one value the model knows for a field (for choosing
// edits), and whether there is exactly one.
func (r *modelRecord) value(name string) (any, bool) {
	if vs := r.fields[name]; len(vs) == 1 {
		return vs[0], true
	}
	return nil, false
}

// zero is the value of a field nobody wrote, as the registry documents it
// (an empty text, 0, false, no reference).
func zero(f *data.Field) any {
	switch f.Kind {
	case data.KindInt:
		return int64(0)
	case data.KindBool:
		return false
	case data.KindRef:
		return nil
	}
	return ""
}

// canonical is v in the one form the test compares: string, int64, bool,
// or nil for no reference. Numbers may come as any Go integer, an exact
// float64 or a json.Number; anything else is an error, never a guess.
func canonical(f *data.Field, v any) (any, error) {
	bad := func() (any, error) {
		return nil, fmt.Errorf("%s: %T %v is not a %s value", f.Name, v, v, kindName(f.Kind))
	}
	switch f.Kind {
	case data.KindInt:
		switch n := v.(type) {
		case int:
			return int64(n), nil
		case int64:
			return n, nil
		case float64:
			if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
				return bad()
			}
			return int64(n), nil
		case json.Number:
			i, err := n.Int64()
			if err != nil {
				return bad()
			}
			return i, nil
		}
		return bad()
	case data.KindBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return bad()
	case data.KindRef:
		if v == nil {
			return nil, nil
		}
		if s, ok := v.(string); ok && s != "" {
			return s, nil
		}
		return bad()
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return bad()
}

func kindName(k data.Kind) string {
	return [...]string{"text", "whole number", "true/false", "time", "date", "reference"}[k]
}
