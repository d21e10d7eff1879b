package report

import (
	"context"
	"database/sql"

	"mahalleh/data"
)

// StoreSource reads a report's rows from the office's store, with SQL that
// picks only the period's rows of the scope.
func StoreSource(s *data.Store) Source { return storeSource{s} }

type storeSource struct{ s *data.Store }

func (src storeSource) Departments(ctx context.Context) ([]data.Department, error) {
	return src.s.Departments(ctx)
}

func (src storeSource) Meetings(ctx context.Context, q Query) ([]MeetingRow, error) {
	cond, args := scopeCond(q.Scope, "")
	var out []MeetingRow
	err := each(ctx, src.s.DB(), `SELECT district, coalesce(neighbourhood_id, ''), kind, starts_at FROM meetings
		WHERE deleted = 0 AND starts_at >= ? AND starts_at < ?`+cond, append([]any{q.From, q.To}, args...),
		func(sc func(...any) error) error {
			var r MeetingRow
			err := sc(&r.District, &r.Neighbourhood, &r.Kind, &r.StartsAt)
			out = append(out, r)
			return err
		})
	return out, err
}

// raised is when a concern or an action item belongs (ItemRow.Raised).
const raised = "coalesce(m.starts_at, t.created_at)"

func (src storeSource) Concerns(ctx context.Context, q Query) ([]ItemRow, error) {
	cond, args := scopeCond(q.Scope, "t.")
	var out []ItemRow
	err := each(ctx, src.s.DB(), `SELECT t.district, coalesce(t.neighbourhood_id, ''), coalesce(t.department_id, ''), t.status, `+raised+`, t.created_at
		FROM concerns t LEFT JOIN meetings m ON m.id = t.meeting_id AND m.deleted = 0
		WHERE t.deleted = 0 AND `+raised+` >= ? AND `+raised+` < ?`+cond, append([]any{q.From, q.To}, args...),
		func(sc func(...any) error) error {
			var r ItemRow
			err := sc(&r.District, &r.Neighbourhood, &r.Department, &r.Status, &r.Raised, &r.Created)
			out = append(out, r)
			return err
		})
	return out, err
}

func (src storeSource) ActionItems(ctx context.Context, q Query) ([]ItemRow, error) {
	cond, args := scopeCond(q.Scope, "t.")
	var out []ItemRow
	err := each(ctx, src.s.DB(), `SELECT t.district, coalesce(t.neighbourhood_id, ''), coalesce(t.department_id, ''), t.status, `+raised+`, t.created_at, t.due_date,
			CASE WHEN t.status = 'done' THEN coalesce((SELECT max(f.noted_at) FROM follow_ups f
				WHERE f.action_item_id = t.id AND f.deleted = 0 AND f.new_status = 'done'), t.updated_at) ELSE '' END
		FROM action_items t LEFT JOIN meetings m ON m.id = t.meeting_id AND m.deleted = 0
		WHERE t.deleted = 0 AND `+raised+` >= ? AND `+raised+` < ?`+cond, append([]any{q.From, q.To}, args...),
		func(sc func(...any) error) error {
			var r ItemRow
			err := sc(&r.District, &r.Neighbourhood, &r.Department, &r.Status, &r.Raised, &r.Created, &r.DueDate, &r.DoneAt)
			out = append(out, r)
			return err
		})
	return out, err
}

func (src storeSource) Projects(ctx context.Context, q Query) ([]ProjectRow, error) {
	cond, args := scopeCond(q.Scope, "t.")
	var out []ProjectRow
	err := each(ctx, src.s.DB(), `SELECT t.district, t.id, t.title, coalesce(t.neighbourhood_id, ''), coalesce(n.name, ''),
			coalesce(t.department_id, ''), t.status, t.progress, t.created_at
		FROM projects t LEFT JOIN neighbourhoods n ON n.id = t.neighbourhood_id
		WHERE t.deleted = 0 AND t.created_at < ?`+cond, append([]any{q.To}, args...),
		func(sc func(...any) error) error {
			var r ProjectRow
			err := sc(&r.District, &r.ID, &r.Title, &r.Neighbourhood, &r.NeighbourhoodName, &r.Department, &r.Status, &r.Progress, &r.Created)
			out = append(out, r)
			return err
		})
	return out, err
}

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

// each runs a query and calls row for every row with its Scan.
func each(ctx context.Context, db *sql.DB, q string, args []any, row func(scan func(...any) error) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return failed(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return failed(err)
		}
	}
	if err := rows.Err(); err != nil {
		return failed(err)
	}
	return nil
}

func failed(err error) error {
	return &data.Error{Op: "report", Code: data.ErrInternal, Err: err,
		Msg: "cannot compute the report", MsgFa: "گزارش محاسبه نشد"}
}
