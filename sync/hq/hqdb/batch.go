package hqdb

import (
	"fmt"
	"strings"
	"time"
)

// The batch methods below are what a push runs on: a few statements for a
// whole batch of up to msync.MaxBatch changes instead of five per change.
// On PostgreSQL each is one statement of fixed text taking arrays (unnest,
// = ANY), so it is prepared once per connection and costs one round trip;
// on SQLite, which runs in-process, they are multi-row VALUES lists cut to
// stay far below its limit of bound parameters.

// sqliteRows is how many rows one SQLite statement carries: 9 columns ×
// 400 rows stay well below SQLite's 32766 bound parameters.
const sqliteRows = 400

// RecordKey names a record.
type RecordKey struct{ Entity, ID string }

func (t *sqlTx) postgres() bool { return t.d.Name == "postgres" }

// AppliedChanges returns the change ids among ids that were applied before.
func (t *sqlTx) AppliedChanges(ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if t.postgres() {
		return out, t.collect(func(id string) { out[id] = true },
			"SELECT change_id FROM applied_changes WHERE change_id = ANY($1::text[])", ids)
	}
	for start := 0; start < len(ids); start += sqliteRows {
		part := ids[start:min(start+sqliteRows, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		q := "SELECT change_id FROM applied_changes WHERE change_id IN (" + marks(len(part), 1) + ")"
		if err := t.collect(func(id string) { out[id] = true }, q, args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// collect runs a query of one text column and hands each value to fn.
func (t *sqlTx) collect(fn func(string), query string, args ...any) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		fn(s)
	}
	return rows.Err()
}

// GetRecords returns the stored records among keys, tombstoned or not;
// absent ones are not in the map.
func (t *sqlTx) GetRecords(keys []RecordKey) (map[RecordKey]*Record, error) {
	out := make(map[RecordKey]*Record, len(keys))
	if t.postgres() {
		entities, ids := make([]string, len(keys)), make([]string, len(keys))
		for i, k := range keys {
			entities[i], ids[i] = k.Entity, k.ID
		}
		return out, t.scanInto(out, "SELECT "+recordColumns+
			" FROM records WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))", entities, ids)
	}
	for start := 0; start < len(keys); start += sqliteRows {
		part := keys[start:min(start+sqliteRows, len(keys))]
		args := make([]any, 0, 2*len(part))
		for _, k := range part {
			args = append(args, k.Entity, k.ID)
		}
		q := "SELECT " + recordColumns + " FROM records WHERE (entity, id) IN (VALUES " + marks(len(part), 2) + ")"
		if err := t.scanInto(out, q, args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *sqlTx) scanInto(out map[RecordKey]*Record, query string, args ...any) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return err
		}
		out[RecordKey{r.Entity, r.ID}] = r
	}
	return rows.Err()
}

// PutRecords inserts or replaces the records in order, each with the next
// seq of its district (r.Seq is set), as PutRecord one by one would. A
// record may appear only once. Lock the records' districts first
// (LockDistricts); the sequences move on in district_seq in the same
// transaction.
func (t *sqlTx) PutRecords(rs []*Record) error {
	if len(rs) == 0 {
		return nil
	}
	cols := make([][]any, 0, len(rs))
	moved := map[int]bool{}
	for _, r := range rs {
		row, err := t.recordRow(r)
		if err != nil {
			return err
		}
		cols = append(cols, row)
		moved[r.District] = true
	}
	const upsert = ` ON CONFLICT (entity, id) DO UPDATE SET district = excluded.district, fields = excluded.fields,
		clocks = excluded.clocks, deleted = excluded.deleted, seq = excluded.seq, blob = excluded.blob, origin = excluded.origin`
	var err error
	if t.postgres() {
		err = t.execArrays(`INSERT INTO records (entity, id, district, fields, clocks, deleted, seq, blob, origin)
			SELECT e, i, d, f, c, x, s, NULLIF(b, ''), o FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[],
			$5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::text[]) AS u(e, i, d, f, c, x, s, b, o)`+upsert,
			[]string{"text", "text", "bigint", "text", "text", "bigint", "bigint", "text", "text"}, cols)
	} else {
		err = t.execRows("INSERT INTO records (entity, id, district, fields, clocks, deleted, seq, blob, origin) VALUES ", upsert, cols)
	}
	if err != nil {
		return err
	}
	for d := range moved {
		if _, err := t.exec("UPDATE district_seq SET seq = ? WHERE district = ?", t.seqs[d], d); err != nil {
			return err
		}
	}
	return nil
}

// recordRow is the column values of r, with the next seq of its district.
func (t *sqlTx) recordRow(r *Record) ([]any, error) {
	last, ok := t.seqs[r.District]
	if !ok {
		return nil, fmt.Errorf("record %s/%s: district %d written without its lock (LockDistricts)", r.Entity, r.ID, r.District)
	}
	fields, err := encodeFields(r.Fields)
	if err != nil {
		return nil, fmt.Errorf("record %s/%s: %w", r.Entity, r.ID, err)
	}
	blob := ""
	if r.Entity == "attachments" {
		blob, _ = r.Fields["sha256"].(string)
	}
	r.Seq = last + 1
	t.seqs[r.District] = r.Seq
	var blobArg any = blob
	if blob == "" && !t.postgres() {
		blobArg = nil
	}
	return []any{r.Entity, r.ID, int64(r.District), fields, encodeClocks(r.Fields, r.Clocks), int64(boolInt(r.Deleted)), r.Seq, blobArg, r.Origin}, nil
}

// MarkAppliedAll records the change ids as applied by device at time at.
func (t *sqlTx) MarkAppliedAll(ids []string, device string, at time.Time) error {
	rows := make([][]any, len(ids))
	for i, id := range ids {
		rows[i] = []any{id, device, at.UnixMilli()}
	}
	if t.postgres() {
		return t.execArrays(`INSERT INTO applied_changes (change_id, device, applied_at)
			SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`, []string{"text", "text", "bigint"}, rows)
	}
	return t.execRows("INSERT INTO applied_changes (change_id, device, applied_at) VALUES ", "", rows)
}

// AddAudits appends audit rows, in order.
func (t *sqlTx) AddAudits(as []Audit) error {
	rows := make([][]any, len(as))
	for i, a := range as {
		rows[i] = []any{a.At.UnixMilli(), a.Device, a.Officer, a.Entity, a.RecordID, encodeNames(a.Fields), a.Clock}
	}
	if t.postgres() {
		return t.execArrays(`INSERT INTO audit (at, device, officer, entity, record_id, fields, clock)
			SELECT at, device, officer, entity, record_id, fields, clock
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
			WITH ORDINALITY AS u(at, device, officer, entity, record_id, fields, clock, n) ORDER BY n`,
			[]string{"bigint", "text", "text", "text", "text", "text", "text"}, rows)
	}
	return t.execRows("INSERT INTO audit (at, device, officer, entity, record_id, fields, clock) VALUES ", "", rows)
}

// execRows inserts rows with multi-row VALUES lists on SQLite.
func (t *sqlTx) execRows(head, tail string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	for start := 0; start < len(rows); start += sqliteRows {
		part := rows[start:min(start+sqliteRows, len(rows))]
		args := make([]any, 0, n*len(part))
		for _, r := range part {
			args = append(args, r...)
		}
		if _, err := t.tx.ExecContext(t.ctx, head+marks(len(part), n)+tail, args...); err != nil {
			return err
		}
	}
	return nil
}

// execArrays runs a PostgreSQL statement whose parameters are one array
// per column of rows (types names each column's element type: "text" or
// "bigint"). It is one round trip whatever the number of rows.
func (t *sqlTx) execArrays(query string, types []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	args := make([]any, len(types))
	for c, typ := range types {
		switch typ {
		case "text":
			col := make([]string, len(rows))
			for i, r := range rows {
				col[i] = r[c].(string)
			}
			args[c] = col
		case "bigint":
			col := make([]int64, len(rows))
			for i, r := range rows {
				col[i] = r[c].(int64)
			}
			args[c] = col
		}
	}
	_, err := t.tx.ExecContext(t.ctx, query, args...)
	return err
}

// marks is rows groups of n "?" placeholders: "(?, ?), (?, ?)"; rows of one
// column are bare: "?, ?".
func marks(rows, n int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
	if n == 1 {
		group = "?"
	}
	return strings.TrimSuffix(strings.Repeat(group+", ", rows), ", ")
}
