package data

import (
	"context"
	"strings"
)

// Concerns and priority projects as the follow-up screens show them: lists
// with the filters an officer asks for, and each record with what is linked
// to it (the decisions that answer a concern, the action items that follow
// those decisions, the projects that address it).

// ConcernFilter narrows the concerns list. Zero values mean "any".
type ConcernFilter struct {
	District       int
	Neighbourhoods []string
	DepartmentID   string
	Status         string // a stored status, or "active" (open or in progress)
	Priority       string
}

// ConcernRow is one line of the concerns list.
type ConcernRow struct {
	Concern
	NeighbourhoodName string
}

func concernsWhere(f ConcernFilter) where {
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
	default:
		w.add("t.status = ?", f.Status)
	}
	if f.Priority != "" {
		w.add("t.priority = ?", f.Priority)
	}
	return w
}

// ListConcernRows lists concerns newest first, a page at a time.
func (s *Store) ListConcernRows(ctx context.Context, f ConcernFilter, p Page) ([]ConcernRow, string, error) {
	const op = "list concerns"
	w := concernsWhere(f)
	w.keyset("t", "created_at", p.After)
	e := EntityByName("concerns")
	q := "SELECT t." + joinCols(e) + ", coalesce(n.name, '') FROM concerns t LEFT JOIN neighbourhoods n ON n.id = t.neighbourhood_id" +
		w.sql() + " ORDER BY t.created_at DESC, t.id DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(w.args, p.limit()+1)...)
	if err != nil {
		return nil, "", wrap(op, err, "cannot list the concerns", "فهرست مطالبات خوانده نشد")
	}
	defer rows.Close()
	var out []ConcernRow
	for rows.Next() {
		var r ConcernRow
		rec, err := scanRecord(e, withExtra{rows, []any{&r.NeighbourhoodName}})
		if err != nil {
			return nil, "", wrap(op, err, "cannot list the concerns", "فهرست مطالبات خوانده نشد")
		}
		fromRecord(rec, &r.Concern)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", wrap(op, err, "cannot list the concerns", "فهرست مطالبات خوانده نشد")
	}
	next := ""
	if len(out) > p.limit() {
		out = out[:p.limit()]
		last := out[len(out)-1]
		next = cursor(last.CreatedAt, last.ID)
	}
	return out, next, nil
}

// CountConcernRows counts what ListConcernRows lists with the same filter.
func (s *Store) CountConcernRows(ctx context.Context, f ConcernFilter) (int, error) {
	w := concernsWhere(f)
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM concerns t"+w.sql(), w.args...).Scan(&n); err != nil {
		return 0, wrap("count concerns", err, "cannot count the concerns", "شمارش مطالبات ممکن نشد")
	}
	return n, nil
}

// ConcernDetail is a concern with what answers it.
type ConcernDetail struct {
	Concern   Concern
	Meeting   *Meeting // where it was raised, if in a meeting
	Decisions []Decision
	Actions   []ActionItem // following those decisions
	Projects  []Project    // addressing it
}

// ConcernWithLinks reads a concern, the decisions linked to it, the action
// items that follow those decisions and the projects linked to it.
func (s *Store) ConcernWithLinks(ctx context.Context, id string) (*ConcernDetail, error) {
	rec, err := s.Get(ctx, "concerns", id)
	if err != nil {
		return nil, err
	}
	d := &ConcernDetail{}
	fromRecord(rec, &d.Concern)
	if m := deref(d.Concern.MeetingID); m != "" {
		if mr, err := s.Get(ctx, "meetings", m); err == nil && mr["deleted"] != true {
			d.Meeting = &Meeting{}
			fromRecord(mr, d.Meeting)
		}
	}
	links, err := s.linksTo(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	var decisionIDs, projectIDs []string
	for _, l := range links {
		switch l.FromEntity {
		case "decisions":
			decisionIDs = append(decisionIDs, l.FromID)
		case "projects":
			projectIDs = append(projectIDs, l.FromID)
		}
	}
	if err := s.eachByID(ctx, "decisions", "id", decisionIDs, func(r Record) {
		var x Decision
		fromRecord(r, &x)
		d.Decisions = append(d.Decisions, x)
	}); err != nil {
		return nil, err
	}
	if err := s.eachByID(ctx, "action_items", "decision_id", decisionIDs, func(r Record) {
		var x ActionItem
		fromRecord(r, &x)
		d.Actions = append(d.Actions, x)
	}); err != nil {
		return nil, err
	}
	err = s.eachByID(ctx, "projects", "id", projectIDs, func(r Record) {
		var x Project
		fromRecord(r, &x)
		d.Projects = append(d.Projects, x)
	})
	return d, err
}

// linksTo returns the live links whose to_id is one of ids, oldest first.
func (s *Store) linksTo(ctx context.Context, ids []string) ([]Link, error) {
	var out []Link
	err := s.eachByID(ctx, "links", "to_id", ids, func(r Record) {
		var l Link
		fromRecord(r, &l)
		out = append(out, l)
	})
	return out, err
}

// eachByID runs fn for each live record of entity whose col is one of ids
// (oldest first); nothing when ids is empty.
func (s *Store) eachByID(ctx context.Context, entity, col string, ids []string, fn func(Record)) error {
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		cond := col + " IN (?" + strings.Repeat(", ?", n-1) + ")"
		if err := s.each(ctx, entity, cond, args, "created_at", fn); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
