package data

import (
	"context"
	"time"

	"mahalleh/data/jalali"
)

// The Home screen: what an office has to follow up, at a glance. Every
// number here is an indexed count (migration 00020) and every list a short
// indexed page, so Home opens as fast on a year of 100,000 meetings as on
// a new store (BenchmarkHome).

// HomeScope is whose Home it is: a district and the office's
// neighbourhoods (none: the whole district).
type HomeScope struct {
	District       int
	Neighbourhoods []string
}

// DepartmentCount is how many open concerns one department has.
type DepartmentCount struct {
	DepartmentID string // "" for concerns routed to no department
	Count        int
}

// Home is what the Home screen shows.
type Home struct {
	Today, WeekEnd jalali.Date // the day Home was read for; the Friday ending its week

	Overdue, DueThisWeek           int
	OverdueItems, DueThisWeekItems []ActionRow // the first HomeListLength of each

	OpenConcerns         int // open or in progress
	ConcernsByDepartment []DepartmentCount

	MeetingsToday, MeetingsThisWeek int
	TodayMeetings, WeekMeetings     []MeetingRow // this week's: from tomorrow to Friday
	RecentMeetings                  []MeetingRow // the latest before today

	Projects []ProjectRow // planned or in progress, most recently updated first
}

// HomeListLength is how many entries each list of Home holds.
const HomeListLength = 5

// Home reads the Home screen for sc at now (the day and week are Tehran's).
func (s *Store) Home(ctx context.Context, sc HomeScope, now time.Time) (Home, error) {
	loc := jalali.Tehran()
	h := Home{Today: jalali.FromTime(now.In(loc))}
	h.WeekEnd = h.Today.AddDays(int(jalali.Friday - h.Today.Weekday()))
	today := h.Today.Time(time.UTC)
	steps := []func() error{
		func() error { return s.homeActions(ctx, sc, today, h.WeekEnd.Time(time.UTC), &h) },
		func() error { return s.homeConcerns(ctx, sc, &h) },
		func() error { return s.homeMeetings(ctx, sc, h.Today, h.WeekEnd, &h) },
		func() error {
			var err error
			h.Projects, _, err = s.ListProjectRows(ctx, ProjectFilter{District: sc.District, Neighbourhoods: sc.Neighbourhoods, Status: "active"},
				Page{Limit: HomeListLength})
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return h, err
		}
	}
	return h, nil
}

// homeActions counts and lists the action items overdue and due from today
// to the end of the week; today and weekEnd are civil days (UTC midnight).
func (s *Store) homeActions(ctx context.Context, sc HomeScope, today, weekEnd time.Time, h *Home) error {
	overdue := ActionFilter{District: sc.District, Neighbourhoods: sc.Neighbourhoods, Status: "overdue"}
	due := ActionFilter{District: sc.District, Neighbourhoods: sc.Neighbourhoods, Status: "due", DueBy: weekEnd}
	var err error
	if h.Overdue, err = s.CountActionRows(ctx, overdue, today); err != nil {
		return err
	}
	if h.DueThisWeek, err = s.CountActionRows(ctx, due, today); err != nil {
		return err
	}
	// The most overdue first would be a year-old item; the officer wants
	// the ones that just slipped, so the overdue list reads back from today.
	if h.OverdueItems, err = s.latestOverdue(ctx, overdue, today); err != nil {
		return err
	}
	h.DueThisWeekItems, _, err = s.ListActionRows(ctx, due, Page{Limit: HomeListLength}, today)
	return err
}

// latestOverdue lists the overdue items whose deadline passed last.
func (s *Store) latestOverdue(ctx context.Context, f ActionFilter, today time.Time) ([]ActionRow, error) {
	w := actionsWhere(f, today)
	return s.actionRows(ctx, w, " ORDER BY t.due_date DESC, t.id DESC LIMIT ?", HomeListLength, today)
}

// homeConcerns counts the open concerns by department, the most first.
func (s *Store) homeConcerns(ctx context.Context, sc HomeScope, h *Home) error {
	const op = "count concerns"
	w := concernsWhere(ConcernFilter{District: sc.District, Neighbourhoods: sc.Neighbourhoods, Status: "active"})
	rows, err := s.db.QueryContext(ctx, "SELECT coalesce(t.department_id, ''), count(*) FROM concerns t"+w.sql()+
		" GROUP BY t.department_id ORDER BY count(*) DESC, t.department_id", w.args...)
	if err != nil {
		return wrap(op, err, "cannot count the open concerns", "شمارش مطالبات باز ممکن نشد")
	}
	defer rows.Close()
	for rows.Next() {
		var dc DepartmentCount
		if err := rows.Scan(&dc.DepartmentID, &dc.Count); err != nil {
			return wrap(op, err, "cannot count the open concerns", "شمارش مطالبات باز ممکن نشد")
		}
		h.OpenConcerns += dc.Count
		h.ConcernsByDepartment = append(h.ConcernsByDepartment, dc)
	}
	return rows.Err()
}

// homeMeetings counts and lists today's and the rest of the week's
// meetings, and lists the latest before today.
func (s *Store) homeMeetings(ctx context.Context, sc HomeScope, today, weekEnd jalali.Date, h *Home) error {
	loc := jalali.Tehran()
	start, tomorrow := today.Time(loc), today.AddDays(1).Time(loc)
	weekStart := today.AddDays(-int(today.Weekday())).Time(loc)
	afterWeek := weekEnd.AddDays(1).Time(loc)
	span := func(from, to time.Time) where {
		var w where
		w.common(Filter{District: sc.District, From: from, To: to}, "meetings", "m", "starts_at")
		w.in("m.neighbourhood_id", sc.Neighbourhoods)
		return w
	}
	var err error
	if h.MeetingsToday, err = s.countMeetingsIn(ctx, span(start, tomorrow)); err != nil {
		return err
	}
	if h.MeetingsThisWeek, err = s.countMeetingsIn(ctx, span(weekStart, afterWeek)); err != nil {
		return err
	}
	// meetingRows reads newest first; today's and the week's read better
	// in the order they come.
	list, err := s.meetingRows(ctx, span(start, tomorrow), Page{Limit: HomeListLength}, "", "m.starts_at DESC, m.id DESC", nil)
	if err != nil {
		return err
	}
	h.TodayMeetings = reversed(list.Rows)
	if list, err = s.meetingRows(ctx, span(tomorrow, afterWeek), Page{Limit: HomeListLength}, "", "m.starts_at DESC, m.id DESC", nil); err != nil {
		return err
	}
	h.WeekMeetings = reversed(list.Rows)
	list, err = s.meetingRows(ctx, span(time.Time{}, start), Page{Limit: HomeListLength}, "", "m.starts_at DESC, m.id DESC", nil)
	h.RecentMeetings = list.Rows
	return err
}

func (s *Store) countMeetingsIn(ctx context.Context, w where) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM meetings m"+w.sql(), w.args...).Scan(&n); err != nil {
		return 0, wrap("count meetings", err, "cannot count the meetings", "شمارش نشست‌ها ممکن نشد")
	}
	return n, nil
}

func reversed[T any](xs []T) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}
