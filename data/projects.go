package data

import "context"

// ProjectFilter narrows the priority projects list. Zero values mean "any".
type ProjectFilter struct {
	District       int
	Neighbourhoods []string
	DepartmentID   string
	Status         string // a stored status, or "active" (planned or in progress)
}

// ProjectRow is one line of the projects list.
type ProjectRow struct {
	Project
	NeighbourhoodName string
}

func projectsWhere(f ProjectFilter) where {
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
		w.add("t.status IN ('planned', 'in_progress')")
	default:
		w.add("t.status = ?", f.Status)
	}
	return w
}

// ListProjectRows lists projects, the most recently updated first.
func (s *Store) ListProjectRows(ctx context.Context, f ProjectFilter, p Page) ([]ProjectRow, string, error) {
	const op = "list projects"
	w := projectsWhere(f)
	w.keyset("t", "updated_at", p.After)
	e := EntityByName("projects")
	q := "SELECT t." + joinCols(e) + ", coalesce(n.name, '') FROM projects t LEFT JOIN neighbourhoods n ON n.id = t.neighbourhood_id" +
		w.sql() + " ORDER BY t.updated_at DESC, t.id DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(w.args, p.limit()+1)...)
	if err != nil {
		return nil, "", wrap(op, err, "cannot list the projects", "فهرست پروژه‌ها خوانده نشد")
	}
	defer rows.Close()
	var out []ProjectRow
	for rows.Next() {
		var r ProjectRow
		rec, err := scanRecord(e, withExtra{rows, []any{&r.NeighbourhoodName}})
		if err != nil {
			return nil, "", wrap(op, err, "cannot list the projects", "فهرست پروژه‌ها خوانده نشد")
		}
		fromRecord(rec, &r.Project)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", wrap(op, err, "cannot list the projects", "فهرست پروژه‌ها خوانده نشد")
	}
	next := ""
	if len(out) > p.limit() {
		out = out[:p.limit()]
		last := out[len(out)-1]
		next = cursor(last.UpdatedAt, last.ID)
	}
	return out, next, nil
}

// CountProjectRows counts what ListProjectRows lists with the same filter.
func (s *Store) CountProjectRows(ctx context.Context, f ProjectFilter) (int, error) {
	w := projectsWhere(f)
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM projects t"+w.sql(), w.args...).Scan(&n); err != nil {
		return 0, wrap("count projects", err, "cannot count the projects", "شمارش پروژه‌ها ممکن نشد")
	}
	return n, nil
}

// ProjectDetail is a project with the concerns it addresses and the
// decisions linked to it, directly or as answers to those concerns.
type ProjectDetail struct {
	Project   Project
	Concerns  []Concern
	Decisions []Decision
}

// ProjectWithLinks reads a project and what is linked to it.
func (s *Store) ProjectWithLinks(ctx context.Context, id string) (*ProjectDetail, error) {
	rec, err := s.Get(ctx, "projects", id)
	if err != nil {
		return nil, err
	}
	d := &ProjectDetail{}
	fromRecord(rec, &d.Project)
	links, err := s.LinksFrom(ctx, "projects", []string{id})
	if err != nil {
		return nil, err
	}
	var concernIDs, decisionIDs []string
	seen := map[string]bool{}
	for _, l := range links {
		switch l.ToEntity {
		case "concerns":
			concernIDs = append(concernIDs, l.ToID)
		case "decisions":
			decisionIDs = append(decisionIDs, l.ToID)
			seen[l.ToID] = true
		}
	}
	answers, err := s.linksTo(ctx, concernIDs)
	if err != nil {
		return nil, err
	}
	for _, l := range answers {
		if l.FromEntity == "decisions" && !seen[l.FromID] {
			seen[l.FromID] = true
			decisionIDs = append(decisionIDs, l.FromID)
		}
	}
	if err := s.eachByID(ctx, "concerns", "id", concernIDs, func(r Record) {
		var x Concern
		fromRecord(r, &x)
		d.Concerns = append(d.Concerns, x)
	}); err != nil {
		return nil, err
	}
	err = s.eachByID(ctx, "decisions", "id", decisionIDs, func(r Record) {
		var x Decision
		fromRecord(r, &x)
		d.Decisions = append(d.Decisions, x)
	})
	return d, err
}
