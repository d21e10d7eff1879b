package data

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// followToday is the day the follow-up tests run on: Wednesday 9 Mehr 1404,
// whose Jalali week ends on Friday 3 October 2025.
var followToday = time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)

// actionAt saves an action item in nb with a deadline and status.
func actionAt(t *testing.T, s *Store, nb, title, due, status string, extra map[string]any) string {
	t.Helper()
	f := map[string]any{"district": testDistrict, "neighbourhood_id": nb, "title": title, "due_date": due, "status": status}
	for k, v := range extra {
		f[k] = v
	}
	return save(t, s, "action_items", f).ID()
}

func titles(rows []ActionRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Title)
	}
	return out
}

// The list runs by deadline, overdue is derived from today (the deadline
// day itself is not overdue, a done item never is), and each filter keeps
// exactly what it names.
func TestActionRowsFiltersAndOverdue(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	actionAt(t, s, wd.nbA, "late open", "2025-09-30", "open", map[string]any{"department_id": wd.dept})
	actionAt(t, s, wd.nbA, "late working", "2025-09-20", "in_progress", map[string]any{"responsible_id": wd.person})
	actionAt(t, s, wd.nbA, "due today", "2025-10-01", "open", nil)
	actionAt(t, s, wd.nbB, "due friday", "2025-10-03", "in_progress", map[string]any{"responsible_name": "مسئول فضای سبز"})
	actionAt(t, s, wd.nbB, "next week", "2025-10-04", "open", nil)
	actionAt(t, s, wd.nbA, "done late", "2025-09-01", "done", nil)
	actionAt(t, s, wd.nbB, "no deadline", "", "open", nil)

	list := func(f ActionFilter) []string {
		t.Helper()
		f.District = testDistrict
		rows, next, err := s.ListActionRows(ctx, f, Page{Limit: 50}, followToday)
		if err != nil || next != "" {
			t.Fatalf("list %+v: %v (next %q)", f, err, next)
		}
		n, err := s.CountActionRows(ctx, f, followToday)
		if err != nil || n != len(rows) {
			t.Fatalf("count %+v = %d (%v), the list holds %d", f, n, err, len(rows))
		}
		for _, r := range rows {
			if want := r.DueDate != "" && r.DueDate < "2025-10-01" && (r.Status == "open" || r.Status == "in_progress"); r.Overdue != want {
				t.Errorf("%q: overdue %v, want %v", r.Title, r.Overdue, want)
			}
		}
		return titles(rows)
	}
	cases := []struct {
		f    ActionFilter
		want []string
	}{
		{ActionFilter{}, []string{"no deadline", "done late", "late working", "late open", "due today", "due friday", "next week"}},
		{ActionFilter{Status: "overdue"}, []string{"late working", "late open"}},
		{ActionFilter{Status: "due", DueBy: time.Date(2025, 10, 3, 0, 0, 0, 0, time.UTC)}, []string{"due today", "due friday"}},
		{ActionFilter{Status: "active", Neighbourhoods: []string{wd.nbB}}, []string{"no deadline", "due friday", "next week"}},
		{ActionFilter{Status: "done"}, []string{"done late"}},
		{ActionFilter{DepartmentID: wd.dept}, []string{"late open"}},
		{ActionFilter{ResponsibleID: wd.person}, []string{"late working"}},
		{ActionFilter{ResponsibleName: "مسئول فضای سبز"}, []string{"due friday"}},
		{ActionFilter{Neighbourhoods: []string{wd.nbA, wd.nbB}, Status: "in_progress"}, []string{"late working", "due friday"}},
	}
	for _, c := range cases {
		if got := list(c.f); !slices.Equal(got, c.want) {
			t.Errorf("filter %+v lists %q, want %q", c.f, got, c.want)
		}
	}
	// Paging by deadline: three pages of three, two and two hold the seven.
	var all []string
	p := Page{Limit: 3}
	for {
		rows, next, err := s.ListActionRows(ctx, ActionFilter{District: testDistrict}, p, followToday)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, titles(rows)...)
		if next == "" {
			break
		}
		p.After = next
	}
	if len(all) != 7 || all[6] != "next week" {
		t.Errorf("paging three at a time read %q", all)
	}
	resp, err := s.Responsibles(ctx, testDistrict)
	if err != nil || len(resp) != 2 || resp[0] != (Responsible{ID: wd.person, Name: "حسن کریمی"}) || resp[1] != (Responsible{Name: "مسئول فضای سبز"}) {
		t.Errorf("responsibles: %+v (%v)", resp, err)
	}
}

// A note with a status change lands with the status in one transaction,
// logged for sync; a note repeating the status records no change; an empty
// note writes nothing.
func TestAddFollowUpChangesStatusWithItsNote(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	id := actionAt(t, s, wd.nbA, "آسفالت کوچه", "2025-09-30", "open", nil)
	at := time.Date(2025, 10, 1, 10, 30, 0, 0, time.UTC)
	before := rowCounts(t, s)["changes"]
	fu, err := s.AddFollowUp(ctx, "مریم رابط", id, "  پیمانکار کار را شروع کرد  ", "in_progress", at)
	if err != nil {
		t.Fatal(err)
	}
	if after := rowCounts(t, s)["changes"]; after != before+2 {
		t.Errorf("the change log grew by %d, want the note and the status", after-before)
	}
	row, err := s.ActionRowByID(ctx, id, followToday)
	if err != nil || row.Status != "in_progress" || row.UpdatedBy != "مریم رابط" {
		t.Fatalf("the item after the note: %+v (%v)", row.ActionItem, err)
	}
	if _, err := s.AddFollowUp(ctx, "مریم رابط", id, "هنوز در حال انجام است", "in_progress", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddFollowUp(ctx, "مریم رابط", id, "   ", "done", at); !IsInvalid(err) {
		t.Errorf("an empty note: %v, want it refused", err)
	}
	log, err := s.FollowUps(ctx, id)
	if err != nil || len(log) != 2 {
		t.Fatalf("the log holds %d notes (%v), want 2", len(log), err)
	}
	first := log[0]
	if first.ID != fu.ID || first.Note != "پیمانکار کار را شروع کرد" || first.NewStatus != "in_progress" ||
		first.CreatedBy != "مریم رابط" || first.NotedAt != "2025-10-01T10:30:00.000Z" {
		t.Errorf("the first note is %+v", first)
	}
	if log[1].NewStatus != "" {
		t.Errorf("a note repeating the status recorded the change %q", log[1].NewStatus)
	}
	if row, _ := s.ActionRowByID(ctx, id, followToday); row.Status != "in_progress" {
		t.Errorf("the refused note changed the status to %s", row.Status)
	}
	if _, err := s.AddFollowUp(ctx, "x", id, "note", "finished", at); err == nil || !strings.Contains(err.Error(), "status") {
		t.Errorf("an unknown status: %v", err)
	}
	if n := len(mustFollowUps(t, s, id)); n != 2 {
		t.Errorf("the refused status left %d notes", n)
	}
}

func mustFollowUps(t *testing.T, s *Store, id string) []FollowUp {
	t.Helper()
	log, err := s.FollowUps(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// A concern shows the decisions that answer it, their action items and the
// projects that address it; a project its concerns and their decisions.
func TestConcernAndProjectLinks(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	c := save(t, s, "concerns", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "neighbourhood_id": wd.nbA,
		"title": "آب‌گرفتگی", "priority": "high", "status": "open"}).ID()
	d := save(t, s, "decisions", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "text": "لایروبی جوی"}).ID()
	save(t, s, "links", map[string]any{"district": testDistrict, "from_entity": "decisions", "from_id": d, "to_entity": "concerns", "to_id": c, "relation": "answers"})
	a := actionAt(t, s, wd.nbA, "لایروبی", "2025-10-10", "open", map[string]any{"decision_id": d})
	p := save(t, s, "projects", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "title": "کانال آب‌های سطحی",
		"status": "in_progress", "progress": 40}).ID()
	save(t, s, "links", map[string]any{"district": testDistrict, "from_entity": "projects", "from_id": p, "to_entity": "concerns", "to_id": c, "relation": "addresses"})

	cd, err := s.ConcernWithLinks(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if cd.Meeting == nil || cd.Meeting.ID != wd.meeting || len(cd.Decisions) != 1 || cd.Decisions[0].ID != d ||
		len(cd.Actions) != 1 || cd.Actions[0].ID != a || len(cd.Projects) != 1 || cd.Projects[0].ID != p {
		t.Errorf("the concern's links: %+v", cd)
	}
	pd, err := s.ProjectWithLinks(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(pd.Concerns) != 1 || pd.Concerns[0].ID != c || len(pd.Decisions) != 1 || pd.Decisions[0].ID != d || pd.Project.Progress != 40 {
		t.Errorf("the project's links: %+v", pd)
	}
	rows, _, err := s.ListConcernRows(ctx, ConcernFilter{District: testDistrict, Priority: "high", Status: "active"}, Page{})
	if err != nil || len(rows) != 1 || rows[0].NeighbourhoodName != "پیروزی" {
		t.Errorf("concerns by priority: %+v (%v)", rows, err)
	}
	if rows, _, _ := s.ListConcernRows(ctx, ConcernFilter{District: testDistrict, Priority: "low"}, Page{}); len(rows) != 0 {
		t.Errorf("a low-priority filter lists %d concerns", len(rows))
	}
	prow, _, err := s.ListProjectRows(ctx, ProjectFilter{District: testDistrict, Status: "active", Neighbourhoods: []string{wd.nbA}}, Page{})
	if err != nil || len(prow) != 1 || prow[0].NeighbourhoodName != "پیروزی" {
		t.Errorf("projects: %+v (%v)", prow, err)
	}
	if n, _ := s.CountProjectRows(ctx, ProjectFilter{District: testDistrict, Neighbourhoods: []string{wd.nbB}}); n != 0 {
		t.Errorf("projects of B: %d", n)
	}
}
