package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
	"mahalleh/data/jalali"
)

// TestReportAgainstLists checks every figure of a year's report on a demo
// store against counts made here from the store's own lists (the screens'
// API), page by page, in Go: a second way to the same numbers.
func TestReportAgainstLists(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now()
	if _, err := demo.Fill(ctx, s, 80, 7, demo.WithNow(now)); err != nil {
		t.Fatal(err)
	}
	tehran := jalali.Tehran()
	// The demo's meetings span the year before now: the season before this
	// one has some and a boundary in it.
	p := jalali.Containing(jalali.PeriodSeason, jalali.FromTime(now.In(tehran))).Prev()
	today := now.AddDate(0, 0, 20) // some deadlines have passed
	r, err := Compute(ctx, s, Scope{District: 14}, p, today)
	if err != nil {
		t.Fatal(err)
	}
	start, end := p.UTCRange(tehran)
	in := func(at string) bool {
		x, err := data.ParseTime(at)
		return err == nil && !x.Before(start) && x.Before(end)
	}
	// raisedIn: the meeting's start when a meeting raised it, else when it was recorded.
	raisedIn := func(meetingID *string, created string) bool {
		if meetingID != nil {
			m, err := s.Get(ctx, "meetings", *meetingID)
			if err != nil {
				t.Fatal(err)
			}
			created, _ = m["starts_at"].(string)
		}
		return in(created)
	}
	type counts struct{ co, cc, ao, ad, ax int }
	want := map[string]*counts{}
	get := func(id *string) *counts {
		k := ""
		if id != nil {
			k = *id
		}
		if want[k] == nil {
			want[k] = &counts{}
		}
		return want[k]
	}
	f := data.Filter{District: 14}
	for pg := (data.Page{Limit: 500}); ; {
		list, next, err := s.ListConcerns(ctx, f, pg)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			if !raisedIn(c.MeetingID, c.CreatedAt) {
				continue
			}
			if c.Status == "open" || c.Status == "in_progress" {
				get(c.DepartmentID).co++
			} else {
				get(c.DepartmentID).cc++
			}
		}
		if pg.After = next; next == "" {
			break
		}
	}
	for pg := (data.Page{Limit: 500}); ; {
		list, next, err := s.ListActionItems(ctx, f, pg, today)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			switch {
			case !raisedIn(a.MeetingID, a.CreatedAt):
			case a.Overdue(today.In(tehran)):
				get(a.DepartmentID).ad++
			case a.Status == "done":
				get(a.DepartmentID).ax++
			case a.Status == "open" || a.Status == "in_progress":
				get(a.DepartmentID).ao++
			}
		}
		if pg.After = next; next == "" {
			break
		}
	}
	total := 0
	for _, d := range r.Departments {
		w := want[d.ID]
		if w == nil {
			w = &counts{}
		}
		got := counts{d.ConcernsOpen, d.ConcernsClosed, d.ActionsOpen, d.ActionsOverdue, d.ActionsDone}
		if got != *w {
			t.Errorf("%s: report %+v, lists %+v", d.NameEn, got, *w)
		}
		total += got.co + got.cc + got.ao + got.ad + got.ax
		delete(want, d.ID)
	}
	for id, w := range want {
		if *w != (counts{}) {
			t.Errorf("department %q missing from the report: %+v", id, *w)
		}
	}
	if total == 0 {
		t.Fatal("the report counted nothing: the test proves nothing")
	}
	perMonth := map[[2]int]int{}
	n := 0
	for pg := (data.Page{Limit: 500}); ; {
		list, err := s.ListMeetings(ctx, f, pg)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list.Rows {
			if in(m.StartsAt) {
				x, _ := data.ParseTime(m.StartsAt)
				d := jalali.FromTime(x.In(tehran))
				perMonth[[2]int{d.Year, d.Month}]++
				n++
			}
		}
		if pg.After = list.Next; pg.After == "" {
			break
		}
	}
	if len(r.Months) != 3 || r.Meetings != n || n == 0 {
		t.Fatalf("%d months, %d meetings; lists say %d", len(r.Months), r.Meetings, n)
	}
	for _, m := range r.Months {
		if m.Meetings != perMonth[[2]int{m.Year, m.Month}] {
			t.Errorf("%d/%d: %d meetings, lists say %d", m.Year, m.Month, m.Meetings, perMonth[[2]int{m.Year, m.Month}])
		}
	}
}
