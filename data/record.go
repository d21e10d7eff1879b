package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
)

// Record is one record as field name → value, with the JSON types of the
// wire and of exports: string, int64, bool, or nil for an empty reference.
// Sync, export and import work on Records; screens use the typed structs.
type Record map[string]any

// UnmarshalJSON decodes a Record with its numbers exact (json.Number, which
// CheckValue turns into int64): decoded as float64, 2^53+1 would become 2^53
// and 9223372036854775807 a float that no int field accepts. Every Record
// read from JSON (a pull page, the change log, a backup) goes through here.
func (r *Record) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	*r = m
	return nil
}

// ID returns the record's id.
func (r Record) ID() string { s, _ := r["id"].(string); return s }

// District returns the record's district number.
func (r Record) District() int { n, _ := r["district"].(int64); return int(n) }

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// selectList is the column list of an entity, in registry order.
func selectList(e *Entity) string {
	names := make([]string, 0, len(CommonFields)+len(e.Fields))
	for _, f := range e.AllFields() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// scanRecord reads one row selected with selectList into a Record.
func scanRecord(e *Entity, sc interface{ Scan(...any) error }) (Record, error) {
	fields := e.AllFields()
	dest := make([]any, len(fields))
	for i, f := range fields {
		switch f.Kind {
		case KindInt, KindBool:
			dest[i] = new(sql.NullInt64)
		default:
			dest[i] = new(sql.NullString)
		}
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	rec := make(Record, len(fields))
	for i, f := range fields {
		switch v := dest[i].(type) {
		case *sql.NullInt64:
			if f.Kind == KindBool {
				rec[f.Name] = v.Int64 != 0
			} else {
				rec[f.Name] = v.Int64
			}
		case *sql.NullString:
			if f.Kind == KindRef && (!v.Valid || v.String == "") {
				rec[f.Name] = nil
			} else {
				rec[f.Name] = v.String
			}
		}
	}
	return rec, nil
}

// getRecord reads one record by id, tombstoned or not; nil when absent.
func getRecord(ctx context.Context, q querier, e *Entity, id string) (Record, error) {
	row := q.QueryRowContext(ctx, "SELECT "+selectList(e)+" FROM "+e.Name+" WHERE id = ?", id)
	rec, err := scanRecord(e, row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap("read "+e.Name, err, "cannot read a record", "خواندن رکورد ممکن نشد")
	}
	return rec, nil
}

// Get reads one record of the named entity by id; tombstoned records are
// returned too (with deleted = true) so that callers can tell "deleted" from "never was".
func (s *Store) Get(ctx context.Context, entity, id string) (Record, error) {
	e := EntityByName(entity)
	if e == nil {
		return nil, invalid("get", "unknown record type "+entity, "نوع رکورد ناشناخته است")
	}
	rec, err := getRecord(ctx, s.db, e, id)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, &Error{Op: "get " + entity, Code: ErrNotFound, Msg: "no such record: " + id, MsgFa: "این رکورد پیدا نشد"}
	}
	return rec, nil
}

// sqlValue turns a Record value into what the SQLite column holds.
func sqlValue(f *Field, v any) any {
	switch f.Kind {
	case KindBool:
		if b, _ := v.(bool); b {
			return 1
		}
		return 0
	case KindRef:
		if s, _ := v.(string); s != "" {
			return s
		}
		return nil
	}
	return v
}

// sameValue compares two Record values of one field.
func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a == b
}
