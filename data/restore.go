package data

import (
	"fmt"

	"github.com/google/uuid"
)

// SaveAsOf writes one complete record that carries its own history: its id,
// created/updated times and authors are kept as given instead of being set to
// now, exactly as Import keeps them (the change log's clock is taken from
// updated_at). Demo data uses it so that a meeting "recorded last spring" has
// last spring's timestamps and the same seed gives the same export. A record
// whose id is already stored is replaced only if this copy is newer. It
// reports whether the record was added.
func (w *Writer) SaveAsOf(entity string, fields map[string]any) (added bool, err error) {
	op := "save " + entity
	e := EntityByName(entity)
	if e == nil {
		return false, invalid(op, "unknown record type "+entity, "نوع رکورد ناشناخته است")
	}
	rec, err := CheckFields(e, fields)
	if err == nil {
		err = CheckComplete(e, rec)
	}
	if err != nil {
		return false, fieldErr(op, err)
	}
	for _, f := range e.AllFields() {
		if _, ok := rec[f.Name]; !ok {
			rec[f.Name], _ = CheckValue(e, &f, nil)
		}
	}
	if u, perr := uuid.Parse(rec.ID()); perr != nil || u.Version() != 7 {
		return false, invalid(op, fmt.Sprintf("id %s is not a UUIDv7", rec.ID()), "شناسه باید UUIDv7 باشد")
	}
	var res ImportResult
	if err := w.importRecord(e, rec, &res); err != nil {
		return false, err
	}
	return res.Added == 1, nil
}
