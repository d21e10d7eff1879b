package hq

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"mahalleh/sync/hq/hqdb"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// pull returns the records changed after the cursor of the device's
// district and district 0 (role hq: all districts), each as its whole
// current state. Each district has its own sequence; the cursor holds
// where the device is in each (hqdb.Cursor). A page ends at limit records
// or once its records reach MaxPullPageBytes, whichever comes first (a page
// that is not the last holds at least one record). Records whose whole
// state came from this device's own pushes are not sent back to it: it
// holds them already; the cursor moves past them all the same.
func (s *server) pull(w http.ResponseWriter, r *http.Request) error {
	dev := deviceOf(r)
	q := r.URL.Query()
	cursor, err := parseCursor(q.Get(msync.QueryPullCursor))
	if err != nil {
		return err
	}
	limit, err := parseLimit(q.Get(msync.QueryPullLimit))
	if err != nil {
		return err
	}
	districts := pullDistricts(dev)
	var recs []Record
	var next hqdb.Cursor
	var more bool
	err = s.store.View(r.Context(), func(tx Tx) error {
		var err error
		recs, next, more, err = tx.RecordsAfter(cursor, districts, limit, msync.MaxPullPageBytes, dev.ID)
		return err
	})
	if err != nil {
		return err
	}
	resp := msync.PullResponse{Changes: make([]data.RemoteChange, 0, len(recs)), Cursor: next.String(), More: more}
	for _, rec := range recs {
		if dev.Role != msync.RoleHQ && rec.District != 0 && rec.District != dev.District {
			return fmt.Errorf("store returned a record of district %d to a device of district %d", rec.District, dev.District)
		}
		resp.Changes = append(resp.Changes, data.RemoteChange{Entity: rec.Entity, ID: rec.ID, District: rec.District,
			Fields: rec.Fields, Clocks: rec.Clocks})
	}
	if !resp.More {
		if err := s.touch(r.Context(), dev, true); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// pullDistricts are the districts whose records a device reads: its own and
// district 0 (reference data); every district for the hq role.
func pullDistricts(dev *Device) []int {
	if dev.Role != msync.RoleHQ {
		return []int{0, dev.District}
	}
	all := make([]int, 0, len(Districts)+1)
	for d := 0; d <= len(Districts); d++ {
		all = append(all, d)
	}
	return all
}

func parseCursor(s string) (hqdb.Cursor, error) {
	c, err := hqdb.ParseCursor(s, len(Districts))
	if err != nil {
		return c, invalidf("نشانگر دریافت نامعتبر است. برنامه را به‌روز کنید.",
			"cursor %q is not a cursor this server gave out. Update the app.", clip(s))
	}
	return c, nil
}

func parseLimit(s string) (int, error) {
	if s == "" {
		return msync.MaxPullPage, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > msync.MaxPullPage {
		return 0, invalidf(fmt.Sprintf("اندازه صفحه باید بین ۱ و %d باشد.", msync.MaxPullPage),
			"limit %q must be a whole number from 1 to %d.", clip(s), msync.MaxPullPage)
	}
	return n, nil
}

// Export writes the live records of a district (0: all) and the shared
// reference data (district 0) as the same JSON document as `mahalleh
// export` (data.ExportWriter), so HQ's copy of a district can be compared
// byte for byte with a device's. HQ reads the records in one view first,
// since the document's header counts them.
func Export(ctx context.Context, store Store, district int, w io.Writer, opts ...data.BackupOption) error {
	if district < 0 || district > len(Districts) {
		return fmt.Errorf("district must be 0 (all) to %d, not %d", len(Districts), district)
	}
	recs := make([][]Record, len(data.Entities))
	counts := map[string]int{}
	err := store.View(ctx, func(tx Tx) error {
		for i := range data.Entities {
			r, err := tx.LiveRecords(data.Entities[i].Name, district)
			if err != nil {
				return err
			}
			recs[i], counts[data.Entities[i].Name] = r, len(r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	x, err := data.NewExportWriter(w, counts, opts...)
	if err != nil {
		return err
	}
	for i := range data.Entities {
		e := &data.Entities[i]
		for j := range recs[i] {
			if err := x.Write(e, fullRecord(e, &recs[i][j])); err != nil {
				return err
			}
		}
	}
	return x.Close()
}

// fullRecord gives a record every field of its entity, as the desktop store
// has them: fields HQ never received take their empty value.
func fullRecord(e *data.Entity, rec *Record) data.Record {
	out := make(data.Record, len(e.Fields)+len(data.CommonFields))
	for _, f := range e.AllFields() {
		v, ok := rec.Fields[f.Name]
		if !ok {
			v, _ = data.CheckValue(e, &f, nil)
		}
		out[f.Name] = v
	}
	out["id"], out["district"] = rec.ID, int64(rec.District)
	return out
}
