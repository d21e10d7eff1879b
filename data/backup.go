package data

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/google/uuid"
)

// ExportFormat names the JSON document written by Export, and its version.
const (
	ExportFormat  = "mahalleh-export"
	ExportVersion = 1
)

// Export writes every live record (tombstones are left out) as one JSON
// document: {"format", "version", and one array per entity, in registry
// order, each sorted by id}. The document depends only on the records, so
// export → import → export gives the same bytes. district 0 means all.
func (s *Store) Export(ctx context.Context, w io.Writer, district int) error {
	doc := map[string]any{"format": ExportFormat, "version": ExportVersion}
	for i := range Entities {
		recs, err := s.liveRecords(ctx, &Entities[i], district)
		if err != nil {
			return err
		}
		doc[Entities[i].Name] = recs
	}
	return WriteExport(w, doc)
}

// WriteExport encodes an export document (shared with the HQ server, so that
// both write the same bytes for the same records).
func WriteExport(w io.Writer, doc map[string]any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return wrap("export", err, "cannot write the export", "نوشتن پرونده خروجی ممکن نشد")
	}
	return nil
}

func (s *Store) liveRecords(ctx context.Context, e *Entity, district int) ([]Record, error) {
	q := "SELECT " + selectList(e) + " FROM " + e.Name + " WHERE deleted = 0"
	var args []any
	if district != 0 {
		q += " AND district IN (0, ?)"
		args = append(args, district)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, wrap("export", err, "cannot read "+e.Name, "خواندن داده‌ها ممکن نشد")
	}
	defer rows.Close()
	out := []Record{}
	for rows.Next() {
		rec, err := scanRecord(e, rows)
		if err != nil {
			return nil, wrap("export", err, "cannot read "+e.Name, "خواندن داده‌ها ممکن نشد")
		}
		out = append(out, rec)
	}
	return out, rows.Err()
}

// ReadExport parses and validates an export document without touching any
// store. Unknown arrays, unknown fields, wrong types and impossible dates are
// errors that name the record.
func ReadExport(r io.Reader) (map[string][]Record, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 2<<30))
	if err != nil {
		return nil, wrap("import", err, "cannot read the file", "خواندن پرونده ممکن نشد")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]json.RawMessage
	if err := dec.Decode(&doc); err != nil {
		return nil, &Error{Op: "import", Code: ErrInvalid, Msg: "the file is not a valid Mahalleh JSON export (" + err.Error() + ")", MsgFa: "این پرونده خروجی معتبر محله نیست", Err: err}
	}
	var format string
	var version int
	json.Unmarshal(doc["format"], &format)
	json.Unmarshal(doc["version"], &version)
	if format != ExportFormat || version != ExportVersion {
		return nil, invalid("import", fmt.Sprintf("the file is not a Mahalleh export of version %d (format %q, version %d)", ExportVersion, format, version), "این پرونده خروجی معتبر محله نیست")
	}
	out := map[string][]Record{}
	for name, body := range doc {
		if name == "format" || name == "version" {
			continue
		}
		e := EntityByName(name)
		if e == nil {
			return nil, invalid("import", "the file has an unknown section "+name, "بخش ناشناخته در پرونده: "+name)
		}
		recs, err := decodeRecords(e, body)
		if err != nil {
			return nil, err
		}
		out[name] = recs
	}
	return out, nil
}

func decodeRecords(e *Entity, body json.RawMessage) ([]Record, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var items []map[string]any
	if err := dec.Decode(&items); err != nil {
		return nil, invalid("import", e.Name+" must be an array of records: "+err.Error(), "بخش "+e.Name+" باید فهرستی از رکوردها باشد")
	}
	out := make([]Record, 0, len(items))
	for i, item := range items {
		rec, err := CheckFields(e, item)
		if err == nil {
			err = CheckComplete(e, rec)
		}
		if err == nil {
			if u, perr := uuid.Parse(rec.ID()); perr != nil || u.Version() != 7 {
				err = &FieldError{Entity: e.Name, Field: "id", Msg: "is not a UUIDv7", MsgFa: "شناسه باید UUIDv7 باشد"}
			}
		}
		if err != nil {
			fe, _ := err.(*FieldError)
			msg := fmt.Sprintf("%s[%d] (id %v): %v", e.Name, i, item["id"], err)
			fa := fmt.Sprintf("رکورد %d از %s نامعتبر است", i+1, e.Name)
			if fe != nil {
				fa += ": «" + fe.Field + "» " + fe.MsgFa
			}
			return nil, &Error{Op: "import", Code: ErrInvalid, Msg: msg, MsgFa: fa, Err: err}
		}
		out = append(out, rec)
	}
	return out, nil
}

// ImportResult counts what an import did.
type ImportResult struct{ Added, Updated, Unchanged int }

// Import reads an export document into the store in one transaction: on any
// error nothing is written. A record whose id is already in the store is
// replaced only if the file's copy is newer (updated_at). Imported records
// enter the change log with clocks taken from their updated_at, so that a
// later sync never lets an old backup overwrite newer edits made elsewhere.
func (s *Store) Import(ctx context.Context, r io.Reader, author string) (ImportResult, error) {
	var res ImportResult
	doc, err := ReadExport(r)
	if err != nil {
		return res, err
	}
	scope, err := s.SyncScope(ctx)
	if err != nil {
		return res, err
	}
	err = s.Write(ctx, author, func(w *Writer) error {
		w.scope, w.now = scope, time.Now()
		for i := range Entities {
			e := &Entities[i]
			recs := doc[e.Name]
			// Records go in by id (the same file gives the same store), but an
			// error names the record by its position in the file.
			order := make([]int, len(recs))
			for j := range order {
				order[j] = j
			}
			sort.SliceStable(order, func(a, b int) bool { return recs[order[a]].ID() < recs[order[b]].ID() })
			for _, j := range order {
				if err := w.importRecord(e, recs[j], &res); err != nil {
					return annotate(err, fmt.Sprintf("%s[%d] (id %s)", e.Name, j, recs[j].ID()))
				}
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err // rolled back: nothing was added or updated
	}
	return res, nil
}

func (w *Writer) importRecord(e *Entity, rec Record, res *ImportResult) error {
	if err := w.checkDistrict(e, rec.District()); err != nil {
		return err
	}
	old, err := getRecord(w.ctx, w.tx, e, rec.ID())
	if err != nil {
		return err
	}
	if old != nil && old.District() != rec.District() {
		return invalid("import", "the record exists in another district", "این رکورد در منطقه دیگری ثبت شده است")
	}
	if old != nil && old["updated_at"].(string) >= rec["updated_at"].(string) {
		res.Unchanged++
		return nil
	}
	if err := w.scope.admits(e, rec, w.now); err != nil {
		return err // it would be logged as a change HQ refuses
	}
	var changed []string
	for _, f := range e.AllFields() {
		if f.Name != "id" && (old == nil || !sameValue(old[f.Name], rec[f.Name])) {
			changed = append(changed, f.Name)
		}
	}
	if err := w.checkRefs(e, rec, changed); err != nil {
		return err
	}
	if err := writeRow(w.ctx, w.tx, e, rec, old == nil, changed); err != nil {
		return err
	}
	w.wrote(e, rec)
	t, _ := ParseTime(rec["updated_at"].(string))
	clock := FormatClock(t.UnixMilli(), 0, "import-"+w.s.device[len(w.s.device)-12:])
	if err := w.logChangeAt(e, rec, changed, clock, old == nil); err != nil {
		return err
	}
	if old == nil {
		res.Added++
	} else {
		res.Updated++
	}
	return reindex(w.ctx, w.tx, e, rec, changed, old == nil)
}

func annotate(err error, where string) error {
	if de, ok := err.(*Error); ok {
		c := *de
		c.Msg = where + ": " + c.Msg
		if c.MsgFa != "" {
			c.MsgFa = where + ": " + c.MsgFa
		}
		return &c
	}
	return err
}
