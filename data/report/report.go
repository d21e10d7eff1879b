// Package report computes a performance report (گزارش عملکرد) for a Jalali
// period and a scope: the meetings held, by kind and by month; per
// department, the concerns raised by status and the action items opened,
// done and overdue with the median days to close one; the priority projects
// with their progress; and, over several districts, a line per district.
//
// The figures are counted once, here, from rows that a Source reads: the
// office's store (StoreSource: SQL, only the period's rows) or records as
// sync carries them (RecordSource: HQ's stores, SQLite or PostgreSQL). It
// has no Fyne in it; the reports screen, the command line and HQ draw and
// print what it returns (the files: package reportfile).
package report

import (
	"context"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// Scope is what a report covers: a district (0: every district of the
// store) and optionally one neighbourhood of it.
type Scope struct {
	District        int
	NeighbourhoodID string
}

// Department is one department's line of the report.
type Department struct {
	ID, NameFa, NameEn string
	// Concerns counts the concerns raised by status (data.ConcernStatuses);
	// ConcernsOpen is open and in progress, ConcernsClosed resolved and rejected.
	Concerns                     map[string]int
	ConcernsOpen, ConcernsClosed int
	Actions
}

// Actions are the figures of the action items raised in the period.
type Actions struct {
	ActionsOpened    int // raised in the period, whatever their status
	ActionsOpen      int // open or in progress, not past the deadline
	ActionsOverdue   int // open or in progress, past the deadline
	ActionsDone      int
	ActionsCancelled int
	// MedianDays is the median number of days from recording a done action
	// item to its being done (the follow-up that set it done); meaningful
	// only when ActionsDone > 0.
	MedianDays float64
}

// Month is what happened in one Jalali month of the period: its trend line.
type Month struct {
	Year, Month   int
	Meetings      int
	Concerns      int // raised in the month
	ActionsOpened int
}

// Kind is the meetings of one kind (data.MeetingKinds).
type Kind struct {
	Kind     string
	Meetings int
}

// Project is one priority project of the scope, as it stands now.
type Project struct {
	ID, Title, Neighbourhood string
	District                 int
	DepartmentFa             string
	DepartmentEn             string
	Status                   string
	Progress                 int
}

// District is one district's line when the scope is every district.
type District struct {
	ID             int
	NameFa, NameEn string
	Meetings       int
	Concerns       int
	ConcernsOpen   int
	Actions
}

// Report is the figures of one period and scope. Meetings count when they
// were held; concerns and action items when the meeting that raised them
// was held (when they were recorded, if no meeting raised them).
type Report struct {
	Period      jalali.Period
	Scope       Scope
	Today       time.Time    // what "overdue" was decided against
	Departments []Department // the departments with anything to count, by Persian name
	Months      []Month      // every month of the period, in order
	Kinds       []Kind       // every kind with a meeting, in data.MeetingKinds order
	Meetings    int
	Concerns    map[string]int // by status, all departments
	Total       Actions        // all departments
	Projects    []Project      // recorded before the period ended, by neighbourhood and title
	// Districts has a line per district with anything to count, when the
	// scope is every district and more than one has records.
	Districts []District
}

// Compute makes the report of period p for scope sc from the office's
// store; today decides which action items are overdue (a deadline before
// today's Tehran date).
func Compute(ctx context.Context, s *data.Store, sc Scope, p jalali.Period, today time.Time) (*Report, error) {
	return ComputeFrom(ctx, StoreSource(s), sc, p, today)
}

// ComputeFrom makes the report from any source of rows (the office's store,
// HQ's records): the one place the figures are counted.
func ComputeFrom(ctx context.Context, src Source, sc Scope, p jalali.Period, today time.Time) (*Report, error) {
	if !p.Valid() {
		return nil, &data.Error{Op: "report", Code: data.ErrInvalid, Msg: "the report's period is not a Jalali month, season or year",
			MsgFa: "دوره گزارش ماه، فصل یا سال شمسی نیست"}
	}
	start, end := p.UTCRange(jalali.Tehran())
	q := Query{Scope: sc, From: data.FormatTime(start), To: data.FormatTime(end)}
	depts, err := src.Departments(ctx)
	if err != nil {
		return nil, err
	}
	c := newCounter(p, today, depts)
	meetings, err := src.Meetings(ctx, q)
	if err != nil {
		return nil, err
	}
	concerns, err := src.Concerns(ctx, q)
	if err != nil {
		return nil, err
	}
	actions, err := src.ActionItems(ctx, q)
	if err != nil {
		return nil, err
	}
	projects, err := src.Projects(ctx, q)
	if err != nil {
		return nil, err
	}
	c.meetings(q, meetings)
	c.concerns(q, concerns)
	c.actions(q, actions)
	c.projects(q, projects)
	return c.report(sc), nil
}
