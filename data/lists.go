package data

import (
	"context"
	"database/sql"
	"strconv"
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
	if MatchQuery(f.Text) != "" {
		return s.meetingsByText(ctx, f, p)
	}
	w := meetingsWhere(f)
	w.keyset("m", "starts_at", p.After)
	return s.meetingRows(ctx, w, p, "", "m.starts_at DESC, m.id DESC", nil)
}

// meetingsByText lists the meetings that match a text, newest first, by
// walking the full-text matches in their time order (searchindex.go) and
// stopping after a page: a common word costs one page of matches, a rare
// one its few matches. Meetings of the same second come in the order of
// their index entries, and Next is that entry's rowid.
func (s *Store) meetingsByText(ctx context.Context, f Filter, p Page) (MeetingList, error) {
	from := `search_index f CROSS JOIN search_rows r ON r.rowid = f.rowid CROSS JOIN meetings m ON m.id = r.record_id`
	w := textWhere(f)
	if key, _, ok := splitCursor(p.After); ok {
		rowid, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return MeetingList{}, invalid("list meetings", "the page cursor does not belong to this list", "نشانی صفحه از این فهرست نیست")
		}
		w.add("f.rowid < ?", rowid)
	}
	return s.meetingRows(ctx, w, p, from, "f.rowid DESC", func(r MeetingRow, rowid int64) string {
		return cursor(strconv.FormatInt(rowid, 10), r.ID)
	})
}

// textWhere is the condition of the meetings that match f's text: the
// index query scoped to meetings of the district, the time range as a
// rowid range (whole seconds; the exact bound is in meetingsWhere's), and
// the other filters on the meeting's row.
func textWhere(f Filter) where {
	var w where
	w.add("search_index MATCH ?", scopeQuery(MatchQuery(f.Text), "meetings", f.District))
	if !f.From.IsZero() {
		w.add("f.rowid >= ?", timeKey(f.From))
	}
	if !f.To.IsZero() {
		w.add("f.rowid < ?", timeKey(f.To.Add(time.Second)))
	}
	f.Text = ""
	rest := meetingsWhere(f)
	w.conds, w.args = append(w.conds, rest.conds...), append(w.args, rest.args...)
	return w
}

// CountMeetings counts the meetings ListMeetings lists with the same
// filters (text included), for the "n meetings" line of the list.
//
// With a text and no other filter than the district, the index counts its
// own matches: it holds only live records, tagged with their type and
// district. With more filters the count walks the matches and looks each
// meeting up.
func (s *Store) CountMeetings(ctx context.Context, f Filter) (int, error) {
	q := "SELECT count(*) FROM meetings m"
	var w where
	switch {
	case MatchQuery(f.Text) != "" && f == (Filter{District: f.District, Text: f.Text}):
		q = "SELECT count(*) FROM search_index f"
		w.add("search_index MATCH ?", scopeQuery(MatchQuery(f.Text), "meetings", f.District))
	case MatchQuery(f.Text) != "":
		q = `SELECT count(*) FROM search_index f CROSS JOIN search_rows r ON r.rowid = f.rowid
			CROSS JOIN meetings m ON m.id = r.record_id`
		w = textWhere(f)
	default:
		w = meetingsWhere(f)
	}
	var n int
	err := s.db.QueryRowContext(ctx, q+w.sql(), w.args...).Scan(&n)
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

// meetingRows reads one page of meeting rows matching w, in order; from is
// the FROM clause ("" for the meetings table alone, m) and next makes the
// cursor of the page's last row (nil: its start and id). A from with the
// index selects f.rowid too.
func (s *Store) meetingRows(ctx context.Context, w where, p Page, from, order string, next func(MeetingRow, int64) string) (MeetingList, error) {
	rowid := "0"
	if from == "" {
		from = "meetings m"
	} else {
		rowid = "f.rowid"
	}
	q := `SELECT m.id, m.district, m.created_at, m.updated_at, m.created_by, m.updated_by,
		m.neighbourhood_id, m.kind, m.title, m.starts_at, m.ends_at, m.place, m.organiser_id,
		coalesce(n.name, ''),
		(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted = 0 AND a.present = 1),
		(SELECT count(*) FROM concerns c WHERE c.meeting_id = m.id AND c.deleted = 0), ` + rowid + `
		FROM ` + from + ` LEFT JOIN neighbourhoods n ON n.id = m.neighbourhood_id` +
		w.sql() + " ORDER BY " + order + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(w.args, p.limit()+1)...)
	if err != nil {
		return MeetingList{}, wrap("list meetings", err, "cannot list meetings", "فهرست نشست‌ها خوانده نشد")
	}
	defer rows.Close()
	var out MeetingList
	var keys []int64
	for rows.Next() {
		var r MeetingRow
		var nb, org sql.NullString
		var key int64
		if err := rows.Scan(&r.ID, &r.District, &r.CreatedAt, &r.UpdatedAt, &r.CreatedBy, &r.UpdatedBy,
			&nb, &r.Kind, &r.Title, &r.StartsAt, &r.EndsAt, &r.Place, &org,
			&r.NeighbourhoodName, &r.Attendees, &r.Concerns, &key); err != nil {
			return MeetingList{}, wrap("list meetings", err, "cannot list meetings", "فهرست نشست‌ها خوانده نشد")
		}
		r.NeighbourhoodID, r.OrganiserID = ptr(nb), ptr(org)
		out.Rows = append(out.Rows, r)
		keys = append(keys, key)
	}
	if len(out.Rows) > p.limit() {
		out.Rows = out.Rows[:p.limit()]
		last := out.Rows[len(out.Rows)-1]
		if next != nil {
			out.Next = next(last, keys[p.limit()-1])
		} else {
			out.Next = cursor(last.StartsAt, last.ID)
		}
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
