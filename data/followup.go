package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// The follow-up of action items: the list an officer works through (by
// deadline, overdue derived from today), one item with its log, and a note
// added to the log with an optional status change, in one transaction.

// ActionFilter narrows the action items list. Zero values mean "any".
type ActionFilter struct {
	District       int
	Neighbourhoods []string // any of these (the office's, or the one picked)
	DepartmentID   string
	// Status is a stored status, or "active" (open or in progress),
	// "overdue" (active and past its deadline) or "due" (active, deadline
	// from today up to and including DueBy).
	Status          string
	DueBy           time.Time // for "due": the last day counted
	ResponsibleID   string    // a person of the register
	ResponsibleName string    // or the name typed instead of one
}

// ActionRow is one line of the action items list.
type ActionRow struct {
	ActionItem
	NeighbourhoodName string
	Responsible       string // the register's name of the person, or the name typed
	Overdue           bool   // derived from the list's today
}

// dateOnly is a day as due_date stores it.
func dateOnly(t time.Time) string { return t.Format("2006-01-02") }

// actionsWhere is the condition of the action items list for f.
func actionsWhere(f ActionFilter, today time.Time) where {
	var w where
	w.add("t.deleted = 0")
	if f.District != 0 {
		w.add("t.district = ?", f.District)
	}
	w.in("t.neighbourhood_id", f.Neighbourhoods)
	if f.DepartmentID != "" {
		w.add("t.department_id = ?", f.DepartmentID)
	}
	switch f.Status {
	case "":
	case "active":
		w.add("t.status IN ('open', 'in_progress')")
	case "overdue":
		w.add("t.status IN ('open', 'in_progress') AND t.due_date <> '' AND t.due_date < ?", dateOnly(today))
	case "due":
		w.add("t.status IN ('open', 'in_progress') AND t.due_date >= ? AND t.due_date <= ?", dateOnly(today), dateOnly(f.DueBy))
	default:
		w.add("t.status = ?", f.Status)
	}
	if f.ResponsibleID != "" {
		w.add("t.responsible_id = ?", f.ResponsibleID)
	}
	if f.ResponsibleName != "" {
		w.add("t.responsible_name = ?", f.ResponsibleName)
	}
	return w
}

// in adds "col IN (ids…)" when ids is not empty.
func (w *where) in(col string, ids []string) {
	if len(ids) == 0 {
		return
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w.add(col+" IN (?"+strings.Repeat(", ?", len(ids)-1)+")", args...)
}

const actionRowSelect = `SELECT %s, coalesce(n.name, ''), coalesce(p.name, t.responsible_name, '')
	FROM action_items t LEFT JOIN neighbourhoods n ON n.id = t.neighbourhood_id
	LEFT JOIN people p ON p.id = t.responsible_id`

// ListActionRows lists action items by deadline, the nearest (or most
// overdue) first and those without a deadline before them, a page at a
// time; today decides what is overdue.
func (s *Store) ListActionRows(ctx context.Context, f ActionFilter, p Page, today time.Time) ([]ActionRow, string, error) {
	w := actionsWhere(f, today)
	w.keysetAsc("t", "due_date", p.After)
	rows, err := s.actionRows(ctx, w, " ORDER BY t.due_date, t.id LIMIT ?", p.limit()+1, today)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > p.limit() {
		rows = rows[:p.limit()]
		last := rows[len(rows)-1]
		next = cursor(last.DueDate, last.ID)
	}
	return rows, next, nil
}

// CountActionRows counts what ListActionRows lists with the same filter.
func (s *Store) CountActionRows(ctx context.Context, f ActionFilter, today time.Time) (int, error) {
	w := actionsWhere(f, today)
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM action_items t"+w.sql(), w.args...).Scan(&n)
	if err != nil {
		return 0, wrap("count action items", err, "cannot count the action items", "شمارش اقدام‌ها ممکن نشد")
	}
	return n, nil
}

// ActionRowByID reads one action item as the list shows it.
func (s *Store) ActionRowByID(ctx context.Context, id string, today time.Time) (ActionRow, error) {
	var w where
	w.add("t.id = ?", id)
	rows, err := s.actionRows(ctx, w, " LIMIT ?", 1, today)
	if err != nil {
		return ActionRow{}, err
	}
	if len(rows) == 0 {
		return ActionRow{}, &Error{Op: "read action item", Code: ErrNotFound, Msg: "no such action item: " + id, MsgFa: "این اقدام پیدا نشد"}
	}
	return rows[0], nil
}

func (s *Store) actionRows(ctx context.Context, w where, tail string, limit int, today time.Time) ([]ActionRow, error) {
	e := EntityByName("action_items")
	q := strings.Replace(actionRowSelect, "%s", "t."+joinCols(e), 1) + w.sql() + tail
	rows, err := s.db.QueryContext(ctx, q, append(w.args, limit)...)
	if err != nil {
		return nil, wrap("list action items", err, "cannot list the action items", "فهرست اقدام‌ها خوانده نشد")
	}
	defer rows.Close()
	var out []ActionRow
	for rows.Next() {
		var r ActionRow
		rec, err := scanRecord(e, withExtra{rows, []any{&r.NeighbourhoodName, &r.Responsible}})
		if err != nil {
			return nil, wrap("list action items", err, "cannot list the action items", "فهرست اقدام‌ها خوانده نشد")
		}
		fromRecord(rec, &r.ActionItem)
		r.Overdue = r.ActionItem.Overdue(today)
		out = append(out, r)
	}
	return out, rows.Err()
}

// withExtra scans a row of an entity's columns followed by extra ones.
type withExtra struct {
	rows  *sql.Rows
	extra []any
}

func (x withExtra) Scan(dest ...any) error { return x.rows.Scan(append(dest, x.extra...)...) }

// Responsible is someone action items are given to: a person of the
// register (ID set) or a name typed instead.
type Responsible struct {
	ID   string
	Name string
}

// Responsibles lists who the district's action items are given to, for the
// list's filter: the people of the register first, then the typed names.
func (s *Store) Responsibles(ctx context.Context, district int) ([]Responsible, error) {
	const op = "list responsibles"
	var out []Responsible
	q := `SELECT r.id, p.name FROM (SELECT DISTINCT responsible_id AS id FROM action_items
			WHERE district = ? AND responsible_id IS NOT NULL) r JOIN people p ON p.id = r.id AND p.deleted = 0
		UNION ALL
		SELECT '', responsible_name FROM (SELECT DISTINCT responsible_name FROM action_items
			WHERE district = ? AND responsible_name <> '')`
	rows, err := s.db.QueryContext(ctx, q, district, district)
	if err != nil {
		return nil, wrap(op, err, "cannot read who action items are given to", "فهرست مسئولان خوانده نشد")
	}
	defer rows.Close()
	for rows.Next() {
		var r Responsible
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, wrap(op, err, "cannot read who action items are given to", "فهرست مسئولان خوانده نشد")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddFollowUp writes a dated note in an action item's follow-up log and,
// when newStatus is a status other than the item's, sets the item to it: both
// in one transaction, so the log always says who changed the status, when
// and why. The note is required; newStatus "" keeps the status.
func (s *Store) AddFollowUp(ctx context.Context, author, actionID, note, newStatus string, at time.Time) (FollowUp, error) {
	const op = "add follow-up"
	note = strings.TrimSpace(note)
	if note == "" {
		return FollowUp{}, invalid(op, "write what was done or learned before adding it to the log", "پیش از افزودن به سابقه، بنویسید چه کاری انجام شد یا چه خبری رسید")
	}
	var fu FollowUp
	err := s.Write(ctx, author, func(w *Writer) error {
		rec, err := getRecord(ctx, w.tx, EntityByName("action_items"), actionID)
		if err != nil {
			return err
		}
		if rec == nil || rec["deleted"] == true {
			return &Error{Op: op, Code: ErrNotFound, Msg: "the action item no longer exists", MsgFa: "این اقدام دیگر وجود ندارد"}
		}
		if newStatus == rec["status"] {
			newStatus = ""
		}
		fu = FollowUp{Meta: Meta{District: rec.District()}, ActionItemID: actionID, NotedAt: FormatTime(at), Note: note, NewStatus: newStatus}
		if newStatus != "" {
			if _, err := w.Save("action_items", map[string]any{"id": actionID, "status": newStatus}); err != nil {
				return err
			}
		}
		return w.Put("follow_ups", &fu)
	})
	return fu, err
}
