package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Home counts and lists, for the office's neighbourhood, what the test
// wrote there and nothing of the other neighbourhood.
func TestHomeOfTheOffice(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	dept2 := "0193f000-0000-7000-8000-000000000004"
	actionAt(t, s, wd.nbA, "late A", "2025-09-28", "open", nil)
	actionAt(t, s, wd.nbA, "later A", "2025-09-30", "in_progress", nil)
	actionAt(t, s, wd.nbA, "done A", "2025-09-01", "done", nil)
	actionAt(t, s, wd.nbA, "thursday A", "2025-10-02", "open", nil)
	actionAt(t, s, wd.nbA, "saturday A", "2025-10-04", "open", nil)
	actionAt(t, s, wd.nbB, "late B", "2025-09-29", "open", nil)
	for i, c := range []struct{ nb, dept, status string }{
		{wd.nbA, wd.dept, "open"}, {wd.nbA, wd.dept, "in_progress"}, {wd.nbA, dept2, "open"},
		{wd.nbA, wd.dept, "resolved"}, {wd.nbB, dept2, "open"},
	} {
		save(t, s, "concerns", map[string]any{"district": testDistrict, "neighbourhood_id": c.nb, "department_id": c.dept,
			"title": "مطالبه " + itoa(i), "priority": "normal", "status": c.status})
	}
	teh, _ := time.LoadLocation("Asia/Tehran")
	for i, at := range []time.Time{
		time.Date(2025, 10, 1, 17, 0, 0, 0, teh), // today, later
		time.Date(2025, 10, 1, 9, 0, 0, 0, teh),  // today, earlier
		time.Date(2025, 10, 2, 10, 0, 0, 0, teh), // Thursday
		time.Date(2025, 9, 27, 10, 0, 0, 0, teh), // Saturday: this week, before today
		time.Date(2025, 9, 26, 10, 0, 0, 0, teh), // last Friday
	} {
		save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "kind": "elders",
			"title": "نشست " + itoa(i), "starts_at": FormatTime(at)})
	}
	save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbB, "kind": "elders",
		"title": "نشست B", "starts_at": FormatTime(time.Date(2025, 10, 1, 11, 0, 0, 0, teh))})
	save(t, s, "projects", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "title": "بوستان", "status": "in_progress", "progress": 60})
	save(t, s, "projects", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "title": "پایان‌یافته", "status": "done", "progress": 100})

	now := time.Date(2025, 10, 1, 12, 0, 0, 0, teh)
	h, err := s.Home(ctx, HomeScope{District: testDistrict, Neighbourhoods: []string{wd.nbA}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if h.Today.String() != "1404/07/09" || h.WeekEnd.String() != "1404/07/11" {
		t.Errorf("today %s, week ends %s", h.Today, h.WeekEnd)
	}
	if h.Overdue != 2 || strings.Join(titles(h.OverdueItems), ",") != "later A,late A" {
		t.Errorf("overdue %d: %q", h.Overdue, titles(h.OverdueItems))
	}
	if h.DueThisWeek != 1 || strings.Join(titles(h.DueThisWeekItems), ",") != "thursday A" {
		t.Errorf("due this week %d: %q", h.DueThisWeek, titles(h.DueThisWeekItems))
	}
	if h.OpenConcerns != 3 || len(h.ConcernsByDepartment) != 2 ||
		h.ConcernsByDepartment[0] != (DepartmentCount{wd.dept, 2}) || h.ConcernsByDepartment[1] != (DepartmentCount{dept2, 1}) {
		t.Errorf("open concerns %d by department %+v", h.OpenConcerns, h.ConcernsByDepartment)
	}
	var today, week, recent []string
	for _, m := range h.TodayMeetings {
		today = append(today, m.Title)
	}
	for _, m := range h.WeekMeetings {
		week = append(week, m.Title)
	}
	for _, m := range h.RecentMeetings {
		recent = append(recent, m.Title)
	}
	// newWorld's meeting is today at 11:30 too.
	if h.MeetingsToday != 3 || strings.Join(today, ",") != "نشست 1,نشست با معتمدان,نشست 0" {
		t.Errorf("today: %d %q", h.MeetingsToday, today)
	}
	if h.MeetingsThisWeek != 5 || strings.Join(week, ",") != "نشست 2" || strings.Join(recent, ",") != "نشست 3,نشست 4" {
		t.Errorf("this week %d, rest of the week %q, recent %q", h.MeetingsThisWeek, week, recent)
	}
	if len(h.Projects) != 1 || h.Projects[0].Title != "بوستان" || h.Projects[0].Progress != 60 {
		t.Errorf("projects %+v", h.Projects)
	}
	whole, err := s.Home(ctx, HomeScope{District: testDistrict}, now)
	if err != nil || whole.Overdue != 3 || whole.OpenConcerns != 4 || whole.MeetingsToday != 4 {
		t.Errorf("the whole district: overdue %d, concerns %d, meetings today %d (%v)", whole.Overdue, whole.OpenConcerns, whole.MeetingsToday, err)
	}
}

// Home's counts read a range of an index, never a whole table or index:
// every step of each query plan is a SEARCH.
func TestHomeQueriesUseIndexes(t *testing.T) {
	s := openTestStore(t)
	today := followToday
	nbs := []string{"0193f000-0000-7000-8000-0000000000aa", "0193f000-0000-7000-8000-0000000000bb"}
	queries := map[string]where{}
	for _, sc := range [][]string{nil, nbs} {
		name := map[bool]string{true: "district", false: "neighbourhoods"}[sc == nil]
		queries["overdue/"+name] = actionsWhere(ActionFilter{District: 14, Neighbourhoods: sc, Status: "overdue"}, today)
		queries["due/"+name] = actionsWhere(ActionFilter{District: 14, Neighbourhoods: sc, Status: "due", DueBy: today.AddDate(0, 0, 2)}, today)
		queries["concerns/"+name] = concernsWhere(ConcernFilter{District: 14, Neighbourhoods: sc, Status: "active"})
	}
	for name, w := range queries {
		table := "action_items"
		if strings.HasPrefix(name, "concerns") {
			table = "concerns"
		}
		rows, err := s.DB().Query("EXPLAIN QUERY PLAN SELECT count(*) FROM "+table+" t"+w.sql(), w.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN") {
				t.Errorf("%s walks a whole table or index: %q", name, plan)
			}
		}
	}
}
