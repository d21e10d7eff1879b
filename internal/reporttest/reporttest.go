// Package reporttest writes a small set of records whose performance
// report is known by construction, for the tests of the report's files, of
// the command lines that write them (mahalleh report, mahalleh-hq report)
// and of the reports screen: the figures in Want are counted by hand from
// the records below, not by data/report.
//
// The period is Mehr 1404 (23 September to 22 October 2025) and "today" is
// 15 October 2025. District 14 has meetings, concerns, action items and
// projects in Mehr, and some just outside it that must not count; district
// 7 has a little, for reports over every district.
package reporttest

import (
	"context"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// Period is the report's period, and Today decides what is overdue.
var (
	Period = jalali.Month(1404, 7)
	Today  = time.Date(2025, 10, 15, 9, 0, 0, 0, time.UTC)
)

// The departments the records use (data.BuiltinDepartments).
const (
	Civil = "0193f000-0000-7000-8000-000000000001" // عمرانی
	Green = "0193f000-0000-7000-8000-000000000003" // فضای سبز
	Roads = "0193f000-0000-7000-8000-000000000004" // حمل و نقل و ترافیک
)

// Dept is what the report must say of one department in district 14.
type Dept struct {
	NameFa, NameEn                         string
	Concerns                               map[string]int // by status
	Opened, Done, Overdue, Open, Cancelled int
	Median                                 float64 // days; only when Done > 0
}

// Want are district 14's figures for Mehr 1404.
var Want = struct {
	Meetings int
	Kinds    map[string]int
	Depts    []Dept
	// Projects by title: progress; MedianDays over every department.
	Projects   map[string]int
	MedianDays float64
	Concerns   int
}{
	Meetings: 6,
	Kinds:    map[string]int{"neighbourhood": 3, "elders": 2, "field_visit": 1},
	Depts: []Dept{
		{NameFa: "عمرانی", NameEn: "Civil works", Concerns: map[string]int{"open": 2, "resolved": 1},
			Opened: 3, Done: 2, Overdue: 1, Median: 7}, // done in 10 and 4 days
		{NameFa: "فضای سبز", NameEn: "Green space", Concerns: map[string]int{"in_progress": 1, "rejected": 1},
			Opened: 3, Done: 1, Open: 1, Cancelled: 1, Median: 20},
		{NameFa: "حمل و نقل و ترافیک", NameEn: "Transport and traffic", Concerns: map[string]int{"open": 1}},
	},
	Projects:   map[string]int{"آسفالت خیابان شهید مدنی": 40, "بازسازی بوستان گلها": 75},
	MedianDays: 10, // 4, 10, 20
	Concerns:   6,
}

// WantDistrict7 is district 7's part of a report over every district.
var WantDistrict7 = struct{ Meetings, Concerns, Opened int }{1, 1, 1}

// Hood is the id of district 14's neighbourhood the records are in.
const (
	HoodA = "0199a000-0000-7000-8000-00000000a001"
	HoodB = "0199a000-0000-7000-8000-00000000a002"
	Hood7 = "0199a000-0000-7000-8000-00000000a007"
)

// Record is one record the fixture writes.
type Record struct {
	Entity string
	Fields map[string]any
}

// ids are made readable: the entity's letter and a number.
func id(n int) string { return "0199b000-0000-7000-8000-" + pad(n) }

func pad(n int) string {
	s := "000000000000"
	d := []byte(s)
	for i := len(d) - 1; n > 0 && i >= 0; i, n = i-1, n/10 {
		d[i] = byte('0' + n%10)
	}
	return string(d)
}

// at is a Tehran wall-clock time as a stored instant.
func at(y, m, d, h int) string {
	return data.FormatTime(time.Date(y, time.Month(m), d, h, 0, 0, 0, jalali.Tehran()))
}

// Records are the fixture's records, parents first, each complete with its
// history (SaveAsOf keeps created_at and updated_at as given).
func Records() []Record {
	var out []Record
	add := func(entity string, district int, created, updated string, f map[string]any) string {
		if f["id"] == nil {
			f["id"] = id(len(out) + 1)
		}
		f["district"], f["created_at"], f["updated_at"] = int64(district), created, updated
		f["created_by"], f["updated_by"] = "test", "test"
		out = append(out, Record{entity, f})
		return f["id"].(string)
	}
	old := at(2025, 6, 1, 9)
	add("neighbourhoods", 14, old, old, map[string]any{"id": HoodA, "name": "پیروزی"})
	add("neighbourhoods", 14, old, old, map[string]any{"id": HoodB, "name": "نیروی هوایی"})
	add("neighbourhoods", 7, old, old, map[string]any{"id": Hood7, "name": "سهروردی"})
	meeting := func(district int, hood, kind string, when string) string {
		return add("meetings", district, when, when, map[string]any{"neighbourhood_id": hood, "kind": kind,
			"title": "نشست " + kind, "starts_at": when, "place": "سرای محله"})
	}
	m1 := meeting(14, HoodA, "neighbourhood", at(2025, 9, 24, 10)) // 2 Mehr
	meeting(14, HoodA, "neighbourhood", at(2025, 10, 1, 10))
	meeting(14, HoodB, "neighbourhood", at(2025, 10, 8, 17))
	m4 := meeting(14, HoodB, "elders", at(2025, 10, 12, 18))
	meeting(14, HoodA, "elders", at(2025, 10, 22, 20)) // 30 Mehr, the last day
	meeting(14, HoodB, "field_visit", at(2025, 10, 5, 9))
	before := meeting(14, HoodA, "council", at(2025, 9, 22, 18)) // 31 Shahrivar: not in Mehr
	meeting(14, HoodA, "council", at(2025, 10, 23, 9))           // 1 Aban: not in Mehr
	m7 := meeting(7, Hood7, "neighbourhood", at(2025, 10, 2, 10))
	concern := func(district int, meeting any, hood, dept, status, created string) {
		add("concerns", district, created, created, map[string]any{"meeting_id": meeting, "neighbourhood_id": hood,
			"department_id": dept, "title": "مطالبه " + status, "priority": "normal", "status": status})
	}
	concern(14, m1, HoodA, Civil, "open", at(2025, 9, 24, 12))
	concern(14, m1, HoodA, Civil, "open", at(2025, 9, 25, 12)) // typed the next day: still the meeting's
	concern(14, m4, HoodB, Civil, "resolved", at(2025, 10, 12, 19))
	concern(14, m4, HoodB, Green, "in_progress", at(2025, 10, 12, 19))
	concern(14, m1, HoodA, Green, "rejected", at(2025, 9, 24, 12))
	concern(14, nil, HoodB, Roads, "open", at(2025, 10, 3, 11))    // no meeting: when recorded
	concern(14, before, HoodA, Civil, "open", at(2025, 9, 23, 10)) // recorded in Mehr, raised in Shahrivar
	concern(14, nil, HoodA, Green, "open", at(2025, 10, 23, 10))   // Aban
	concern(7, m7, Hood7, Roads, "open", at(2025, 10, 2, 11))
	action := func(district int, meeting any, hood, dept, status, due, created, updated string) string {
		return add("action_items", district, created, updated, map[string]any{"meeting_id": meeting, "neighbourhood_id": hood,
			"department_id": dept, "title": "اقدام " + status, "due_date": due, "status": status})
	}
	followUp := func(item, status, when string) {
		add("follow_ups", 14, when, when, map[string]any{"action_item_id": item, "noted_at": when, "note": "پیگیری شد", "new_status": status})
	}
	a1 := action(14, m1, HoodA, Civil, "done", "2025-10-10", at(2025, 9, 25, 9), at(2025, 10, 6, 9))
	followUp(a1, "in_progress", at(2025, 9, 30, 9))
	followUp(a1, "done", at(2025, 10, 5, 9)) // 25 Sep → 5 Oct: 10 days
	a2 := action(14, m1, HoodA, Civil, "done", "2025-10-10", at(2025, 9, 25, 9), at(2025, 9, 29, 16))
	followUp(a2, "done", at(2025, 9, 29, 16))                                                  // 4 days
	action(14, m4, HoodB, Civil, "open", "2025-10-01", at(2025, 9, 26, 9), at(2025, 9, 26, 9)) // overdue
	action(14, m4, HoodB, Green, "in_progress", "2025-11-30", at(2025, 10, 12, 20), at(2025, 10, 12, 20))
	action(14, m4, HoodB, Green, "cancelled", "2025-10-30", at(2025, 10, 12, 20), at(2025, 10, 13, 20))
	action(14, nil, HoodA, Green, "done", "2025-10-30", at(2025, 9, 30, 9), at(2025, 10, 20, 9))   // no follow-up: 20 days
	action(14, before, HoodA, Civil, "open", "2025-10-01", at(2025, 9, 23, 9), at(2025, 9, 23, 9)) // Shahrivar's
	action(7, m7, Hood7, Roads, "open", "2025-12-01", at(2025, 10, 2, 12), at(2025, 10, 2, 12))
	project := func(hood, dept, title string, progress int, created string) {
		add("projects", 14, created, created, map[string]any{"neighbourhood_id": hood, "department_id": dept, "title": title,
			"status": "in_progress", "progress": int64(progress)})
	}
	project(HoodA, Civil, "آسفالت خیابان شهید مدنی", 40, at(2025, 8, 1, 9))
	project(HoodB, Green, "بازسازی بوستان گلها", 75, at(2025, 10, 2, 9))
	project(HoodA, Roads, "پل عابر پیاده", 0, at(2025, 11, 1, 9)) // after Mehr
	return out
}

// Fill writes the records into s.
func Fill(t testing.TB, s *data.Store) {
	t.Helper()
	err := s.Write(context.Background(), "test", func(w *data.Writer) error {
		for _, r := range Records() {
			if _, err := w.SaveAsOf(r.Entity, r.Fields); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
