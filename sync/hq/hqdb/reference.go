package hqdb

import (
	"context"

	"mahalleh/data"
)

// District is one of Tehran's 22 districts, built into the HQ.
type District = data.District

// Districts are Tehran's 22 districts: data.BuiltinDistricts, the one table
// the desktop store is seeded from too.
var Districts = data.BuiltinDistricts

// The clock of the built-in records (data.BuiltinTime, node "hq"), so that
// any later edit by HQ wins over them and every replica agrees on their values.
const referenceClock = "1735689600000-00000-hq"

// seedReference inserts the built-in districts and departments
// (data.BuiltinDistricts, data.BuiltinDepartments) that the database lacks:
// the departments as records of district 0, so they flow down to every
// device. What is there (an edit, a tombstone) is left alone.
func seedReference(ctx context.Context, db *DB) error {
	return db.Update(ctx, func(tx Tx) error {
		st := tx.(*sqlTx)
		for _, d := range Districts {
			if _, err := st.exec("INSERT INTO districts (id, name_fa, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING", d.ID, d.NameFa, d.NameEn); err != nil {
				return err
			}
		}
		// A district's sequence starts above every seq given out (a fresh
		// database: at 0), so that old global cursors keep their meaning.
		for d := 0; d <= len(Districts); d++ {
			if _, err := st.exec(`INSERT INTO district_seq (district, seq)
				SELECT CAST(? AS INTEGER), COALESCE((SELECT MAX(seq) FROM district_seq), 0) WHERE true ON CONFLICT (district) DO NOTHING`, d); err != nil {
				return err
			}
		}
		if err := tx.LockRecords(); err != nil {
			return err
		}
		for _, d := range data.BuiltinDepartments {
			old, err := tx.GetRecord("departments", d.ID)
			if err != nil || old != nil {
				if err != nil {
					return err
				}
				continue
			}
			fields := data.Record{"district": int64(0), "created_at": data.BuiltinTime, "updated_at": data.BuiltinTime,
				"created_by": data.BuiltinAuthor, "updated_by": data.BuiltinAuthor, "deleted": false, "code": d.Code, "name_fa": d.NameFa, "name_en": d.NameEn}
			clocks := map[string]string{}
			for name := range fields {
				clocks[name] = referenceClock
			}
			if err := tx.PutRecord(&Record{Entity: "departments", ID: d.ID, Fields: fields, Clocks: clocks}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ValidDistrict reports whether d is one of Tehran's districts (1..22).
func ValidDistrict(d int) bool { return d >= 1 && d <= len(Districts) }
