package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Forward compatibility (sync/PROTOCOL.md): a later version of Mahalleh may
// add a field to an entity. Its records reach older devices through HQ,
// and an older HQ from newer devices. Refusing the unknown field would stop
// every older replica at the first such record; dropping it would lose what
// the newer version wrote. So sync keeps a field it does not know verbatim,
// with its clock, and merges it like any field (the later clock wins; no
// free-text conflict, since its kind is unknown). What a person types and
// what a backup holds is still checked by CheckFields, where an unknown
// field is a typo.

// Limits of the fields a record may carry that this version does not know.
const (
	MaxExtraFields  = 32     // per record
	MaxExtraTextLen = 100000 // runes of one text value, the largest of this version's fields
)

// ValidFieldName reports whether s can name a field of this version or of a
// later one: [a-z][a-z0-9_]*, at most 64 bytes. Upper case is refused so
// that no decoder's case folding can make two names of one field.
func ValidFieldName(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// CheckSyncedFields is CheckFields for what sync receives: the fields of e
// in canonical form, and any other field kept as it came (a json.Number
// stays one, so 2^53+1 keeps its digits) once its name and value pass
// checkExtra. Fields of a later version are told apart by IsExtra.
func CheckSyncedFields(e *Entity, in map[string]any) (Record, error) {
	out := make(Record, len(in))
	extra := 0
	for name, v := range in {
		f := e.Field(name)
		if f == nil {
			if extra++; extra > MaxExtraFields {
				return nil, &FieldError{Entity: e.Name, Field: name, Msg: fmt.Sprintf("is one field too many: at most %d fields unknown to this version are kept", MaxExtraFields),
					MsgFa: "فیلدهای ناشناخته این رکورد بیش از حد است"}
			}
			cv, err := checkExtra(e, name, v)
			if err != nil {
				return nil, err
			}
			out[name] = cv
			continue
		}
		cv, err := CheckValue(e, f, v)
		if err != nil {
			return nil, err
		}
		out[name] = cv
	}
	return out, nil
}

// IsExtra reports whether name is a field of e unknown to this version.
func IsExtra(e *Entity, name string) bool { return e.Field(name) == nil }

// checkExtra accepts a value of a field this version does not know: a
// scalar (text, number, true/false, null) under a well-formed name.
func checkExtra(e *Entity, name string, v any) (any, error) {
	bad := func(msg string) error {
		return &FieldError{Entity: e.Name, Field: truncate(name), Msg: msg, MsgFa: "فیلد ناشناخته نامعتبر است"}
	}
	if !ValidFieldName(name) {
		return nil, bad("is not a field name (lower-case letters, digits and _)")
	}
	switch x := v.(type) {
	case nil, bool, int, int64:
		return v, nil
	case float64:
		return json.Number(fmt.Sprint(x)), nil
	case json.Number:
		if x == "" || !(x[0] == '-' || x[0] >= '0' && x[0] <= '9') || !json.Valid([]byte(x)) {
			return nil, bad("is not a number")
		}
		return x, nil
	case string:
		if !utf8.ValidString(x) || strings.ContainsRune(x, 0) || utf8.RuneCountInString(x) > MaxExtraTextLen {
			return nil, bad(fmt.Sprintf("is not text of at most %d characters", MaxExtraTextLen))
		}
		return x, nil
	}
	return nil, bad(fmt.Sprintf("must be text, a number, true, false or null, not %T", v))
}

// extraOf splits the fields this version does not know off rec.
func extraOf(e *Entity, rec Record) Record {
	var out Record
	for name, v := range rec {
		if IsExtra(e, name) {
			if out == nil {
				out = Record{}
			}
			out[name] = v
			delete(rec, name)
		}
	}
	return out
}

// mergeExtra stores the unknown fields of a pulled record, each taken when
// its clock is later than the one kept. It reports whether any was taken.
func mergeExtra(ctx context.Context, tx *sql.Tx, entity, id string, in Record, inClocks map[string]string) (bool, error) {
	fields, clocks, err := readExtra(ctx, tx, entity, id)
	if err != nil {
		return false, err
	}
	took := false
	for name, v := range in {
		if c := inClocks[name]; c > clocks[name] {
			fields[name], clocks[name], took = v, c, true
		}
	}
	if !took {
		return false, nil
	}
	fj, err := json.Marshal(fields)
	if err != nil {
		return false, wrap("pull "+entity, err, "cannot keep a field of a newer version", "نگه‌داشتن فیلد نسخه جدیدتر ممکن نشد")
	}
	cj, _ := json.Marshal(clocks)
	_, err = tx.ExecContext(ctx, `INSERT INTO extra_fields (entity, record_id, fields, clocks) VALUES (?, ?, ?, ?)
		ON CONFLICT (entity, record_id) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks`, entity, id, string(fj), string(cj))
	if err != nil {
		return false, wrap("pull "+entity, err, "cannot keep a field of a newer version", "نگه‌داشتن فیلد نسخه جدیدتر ممکن نشد")
	}
	return true, nil
}

func readExtra(ctx context.Context, q querier, entity, id string) (Record, map[string]string, error) {
	var fj, cj string
	err := q.QueryRowContext(ctx, "SELECT fields, clocks FROM extra_fields WHERE entity = ? AND record_id = ?", entity, id).Scan(&fj, &cj)
	fields, clocks := Record{}, map[string]string{}
	if errors.Is(err, sql.ErrNoRows) {
		return fields, clocks, nil
	}
	if err == nil {
		if err = json.Unmarshal([]byte(fj), &fields); err == nil {
			err = json.Unmarshal([]byte(cj), &clocks)
		}
	}
	if err != nil {
		return nil, nil, wrap("extra fields", err, "cannot read the fields of a newer version", "خواندن فیلدهای نسخه جدیدتر ممکن نشد")
	}
	return fields, clocks, nil
}

// ExtraFields returns the fields of a record that this version does not
// know, as HQ sent them, and their clocks: what a later version's upgrade
// moves into the columns it adds, and what tests check survives.
func (s *Store) ExtraFields(ctx context.Context, entity, id string) (Record, map[string]string, error) {
	return readExtra(ctx, s.db, entity, id)
}

// adoptExtraFields moves the kept values of fields that this version knows
// into their columns: after an upgrade that added a field, what an older
// version of this store kept aside for it becomes the field's value (when
// its clock is later than the column's). Values this version's rules refuse
// stay aside. Run at every Open; with no kept fields it is one empty query.
func (s *Store) adoptExtraFields(ctx context.Context) error {
	type kept struct{ entity, id string }
	rows, err := s.db.QueryContext(ctx, "SELECT entity, record_id, fields FROM extra_fields")
	if err != nil {
		return wrap("open", err, "cannot read the fields of a newer version", "خواندن فیلدهای نسخه جدیدتر ممکن نشد")
	}
	var todo []kept
	for rows.Next() {
		var k kept
		var fj string
		if err := rows.Scan(&k.entity, &k.id, &fj); err != nil {
			rows.Close()
			return wrap("open", err, "cannot read the fields of a newer version", "خواندن فیلدهای نسخه جدیدتر ممکن نشد")
		}
		var fields Record
		e := EntityByName(k.entity)
		if json.Unmarshal([]byte(fj), &fields) == nil && e != nil && knowsAny(e, fields) {
			todo = append(todo, k)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return err
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for _, k := range todo {
			if err := adoptRecord(ctx, tx, EntityByName(k.entity), k.id); err != nil {
				return err
			}
		}
		return nil
	})
}

func knowsAny(e *Entity, fields Record) bool {
	for name := range fields {
		if !IsExtra(e, name) {
			return true
		}
	}
	return false
}

// adoptRecord moves one record's kept fields that e now knows into its row.
func adoptRecord(ctx context.Context, tx *sql.Tx, e *Entity, id string) error {
	fields, clocks, err := readExtra(ctx, tx, e.Name, id)
	if err != nil {
		return err
	}
	rec, err := getRecord(ctx, tx, e, id)
	if err != nil || rec == nil {
		return err
	}
	recClocks, err := readClocks(ctx, tx, e.Name, id)
	if err != nil {
		return err
	}
	var changed []string
	for name, v := range fields {
		f := e.Field(name)
		if f == nil || name == "id" || name == "district" {
			continue
		}
		cv, err := CheckValue(e, f, v)
		if err != nil {
			continue // not a value this version's field can hold: keep it aside
		}
		if clocks[name] > recClocks[name] {
			rec[name], recClocks[name] = cv, clocks[name]
			changed = append(changed, name)
		}
		delete(fields, name)
		delete(clocks, name)
	}
	if len(changed) > 0 {
		if err := writeRow(ctx, tx, e, rec, false, changed); err != nil {
			return err
		}
		if err := writeClocks(ctx, tx, e.Name, id, recClocks); err != nil {
			return err
		}
		if err := reindex(ctx, tx, e, rec, changed, false); err != nil {
			return err
		}
	}
	fj, _ := json.Marshal(fields)
	cj, _ := json.Marshal(clocks)
	if len(fields) == 0 {
		_, err = tx.ExecContext(ctx, "DELETE FROM extra_fields WHERE entity = ? AND record_id = ?", e.Name, id)
	} else {
		_, err = tx.ExecContext(ctx, "UPDATE extra_fields SET fields = ?, clocks = ? WHERE entity = ? AND record_id = ?", string(fj), string(cj), e.Name, id)
	}
	if err != nil {
		return wrap("open", err, "cannot move the fields of a newer version", "انتقال فیلدهای نسخه جدیدتر ممکن نشد")
	}
	return nil
}
