package data

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"
)

// ImportResult counts what an import did.
type ImportResult struct{ Added, Updated, Unchanged int }

// Import reads an export document (plain or gzip-compressed) into the store
// in one transaction, one record at a time: on any error, a truncated file
// or a checksum that does not match included, nothing is written. The
// header is checked before the transaction begins; the counts and the
// checksum before it commits (see ExportFormat). A record whose id is
// already in the store is replaced only if the file's copy is newer
// (updated_at). Imported records enter the change log with clocks taken
// from their updated_at, so that a later sync never lets an old backup
// overwrite newer edits made elsewhere.
func (s *Store) Import(ctx context.Context, r io.Reader, author string, opts ...BackupOption) (ImportResult, error) {
	var res ImportResult
	o := backupOpts(opts)
	br := bufio.NewReaderSize(r, 1<<16)
	if isLegacyExport(br) {
		return s.importLegacy(ctx, br, author)
	}
	x, err := openExport(br)
	if err != nil {
		return res, err
	}
	scope, err := s.SyncScope(ctx)
	if err != nil {
		return res, err
	}
	err = s.Write(ctx, author, func(w *Writer) error {
		w.scope, w.now = scope, time.Now()
		for {
			e, pos, rec, err := x.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if err := w.importRecord(e, rec, &res); err != nil {
				return annotate(err, fmt.Sprintf("%s[%d] (id %s)", e.Name, pos, rec.ID()))
			}
			if o.progress != nil && x.done%progressEvery == 0 {
				o.progress(x.done, x.total)
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return ImportResult{}, err // rolled back: nothing was added or updated
	}
	if o.progress != nil {
		o.progress(x.done, x.total)
	}
	return res, nil
}

// CheckExport reads a whole export document, checking it as Import does
// (header, every record's fields, counts, checksum) without any store, and
// returns the number of records per entity.
func CheckExport(r io.Reader) (map[string]int, error) {
	x, err := openExport(r)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for {
		e, _, _, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out[e.Name]++
	}
}

// ReadExport reads and checks an export document into memory, as records
// per entity. It is for tests and tools that compare small exports; Import
// and CheckExport stream.
func ReadExport(r io.Reader) (map[string][]Record, error) {
	x, err := openExport(r)
	if err != nil {
		return nil, err
	}
	out := map[string][]Record{}
	for {
		e, _, rec, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out[e.Name] = append(out[e.Name], rec)
	}
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

// importLegacy restores a version-1 backup (see import_v1.go): read whole,
// checked, then written in one transaction.
func (s *Store) importLegacy(ctx context.Context, r io.Reader, author string) (ImportResult, error) {
	var res ImportResult
	doc, err := readLegacyExport(r)
	if err != nil {
		return res, err
	}
	scope, err := s.SyncScope(ctx)
	if err != nil {
		return res, err
	}
	err = s.Write(ctx, author, func(w *Writer) error {
		w.scope, w.now = scope, time.Now()
		return w.importLegacy(doc, &res)
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}
