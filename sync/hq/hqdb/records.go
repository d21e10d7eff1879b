package hqdb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mahalleh/data"
)

const recordColumns = "entity, id, district, fields, clocks, deleted, seq, origin"

func (t *sqlTx) GetRecord(entity, id string) (*Record, error) {
	r, err := scanRecord(t.row("SELECT "+recordColumns+" FROM records WHERE entity = ? AND id = ?", entity, id))
	if noRows(err) {
		return nil, nil
	}
	return r, err
}

func (t *sqlTx) PutRecord(r *Record) error { return t.PutRecords([]*Record{r}) }

// noOrigin is compared with records' origin when no device's records are
// to be passed over: no device id looks like it.
const noOrigin = "(none)"

// RecordsAfter reads the districts' sequences after the cursor merged in
// seq order: one statement, a UNION ALL of one range of the (district, seq)
// index per district, so that the page is one consistent snapshot even
// under READ COMMITTED. A record of skipOrigin comes without its fields
// and clocks (nothing to decode) and is passed over; at most ten times
// limit records are read for one page, so a page of passed-over records
// still ends soon.
func (t *sqlTx) RecordsAfter(cursor Cursor, districts []int, limit, maxBytes int, skipOrigin string) ([]Record, Cursor, bool, error) {
	next := cursor.Clone()
	if skipOrigin == "" {
		skipOrigin = noOrigin
	}
	// Each arm is cut at the page's length itself: PostgreSQL, given the
	// arms whole, sorted every record after the cursor of every district
	// for each page (a first sync's pull of 10 records past 2.2 million of
	// the device's own took 143 s there, 10 s on SQLite, which merges).
	scan := 10 * limit
	arms := make([]string, 0, len(districts))
	args := make([]any, 0, 6*len(districts)+1)
	for i, d := range districts {
		arms = append(arms, `SELECT * FROM (SELECT entity, id, district, CASE WHEN origin = ? THEN '' ELSE fields END AS fields,
			CASE WHEN origin = ? THEN '' ELSE clocks END AS clocks, deleted, seq, origin, origin = ? AS own
			FROM records WHERE district = ? AND seq > ? ORDER BY seq LIMIT ?) AS arm`+strconv.Itoa(i))
		args = append(args, skipOrigin, skipOrigin, skipOrigin, d, cursor.Get(d), scan+1)
	}
	args = append(args, scan+1)
	rows, err := t.query(strings.Join(arms, " UNION ALL ")+" ORDER BY seq LIMIT ?", args...)
	if err != nil {
		return nil, next, false, err
	}
	defer rows.Close()
	var out []Record
	size, read := 0, 0
	for rows.Next() {
		if len(out) == limit || size >= maxBytes || read == scan {
			return out, next, true, nil
		}
		read++
		var fields, clocks string
		var own bool
		var r Record
		var deleted int
		if err := rows.Scan(&r.Entity, &r.ID, &r.District, &fields, &clocks, &deleted, &r.Seq, &r.Origin, &own); err != nil {
			return nil, next, false, err
		}
		next.set(r.District, r.Seq)
		if own {
			continue
		}
		if err := parseRecord(&r, deleted, fields, clocks); err != nil {
			return nil, next, false, err
		}
		out = append(out, r)
		size += len(fields) + len(clocks)
	}
	return out, next, false, rows.Err()
}

func (t *sqlTx) LiveRecords(entity string, district int) ([]Record, error) {
	if district == 0 {
		return t.records("SELECT "+recordColumns+" FROM records WHERE entity = ? AND deleted = 0 ORDER BY id", entity)
	}
	return t.records("SELECT "+recordColumns+" FROM records WHERE entity = ? AND deleted = 0 AND district IN (0, ?) ORDER BY id",
		entity, district)
}

// LiveRecordsReferring finds the records by the text of their stored
// fields (`"field":"id"`, as encodeFields and encoding/json both write it),
// which both databases match alike with LIKE on the TEXT column, and then
// keeps those whose decoded field really is id: LIKE only narrows the rows
// (an "_" in a field name matches any character), so a record that merely
// quotes the text elsewhere is not taken for one that refers to id.
func (t *sqlTx) LiveRecordsReferring(entity string, district int, field, id string) ([]Record, error) {
	pattern := "%" + string(appendString(nil, field)) + ":" + string(appendString(nil, id)) + "%"
	recs, err := t.records("SELECT "+recordColumns+` FROM records
		WHERE entity = ? AND district = ? AND deleted = 0 AND fields LIKE ? ORDER BY id`, entity, district, pattern)
	if err != nil {
		return nil, err
	}
	out := recs[:0]
	for _, r := range recs {
		if r.Fields[field] == id {
			out = append(out, r)
		}
	}
	return out, nil
}

func (t *sqlTx) BlobDistricts(sha string) ([]int, error) {
	rows, err := t.query("SELECT DISTINCT district FROM records WHERE blob = ? AND deleted = 0", sha)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var d int
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *sqlTx) records(query string, args ...any) ([]Record, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

func scanRecord(sc interface{ Scan(...any) error }) (*Record, error) {
	r, _, err := scanRecordSized(sc)
	return r, err
}

// scanRecordSized is scanRecord that also says how many bytes the record's
// stored fields and clocks take: about what it takes in a pull page.
func scanRecordSized(sc interface{ Scan(...any) error }) (*Record, int, error) {
	var fields, clocks string
	r, err := decodeRecord(sc, &fields, &clocks)
	return r, len(fields) + len(clocks), err
}

func decodeRecord(sc interface{ Scan(...any) error }, fieldsp, clocksp *string) (*Record, error) {
	var r Record
	var deleted int
	if err := sc.Scan(&r.Entity, &r.ID, &r.District, fieldsp, clocksp, &deleted, &r.Seq, &r.Origin); err != nil {
		return nil, err
	}
	if err := parseRecord(&r, deleted, *fieldsp, *clocksp); err != nil {
		return nil, err
	}
	return &r, nil
}

// parseRecord decodes a record's stored fields and clocks into r.
func parseRecord(r *Record, deleted int, fields, clocks string) error {
	r.Deleted = deleted != 0
	e := data.EntityByName(r.Entity)
	if e == nil {
		return fmt.Errorf("record %s/%s: unknown entity", r.Entity, r.ID)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(fields)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("record %s/%s: damaged fields: %w", r.Entity, r.ID, err)
	}
	data.ClampInts(e, raw)                       // a number stored before its field had a range
	canon, err := data.CheckSyncedFields(e, raw) // JSON numbers back to int64; fields of a later version kept
	if err != nil {
		return fmt.Errorf("record %s/%s: %w", r.Entity, r.ID, err)
	}
	r.Fields = canon
	if r.Clocks, err = decodeClocks(r.Fields, clocks); err != nil {
		return fmt.Errorf("record %s/%s: damaged clocks: %w", r.Entity, r.ID, err)
	}
	if r.Clocks == nil {
		r.Clocks = map[string]string{}
	}
	return nil
}

func (t *sqlTx) IsApplied(changeID string) (bool, error) {
	var n int
	err := t.row("SELECT count(*) FROM applied_changes WHERE change_id = ?", changeID).Scan(&n)
	return n > 0, err
}

func (t *sqlTx) MarkApplied(changeID, device string, at time.Time) error {
	return t.MarkAppliedAll([]string{changeID}, device, at)
}

func (t *sqlTx) AddAudit(a Audit) error { return t.AddAudits([]Audit{a}) }

func (t *sqlTx) AuditFor(entity, id string) ([]Audit, error) {
	rows, err := t.query(`SELECT at, device, officer, entity, record_id, fields, clock FROM audit
		WHERE entity = ? AND record_id = ? ORDER BY id`, entity, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Audit
	for rows.Next() {
		var a Audit
		var at int64
		var fields string
		if err := rows.Scan(&at, &a.Device, &a.Officer, &a.Entity, &a.RecordID, &fields, &a.Clock); err != nil {
			return nil, err
		}
		a.At = time.UnixMilli(at).UTC()
		json.Unmarshal([]byte(fields), &a.Fields)
		out = append(out, a)
	}
	return out, rows.Err()
}
