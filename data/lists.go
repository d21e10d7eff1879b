package data

import (
	"context"
	"database/sql"
	"time"

	"mahalleh/data/persian"
)

// MeetingRow is one line of the meetings list.
type MeetingRow struct {
	Meeting
	NeighbourhoodName string
	Attendees         int // present attendees
	Concerns          int
}

// MeetingList is one page of meetings; Next is "" on the last page.
type MeetingList struct {
	Rows []MeetingRow
	Next string
}

// ListMeetings lists meetings newest first with the given filters
// (district, neighbourhood, kind, date range, text, a person present).
func (s *Store) ListMeetings(ctx context.Context, f Filter, p Page) (MeetingList, error) {
	w := meetingsWhere(f)
	w.keyset("m", "starts_at", p.After)
	return s.meetingRows(ctx, w, p)
}

// CountMeetings counts the meetings ListMeetings lists with the same
// filters (text included), for the "n meetings" line of the list.
//
// With a text, the count is driven by the full-text matches: the list's own
// condition (id IN the matches) makes SQLite walk every meeting of the
// district and probe the matches (37 ms for a common word at 100,000
// meetings); reading the matches and looking each meeting up takes 13 ms.
func (s *Store) CountMeetings(ctx context.Context, f Filter) (int, error) {
	q := "SELECT count(*) FROM meetings m"
	var args []any
	if match := MatchQuery(f.Text); match != "" {
		f.Text = ""
		q = `SELECT count(*) FROM search_index CROSS JOIN search_rows r ON r.rowid = search_index.rowid
			CROSS JOIN meetings m ON m.id = r.record_id`
		args = []any{match}
	}
	w := meetingsWhere(f)
	if len(args) > 0 {
		w.conds = append([]string{"search_index MATCH ? AND r.entity = 'meetings'"}, w.conds...)
	}
	var n int
	err := s.db.QueryRowContext(ctx, q+w.sql(), append(args, w.args...)...).Scan(&n)
	if err != nil {
		return 0, wrap("count meetings", err, "cannot count the meetings", "شمارش نشست‌ها ممکن نشد")
	}
	return n, nil
}

// meetingsWhere is the condition of the meetings list for f.
func meetingsWhere(f Filter) where {
	var w where
	w.common(f, "meetings", "m", "starts_at")
	if f.Kind != "" {
		w.add("m.kind = ?", f.Kind)
	}
	if f.PersonID != "" {
		w.add(`m.id IN (SELECT a.meeting_id FROM attendance a WHERE a.person_id = ? AND a.deleted = 0 AND a.present = 1)`, f.PersonID)
	}
	return w
}

// meetingRows reads one page of meeting rows (newest first) matching w.
func (s *Store) meetingRows(ctx context.Context, w where, p Page) (MeetingList, error) {
	q := `SELECT m.id, m.district, m.created_at, m.updated_at, m.created_by, m.updated_by,
		m.neighbourhood_id, m.kind, m.title, m.starts_at, m.ends_at, m.place, m.organiser_id,
		coalesce(n.name, ''),
		(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted = 0 AND a.present = 1),
		(SELECT count(*) FROM concerns c WHERE c.meeting_id = m.id AND c.deleted = 0)
		FROM meetings m LEFT JOIN neighbourhoods n ON n.id = m.neighbourhood_id` +
		w.sql() + " ORDER BY m.starts_at DESC, m.id DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(w.args, p.limit()+1)...)
	if err != nil {
		return MeetingList{}, wrap("list meetings", err, "cannot list meetings", "فهرست نشست‌ها خوانده نشد")
	}
	defer rows.Close()
	var out MeetingList
	for rows.Next() {
		var r MeetingRow
		var nb, org sql.NullString
		if err := rows.Scan(&r.ID, &r.District, &r.CreatedAt, &r.UpdatedAt, &r.CreatedBy, &r.UpdatedBy,
			&nb, &r.Kind, &r.Title, &r.StartsAt, &r.EndsAt, &r.Place, &org,
			&r.NeighbourhoodName, &r.Attendees, &r.Concerns); err != nil {
			return MeetingList{}, wrap("list meetings", err, "cannot list meetings", "فهرست نشست‌ها خوانده نشد")
		}
		r.NeighbourhoodID, r.OrganiserID = ptr(nb), ptr(org)
		out.Rows = append(out.Rows, r)
	}
	if len(out.Rows) > p.limit() {
		out.Rows = out.Rows[:p.limit()]
		last := out.Rows[len(out.Rows)-1]
		out.Next = cursor(last.StartsAt, last.ID)
	}
	return out, rows.Err()
}

// ListConcerns lists concerns newest first (district, neighbourhood,
// department, status, date range of creation, text).
func (s *Store) ListConcerns(ctx context.Context, f Filter, p Page) ([]Concern, string, error) {
	var w where
	w.common(f, "concerns", "t", "created_at")
	if f.DepartmentID != "" {
		w.add("t.department_id = ?", f.DepartmentID)
	}
	if f.Status != "" {
		w.add("t.status = ?", f.Status)
	}
	if f.PersonID != "" {
		w.add("t.raised_by_id = ?", f.PersonID)
	}
	w.keyset("t", "created_at", p.After)
	var out []Concern
	next, err := s.listTyped(ctx, "concerns", w, "created_at", p, func(r Record) string {
		var c Concern
		fromRecord(r, &c)
		out = append(out, c)
		return c.CreatedAt
	})
	return out, next, err
}

// ListActionItems lists action items, most urgent deadline first is the
// screen's job; here newest deadline first (district, neighbourhood,
// department, status — "overdue" included — due-date range, text).
func (s *Store) ListActionItems(ctx context.Context, f Filter, p Page, today time.Time) ([]ActionItem, string, error) {
	var w where
	w.common(f, "action_items", "t", "due_date")
	if f.DepartmentID != "" {
		w.add("t.department_id = ?", f.DepartmentID)
	}
	switch f.Status {
	case "":
	case "overdue":
		w.add("t.status IN ('open', 'in_progress') AND t.due_date <> '' AND t.due_date < ?", today.Format("2006-01-02"))
	default:
		w.add("t.status = ?", f.Status)
	}
	w.keyset("t", "due_date", p.After)
	var out []ActionItem
	next, err := s.listTyped(ctx, "action_items", w, "due_date", p, func(r Record) string {
		var a ActionItem
		fromRecord(r, &a)
		out = append(out, a)
		return a.DueDate
	})
	return out, next, err
}

// ListPeople lists the register in Persian alphabetical order (by
// persian.SortKey of the name; district, neighbourhood, role as Kind, text).
// Unlike the other lists it runs A to Z: Next continues after the last name.
func (s *Store) ListPeople(ctx context.Context, f Filter, p Page) ([]Person, string, error) {
	var w where
	w.common(f, "people", "t", "")
	if f.Kind != "" {
		w.add("t.role = ?", f.Kind)
	}
	w.keysetAsc("t", "sort_key", p.After)
	var out []Person
	next, err := s.listOrdered(ctx, "people", w, "sort_key", true, p, func(r Record) string {
		var x Person
		fromRecord(r, &x)
		out = append(out, x)
		return persian.SortKey(x.Name)
	})
	return out, next, err
}

// ListProjects lists priority projects (district, neighbourhood, department, status, text).
func (s *Store) ListProjects(ctx context.Context, f Filter, p Page) ([]Project, string, error) {
	var w where
	w.common(f, "projects", "t", "")
	if f.DepartmentID != "" {
		w.add("t.department_id = ?", f.DepartmentID)
	}
	if f.Status != "" {
		w.add("t.status = ?", f.Status)
	}
	w.keyset("t", "updated_at", p.After)
	var out []Project
	next, err := s.listTyped(ctx, "projects", w, "updated_at", p, func(r Record) string {
		var x Project
		fromRecord(r, &x)
		out = append(out, x)
		return x.UpdatedAt
	})
	return out, next, err
}

// listTyped runs a list query ordered by (order DESC, id DESC) and hands each
// record to add, which returns the record's sort key; it returns the next cursor.
func (s *Store) listTyped(ctx context.Context, entity string, w where, order string, p Page, add func(Record) string) (string, error) {
	return s.listOrdered(ctx, entity, w, order, false, p, add)
}

// listOrdered is listTyped in either direction: asc orders by (order, id).
func (s *Store) listOrdered(ctx context.Context, entity string, w where, order string, asc bool, p Page, add func(Record) string) (string, error) {
	e := EntityByName(entity)
	cols := "t." + joinCols(e)
	dir := " DESC"
	if asc {
		dir = ""
	}
	q := "SELECT " + cols + " FROM " + entity + " t" + w.sql() + " ORDER BY t." + order + dir + ", t.id" + dir + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(w.args, p.limit()+1)...)
	if err != nil {
		return "", wrap("list "+entity, err, "cannot read the list", "فهرست خوانده نشد")
	}
	defer rows.Close()
	n, next := 0, ""
	for rows.Next() {
		rec, err := scanRecord(e, rows)
		if err != nil {
			return "", wrap("list "+entity, err, "cannot read the list", "فهرست خوانده نشد")
		}
		if n++; n > p.limit() {
			break
		}
		key := add(rec)
		next = cursor(key, rec.ID())
	}
	if n <= p.limit() {
		next = ""
	}
	return next, rows.Err()
}

func joinCols(e *Entity) string {
	s := ""
	for i, f := range e.AllFields() {
		if i > 0 {
			s += ", t."
		}
		s += f.Name
	}
	return s
}

func ptr(ns sql.NullString) *string {
	if !ns.Valid || ns.String == "" {
		return nil
	}
	return &ns.String
}
