package data

import (
	"context"
)

// Districts returns Tehran's 22 districts.
func (s *Store) Districts(ctx context.Context) ([]District, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name_fa, name_en FROM districts ORDER BY id")
	if err != nil {
		return nil, wrap("districts", err, "cannot read the districts", "فهرست مناطق خوانده نشد")
	}
	defer rows.Close()
	var out []District
	for rows.Next() {
		var d District
		if err := rows.Scan(&d.ID, &d.NameFa, &d.NameEn); err != nil {
			return nil, wrap("districts", err, "cannot read the districts", "فهرست مناطق خوانده نشد")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Neighbourhoods returns the live neighbourhoods of a district (0: all), by name.
func (s *Store) Neighbourhoods(ctx context.Context, district int) ([]Neighbourhood, error) {
	var out []Neighbourhood
	err := s.each(ctx, "neighbourhoods", "district = ? OR ? = 0", []any{district, district}, "name", func(r Record) {
		var n Neighbourhood
		fromRecord(r, &n)
		out = append(out, n)
	})
	return out, err
}

// Departments returns the departments concerns and action items go to.
func (s *Store) Departments(ctx context.Context) ([]Department, error) {
	var out []Department
	err := s.each(ctx, "departments", "1", nil, "code", func(r Record) {
		var d Department
		fromRecord(r, &d)
		out = append(out, d)
	})
	return out, err
}

// MeetingDetail is a meeting with everything recorded in it.
type MeetingDetail struct {
	Meeting     Meeting
	Attendance  []Attendance
	Agenda      []AgendaItem
	Concerns    []Concern
	Decisions   []Decision
	ActionItems []ActionItem
}

// Meeting reads one meeting with its attendance, agenda, concerns, decisions
// and action items (tombstoned children left out).
func (s *Store) Meeting(ctx context.Context, id string) (*MeetingDetail, error) {
	rec, err := s.Get(ctx, "meetings", id)
	if err != nil {
		return nil, err
	}
	d := &MeetingDetail{}
	fromRecord(rec, &d.Meeting)
	by := "meeting_id = ?"
	args := []any{id}
	steps := []struct {
		entity, order string
		add           func(Record)
	}{
		{"attendance", "created_at", func(r Record) { var x Attendance; fromRecord(r, &x); d.Attendance = append(d.Attendance, x) }},
		{"agenda_items", "position", func(r Record) { var x AgendaItem; fromRecord(r, &x); d.Agenda = append(d.Agenda, x) }},
		{"concerns", "created_at", func(r Record) { var x Concern; fromRecord(r, &x); d.Concerns = append(d.Concerns, x) }},
		{"decisions", "created_at", func(r Record) { var x Decision; fromRecord(r, &x); d.Decisions = append(d.Decisions, x) }},
		{"action_items", "created_at", func(r Record) { var x ActionItem; fromRecord(r, &x); d.ActionItems = append(d.ActionItems, x) }},
	}
	for _, st := range steps {
		if err := s.each(ctx, st.entity, by, args, st.order, st.add); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// FollowUps returns an action item's follow-up log, oldest first.
func (s *Store) FollowUps(ctx context.Context, actionItemID string) ([]FollowUp, error) {
	var out []FollowUp
	err := s.each(ctx, "follow_ups", "action_item_id = ?", []any{actionItemID}, "noted_at", func(r Record) {
		var x FollowUp
		fromRecord(r, &x)
		out = append(out, x)
	})
	return out, err
}

// Conflicts returns the sync conflicts in a state ("open", "resolved", or "" for all), oldest first.
func (s *Store) Conflicts(ctx context.Context, state string) ([]Conflict, error) {
	var out []Conflict
	err := s.each(ctx, "conflicts", "state = ? OR ? = ''", []any{state, state}, "created_at", func(r Record) {
		var x Conflict
		fromRecord(r, &x)
		out = append(out, x)
	})
	return out, err
}

// each runs fn for every live record of entity matching cond, in order.
func (s *Store) each(ctx context.Context, entity, cond string, args []any, order string, fn func(Record)) error {
	e := EntityByName(entity)
	rows, err := s.db.QueryContext(ctx, "SELECT "+selectList(e)+" FROM "+entity+" WHERE deleted = 0 AND ("+cond+") ORDER BY "+order+", id", args...)
	if err != nil {
		return wrap("read "+entity, err, "cannot read "+entity, "خواندن داده‌ها ممکن نشد")
	}
	defer rows.Close()
	for rows.Next() {
		rec, err := scanRecord(e, rows)
		if err != nil {
			return wrap("read "+entity, err, "cannot read "+entity, "خواندن داده‌ها ممکن نشد")
		}
		fn(rec)
	}
	return rows.Err()
}

// SimilarPeople returns people of the district whose normalised name equals
// name's: the same person typed with ي for ی or without a ZWNJ.
func (s *Store) SimilarPeople(ctx context.Context, district int, name string) ([]Person, error) {
	var out []Person
	err := s.each(ctx, "people", "district = ? AND name_norm = ?", []any{district, normalize(name)}, "name", func(r Record) {
		var x Person
		fromRecord(r, &x)
		out = append(out, x)
	})
	return out, err
}
