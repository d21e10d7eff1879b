package data

import (
	"context"
	"database/sql"
	"strings"
)

// RemoteChange is a record's state as HQ sends it down in a pull: the values
// of some fields and the clock of each.
type RemoteChange struct {
	Entity   string            `json:"entity"`
	ID       string            `json:"id"`
	District int               `json:"district"`
	Fields   Record            `json:"fields"`
	Clocks   map[string]string `json:"clocks"`
}

// ApplyPull merges one page of a pull into the store and saves the new
// cursor, in one transaction: an interrupted pull repeats at most one page,
// and repeating a page changes nothing. Pulled changes do not enter the
// change log (they came from HQ and need not go back). It returns how many
// records changed.
func (s *Store) ApplyPull(ctx context.Context, page []RemoteChange, cursor string) (int, error) {
	applied := 0
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		known, err := knownClocks(ctx, tx, page)
		if err != nil {
			return err
		}
		for _, rc := range page {
			if local, ok := known[rc.Entity+"/"+rc.ID]; ok && nothingNewer(rc, local) {
				continue // e.g. this device's own records coming back after its first push
			}
			n, err := s.applyRemote(ctx, tx, rc)
			if err != nil {
				return err
			}
			applied += n
		}
		s.mu.Lock()
		now := s.clock.Now()
		s.mu.Unlock()
		if err := setSetting(ctx, tx, "clock", now); err != nil {
			return err
		}
		return setSetting(ctx, tx, "pull_cursor", cursor)
	})
	return applied, err
}

func (s *Store) applyRemote(ctx context.Context, tx *sql.Tx, rc RemoteChange) (int, error) {
	op := "pull " + rc.Entity
	e := EntityByName(rc.Entity)
	if e == nil {
		return 0, invalid(op, "HQ sent an unknown record type "+rc.Entity, "سرور نوع رکورد ناشناخته‌ای فرستاد")
	}
	in, err := CheckSyncedFields(e, rc.Fields)
	if err != nil {
		return 0, fieldErr(op, err)
	}
	extra := extraOf(e, in) // fields of a later version: kept aside, verbatim
	old, err := getRecord(ctx, tx, e, rc.ID)
	if err != nil {
		return 0, err
	}
	clocks, err := readClocks(ctx, tx, e.Name, rc.ID)
	if err != nil {
		return 0, err
	}
	res := Merge(e, old, clocks, in, rc.Clocks, nil)
	tookExtra := false
	if len(extra) > 0 {
		if tookExtra, err = mergeExtra(ctx, tx, e.Name, rc.ID, extra, rc.Clocks); err != nil {
			return 0, err
		}
	}
	if len(res.Take) == 0 {
		if tookExtra {
			return 1, nil
		}
		return 0, nil
	}
	rec := Record{}
	if old == nil {
		for _, f := range e.AllFields() {
			rec[f.Name], _ = CheckValue(e, &f, nil)
		}
	} else {
		for k, v := range old {
			rec[k] = v
		}
	}
	rec["id"], rec["district"] = rc.ID, int64(rc.District)
	for _, name := range res.Take {
		rec[name] = in[name]
		clocks[name] = rc.Clocks[name]
		s.observe(rc.Clocks[name])
	}
	if err := writeRow(ctx, tx, e, rec, old == nil, res.Take); err != nil {
		return 0, err
	}
	if err := writeClocks(ctx, tx, e.Name, rc.ID, clocks); err != nil {
		return 0, err
	}
	return 1, reindex(ctx, tx, e, rec, res.Take, old == nil)
}

// Change is one row of the local change log, as sync pushes it.
type Change struct {
	Seq      int64             `json:"-"`
	ChangeID string            `json:"change_id"`
	Entity   string            `json:"entity"`
	ID       string            `json:"id"`
	District int               `json:"district"`
	Clock    string            `json:"clock"`
	Author   string            `json:"author"`
	Fields   Record            `json:"fields"`
	Base     map[string]string `json:"base"`
}

// knownClocks reads, in one query per entity, the field clocks this store
// holds for the records of a pull page, keyed "entity/id".
func knownClocks(ctx context.Context, tx *sql.Tx, page []RemoteChange) (map[string]map[string]string, error) {
	ids := map[string][]any{}
	for _, rc := range page {
		if EntityByName(rc.Entity) != nil {
			ids[rc.Entity] = append(ids[rc.Entity], rc.ID)
		}
	}
	out := make(map[string]map[string]string, len(page))
	for entity, list := range ids {
		q := "SELECT record_id, clocks FROM record_clocks WHERE entity = ? AND record_id IN (?" + strings.Repeat(", ?", len(list)-1) + ")"
		rows, err := tx.QueryContext(ctx, q, append([]any{entity}, list...)...)
		if err != nil {
			return nil, wrap("pull", err, "cannot read the records' clocks", "خواندن ساعت رکوردها ممکن نشد")
		}
		for rows.Next() {
			var id, js string
			if err := rows.Scan(&id, &js); err != nil {
				rows.Close()
				return nil, wrap("pull", err, "cannot read the records' clocks", "خواندن ساعت رکوردها ممکن نشد")
			}
			clocks, err := decodeClocks(EntityByName(entity), js)
			if err != nil {
				rows.Close()
				return nil, wrap("pull", err, "the record's clocks are damaged", "ساعت رکورد خراب است")
			}
			out[entity+"/"+id] = clocks
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("pull", err, "cannot read the records' clocks", "خواندن ساعت رکوردها ممکن نشد")
		}
	}
	return out, nil
}

// nothingNewer reports whether every field of rc carries a clock no later
// than the one this store holds: then Merge would take nothing.
func nothingNewer(rc RemoteChange, local map[string]string) bool {
	for name := range rc.Fields {
		if name != "id" && rc.Clocks[name] > local[name] {
			return false
		}
	}
	return true
}
