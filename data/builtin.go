package data

import (
	"context"
	"database/sql"
	"strings"
)

// The built-in reference data: Tehran's 22 districts and the departments
// concerns and action items are routed to. This table is the one source of
// both the device store (seedBuiltin, at every Open) and the HQ database
// (hqdb's seed, at every open): they agree on every id and name before any
// sync, and cannot drift. Department ids are fixed UUIDv7 values.
var (
	BuiltinDistricts = []District{
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
	BuiltinDepartments = []BuiltinDepartment{
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
)

// BuiltinDepartment is a department every store starts with.
type BuiltinDepartment struct{ ID, Code, NameFa, NameEn string }

// BuiltinTime is the created_at and updated_at of the built-in records, and
// BuiltinAuthor their author: older than any real edit, so that an edit HQ
// makes later wins on every replica.
const (
	BuiltinTime   = "2025-01-01T00:00:00.000Z"
	BuiltinAuthor = "hq"
)

// seedBuiltin inserts the built-in districts and departments the store
// lacks; it changes nothing that is there (an edit HQ sent down, a
// tombstone), and writes nothing when all of it is there, so opening a
// store to read it stays a read.
func (s *Store) seedBuiltin(ctx context.Context) error {
	ids := make([]any, len(BuiltinDepartments))
	for i, d := range BuiltinDepartments {
		ids[i] = d.ID
	}
	var districts, departments int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM districts),
		(SELECT count(*) FROM departments WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`))`, ids...).Scan(&districts, &departments)
	if err != nil {
		return wrap("open", err, "cannot read the built-in reference data", "داده‌های مرجع پایه خوانده نشد")
	}
	if districts >= len(BuiltinDistricts) && departments == len(BuiltinDepartments) {
		return nil
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for _, d := range BuiltinDistricts {
			if _, err := tx.ExecContext(ctx, "INSERT INTO districts (id, name_fa, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
				d.ID, d.NameFa, d.NameEn); err != nil {
				return wrap("open", err, "cannot add the built-in districts", "افزودن مناطق پایه ممکن نشد")
			}
		}
		for _, d := range BuiltinDepartments {
			if _, err := tx.ExecContext(ctx, `INSERT INTO departments (id, district, created_at, updated_at, created_by, updated_by, code, name_fa, name_en)
				VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				d.ID, BuiltinTime, BuiltinTime, BuiltinAuthor, BuiltinAuthor, d.Code, d.NameFa, d.NameEn); err != nil {
				return wrap("open", err, "cannot add the built-in departments", "افزودن ادارات پایه ممکن نشد")
			}
		}
		return nil
	})
}
