package hqdb

import (
	"context"

	"mahalleh/data"
)

// District is one of Tehran's 22 districts, built into the HQ.
type District struct {
	ID             int
	NameFa, NameEn string
}

// Districts are Tehran's 22 districts, as in the desktop store.
var Districts = []District{
	{1, "منطقه ۱", "District 1"},
	{2, "منطقه ۲", "District 2"},
	{3, "منطقه ۳", "District 3"},
	{4, "منطقه ۴", "District 4"},
	{5, "منطقه ۵", "District 5"},
	{6, "منطقه ۶", "District 6"},
	{7, "منطقه ۷", "District 7"},
	{8, "منطقه ۸", "District 8"},
	{9, "منطقه ۹", "District 9"},
	{10, "منطقه ۱۰", "District 10"},
	{11, "منطقه ۱۱", "District 11"},
	{12, "منطقه ۱۲", "District 12"},
	{13, "منطقه ۱۳", "District 13"},
	{14, "منطقه ۱۴", "District 14"},
	{15, "منطقه ۱۵", "District 15"},
	{16, "منطقه ۱۶", "District 16"},
	{17, "منطقه ۱۷", "District 17"},
	{18, "منطقه ۱۸", "District 18"},
	{19, "منطقه ۱۹", "District 19"},
	{20, "منطقه ۲۰", "District 20"},
	{21, "منطقه ۲۱", "District 21"},
	{22, "منطقه ۲۲", "District 22"},
}

// department is a built-in department; its id is fixed and equal to the one
// in the desktop store's migrations (data/migrations/00002_reference.sql),
// so devices and HQ agree on it before any sync.
type department struct{ id, code, fa, en string }

var departments = []department{
	{"0193f000-0000-7000-8000-000000000001", "civil_works", "عمرانی", "Civil works"},
	{"0193f000-0000-7000-8000-000000000002", "urban_services", "خدمات شهری", "Urban services"},
	{"0193f000-0000-7000-8000-000000000003", "green_space", "فضای سبز", "Green space"},
	{"0193f000-0000-7000-8000-000000000004", "traffic", "حمل و نقل و ترافیک", "Transport and traffic"},
	{"0193f000-0000-7000-8000-000000000005", "cultural", "فرهنگی", "Cultural"},
	{"0193f000-0000-7000-8000-000000000006", "social", "اجتماعی", "Social"},
	{"0193f000-0000-7000-8000-000000000007", "urban_planning", "شهرسازی و معماری", "Urban planning and building"},
	{"0193f000-0000-7000-8000-000000000008", "crisis", "مدیریت بحران", "Crisis management"},
	{"0193f000-0000-7000-8000-000000000009", "sports", "ورزش", "Sports"},
	{"0193f000-0000-7000-8000-000000000010", "health", "سلامت", "Health"},
}

// Reference records carry a fixed clock (2025-01-01, node "hq") so that any
// later edit by HQ wins over them and every replica agrees on their values.
const (
	referenceTime  = "2025-01-01T00:00:00.000Z"
	referenceClock = "1735689600000-00000-hq"
)

// seedReference inserts the built-in departments as records of district 0
// (so they flow down to every device), unless they are there already.
func seedReference(ctx context.Context, db *DB) error {
	return db.Update(ctx, func(tx Tx) error {
		if err := tx.LockRecords(); err != nil {
			return err
		}
		for _, d := range departments {
			old, err := tx.GetRecord("departments", d.id)
			if err != nil || old != nil {
				if err != nil {
					return err
				}
				continue
			}
			fields := data.Record{"district": int64(0), "created_at": referenceTime, "updated_at": referenceTime,
				"created_by": "hq", "updated_by": "hq", "deleted": false, "code": d.code, "name_fa": d.fa, "name_en": d.en}
			clocks := map[string]string{}
			for name := range fields {
				clocks[name] = referenceClock
			}
			if err := tx.PutRecord(&Record{Entity: "departments", ID: d.id, Fields: fields, Clocks: clocks}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ValidDistrict reports whether d is one of Tehran's districts (1..22).
func ValidDistrict(d int) bool { return d >= 1 && d <= len(Districts) }
