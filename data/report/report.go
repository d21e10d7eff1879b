// Package report computes a performance report (گزارش عملکرد) for a Jalali
// period and a scope: per department, the concerns raised (open and
// closed) and the action items (open, overdue, done); and the meetings held
// in each Jalali month. It reads the store with a few grouped queries (a
// year of a large district in milliseconds) and has no Fyne in it; the
// reports screen and the command line draw and print what it returns.
package report

import (
	"context"
	"database/sql"
	"sort"
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
	ConcernsOpen       int // open or in progress
	ConcernsClosed     int // resolved or rejected
	ActionsOpen        int // open or in progress, not past the deadline
	ActionsOverdue     int // open or in progress, past the deadline
	ActionsDone        int
}

// Month is the meetings held in one Jalali month of the period.
type Month struct {
	Year, Month int
	Meetings    int
}

// Report is the figures of one period and scope. Meetings count when they
// were held; concerns and action items when the meeting that raised them
// was held (when they were recorded, if no meeting raised them).
type Report struct {
	Period      jalali.Period
	Scope       Scope
	Departments []Department // the departments with anything to count, by code
	Months      []Month      // every month of the period, in order
	Meetings    int
}

// Compute makes the report of period p for scope sc; today decides which
// action items are overdue (a deadline before today's Tehran date).
func Compute(ctx context.Context, s *data.Store, sc Scope, p jalali.Period, today time.Time) (*Report, error) {
	r := &Report{Period: p, Scope: sc}
	start, end := p.UTCRange(jalali.Tehran())
	from, to := data.FormatTime(start), data.FormatTime(end)
	depts, err := s.Departments(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Department{}
	for _, d := range depts {
		byID[d.ID] = &Department{ID: d.ID, NameFa: d.NameFa, NameEn: d.NameEn}
	}
	cond, args := scopeCond(sc, "t.")
	err = eachRow(ctx, s.DB(), `SELECT coalesce(t.department_id, ''),
			sum(t.status IN ('open', 'in_progress')), sum(t.status IN ('resolved', 'rejected'))
		FROM concerns t LEFT JOIN meetings m ON m.id = t.meeting_id
		WHERE t.deleted = 0 AND `+raised+` >= ? AND `+raised+` < ?`+cond+` GROUP BY 1`,
		append([]any{from, to}, args...), func(id string, a, b int) {
			d := dept(byID, id)
			d.ConcernsOpen, d.ConcernsClosed = a, b
		})
	if err != nil {
		return nil, err
	}
	day := today.In(jalali.Tehran()).Format("2006-01-02")
	err = eachRow(ctx, s.DB(), `SELECT coalesce(t.department_id, ''),
			sum(t.status IN ('open', 'in_progress') AND (t.due_date = '' OR t.due_date >= ?)),
			sum(t.status IN ('open', 'in_progress') AND t.due_date <> '' AND t.due_date < ?), sum(t.status = 'done')
		FROM action_items t LEFT JOIN meetings m ON m.id = t.meeting_id
		WHERE t.deleted = 0 AND `+raised+` >= ? AND `+raised+` < ?`+cond+` GROUP BY 1`,
		append([]any{day, day, from, to}, args...), func(id string, a, b, c int) {
			d := dept(byID, id)
			d.ActionsOpen, d.ActionsOverdue, d.ActionsDone = a, b, c
		})
	if err != nil {
		return nil, err
	}
	for _, d := range byID {
		if d.ConcernsOpen+d.ConcernsClosed+d.ActionsOpen+d.ActionsOverdue+d.ActionsDone > 0 {
			r.Departments = append(r.Departments, *d)
		}
	}
	sort.Slice(r.Departments, func(i, j int) bool { return r.Departments[i].NameFa < r.Departments[j].NameFa })
	cond, args = scopeCond(sc, "")
	if err := r.months(ctx, s, from, to, cond, args); err != nil {
		return nil, err
	}
	return r, nil
}

// months counts the meetings of each Jalali month: the starts are read and
// dated in Tehran, since a Jalali month has no fixed Gregorian bounds.
func (r *Report) months(ctx context.Context, s *data.Store, from, to, cond string, args []any) error {
	index := map[[2]int]int{}
	for d := r.Period.Start; !d.After(r.Period.End); d = jalali.New(d.Year, d.Month, jalali.MonthLength(d.Year, d.Month)).AddDays(1) {
		index[[2]int{d.Year, d.Month}] = len(r.Months)
		r.Months = append(r.Months, Month{Year: d.Year, Month: d.Month})
	}
	rows, err := s.DB().QueryContext(ctx, `SELECT starts_at FROM meetings WHERE deleted = 0 AND starts_at >= ? AND starts_at < ?`+cond,
		append([]any{from, to}, args...)...)
	if err != nil {
		return failed(err)
	}
	defer rows.Close()
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return failed(err)
		}
		t, err := data.ParseTime(at)
		if err != nil {
			continue
		}
		d := jalali.FromTime(t.In(jalali.Tehran()))
		if i, ok := index[[2]int{d.Year, d.Month}]; ok {
			r.Months[i].Meetings++
			r.Meetings++
		}
	}
	return rows.Err()
}

// raised is when a concern or an action item belongs to: the date of the
// meeting that raised it, or when it was recorded if no meeting did (a
// concern typed in the day after the meeting, or restored from a backup,
// still belongs to the meeting's month).
const raised = "coalesce(m.starts_at, t.created_at)"

// scopeCond is the scope's condition on a table whose columns are prefixed
// with alias ("t." or "").
func scopeCond(sc Scope, alias string) (string, []any) {
	cond, args := "", []any{}
	if sc.District != 0 {
		cond, args = cond+" AND "+alias+"district = ?", append(args, sc.District)
	}
	if sc.NeighbourhoodID != "" {
		cond, args = cond+" AND "+alias+"neighbourhood_id = ?", append(args, sc.NeighbourhoodID)
	}
	return cond, args
}

// dept is the line of department id; a record without one (or with a
// department unknown here) counts under "no department".
func dept(byID map[string]*Department, id string) *Department {
	if d, ok := byID[id]; ok {
		return d
	}
	d, ok := byID[""]
	if !ok {
		d = &Department{NameFa: "بدون حوزه", NameEn: "No department"}
		byID[""] = d
	}
	return d
}

// eachRow runs a grouped query whose rows are an id and two or three counts.
func eachRow[F func(string, int, int) | func(string, int, int, int)](ctx context.Context, db *sql.DB, q string, args []any, fn F) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return failed(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n [3]sql.NullInt64
		switch f := any(fn).(type) {
		case func(string, int, int):
			if err := rows.Scan(&id, &n[0], &n[1]); err != nil {
				return failed(err)
			}
			f(id, int(n[0].Int64), int(n[1].Int64))
		case func(string, int, int, int):
			if err := rows.Scan(&id, &n[0], &n[1], &n[2]); err != nil {
				return failed(err)
			}
			f(id, int(n[0].Int64), int(n[1].Int64), int(n[2].Int64))
		}
	}
	return rows.Err()
}

func failed(err error) error {
	return &data.Error{Op: "report", Code: data.ErrInternal, Err: err,
		Msg: "cannot compute the report", MsgFa: "گزارش محاسبه نشد"}
}
