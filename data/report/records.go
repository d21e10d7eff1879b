package report

import (
	"context"

	"mahalleh/data"
)

// Live reads the live (not deleted) records of an entity in a district (0:
// every district) and the reference records of district 0, each with its
// "id" and "district" among its fields, as sync carries them.
type Live func(ctx context.Context, entity string, district int) ([]data.Record, error)

// RecordSource reads a report's rows from records, for HQ's stores, which
// keep every entity's records as fields (SQLite or PostgreSQL): the same
// rows StoreSource reads with SQL, picked here in Go, so that HQ's report
// is counted by the same code as the office's.
func RecordSource(live Live) Source { return &recordSource{live: live} }

type recordSource struct {
	live   Live
	starts map[string]string // meeting id → starts_at, read once
}

func (src *recordSource) Departments(ctx context.Context) ([]data.Department, error) {
	recs, err := src.live(ctx, "departments", 0)
	if err != nil {
		return nil, err
	}
	out := make([]data.Department, 0, len(recs))
	for _, r := range recs {
		out = append(out, data.Department{Meta: data.Meta{ID: r.ID(), District: r.District()},
			Code: str(r, "code"), NameFa: str(r, "name_fa"), NameEn: str(r, "name_en")})
	}
	return out, nil
}

func (src *recordSource) Meetings(ctx context.Context, q Query) ([]MeetingRow, error) {
	recs, err := src.meetings(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []MeetingRow
	for _, r := range recs {
		row := MeetingRow{District: r.District(), Neighbourhood: str(r, "neighbourhood_id"), Kind: str(r, "kind"), StartsAt: str(r, "starts_at")}
		if q.covers(row.District, row.Neighbourhood) && q.in(row.StartsAt) {
			out = append(out, row)
		}
	}
	return out, nil
}

// meetings reads the scope's district's meetings and remembers when each
// was held, which is when its concerns and action items belong.
func (src *recordSource) meetings(ctx context.Context, q Query) ([]data.Record, error) {
	recs, err := src.live(ctx, "meetings", q.District)
	if err != nil {
		return nil, err
	}
	src.starts = make(map[string]string, len(recs))
	for _, r := range recs {
		src.starts[r.ID()] = str(r, "starts_at")
	}
	return recs, nil
}

// items reads concerns or action items as rows of the scope and period.
func (src *recordSource) items(ctx context.Context, entity string, q Query, done map[string]string) ([]ItemRow, error) {
	if src.starts == nil {
		if _, err := src.meetings(ctx, q); err != nil {
			return nil, err
		}
	}
	recs, err := src.live(ctx, entity, q.District)
	if err != nil {
		return nil, err
	}
	var out []ItemRow
	for _, r := range recs {
		row := ItemRow{District: r.District(), Neighbourhood: str(r, "neighbourhood_id"), Department: str(r, "department_id"),
			Status: str(r, "status"), Created: str(r, "created_at"), DueDate: str(r, "due_date")}
		row.Raised = row.Created
		if at, ok := src.starts[str(r, "meeting_id")]; ok {
			row.Raised = at
		}
		if !q.covers(row.District, row.Neighbourhood) || !q.in(row.Raised) {
			continue
		}
		if row.Status == "done" && done != nil {
			if row.DoneAt = done[r.ID()]; row.DoneAt == "" {
				row.DoneAt = str(r, "updated_at")
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func (src *recordSource) Concerns(ctx context.Context, q Query) ([]ItemRow, error) {
	return src.items(ctx, "concerns", q, nil)
}

func (src *recordSource) ActionItems(ctx context.Context, q Query) ([]ItemRow, error) {
	fus, err := src.live(ctx, "follow_ups", q.District)
	if err != nil {
		return nil, err
	}
	done := map[string]string{} // action item → the latest follow-up that set it done
	for _, f := range fus {
		if str(f, "new_status") == "done" {
			id, at := str(f, "action_item_id"), str(f, "noted_at")
			if at > done[id] {
				done[id] = at
			}
		}
	}
	return src.items(ctx, "action_items", q, done)
}

func (src *recordSource) Projects(ctx context.Context, q Query) ([]ProjectRow, error) {
	hoods, err := src.live(ctx, "neighbourhoods", q.District)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, h := range hoods {
		names[h.ID()] = str(h, "name")
	}
	recs, err := src.live(ctx, "projects", q.District)
	if err != nil {
		return nil, err
	}
	var out []ProjectRow
	for _, r := range recs {
		row := ProjectRow{District: r.District(), ID: r.ID(), Title: str(r, "title"), Neighbourhood: str(r, "neighbourhood_id"),
			Department: str(r, "department_id"), Status: str(r, "status"), Created: str(r, "created_at")}
		row.NeighbourhoodName = names[row.Neighbourhood]
		if p, ok := r["progress"].(int64); ok {
			row.Progress = int(p)
		}
		if q.covers(row.District, row.Neighbourhood) && row.Created < q.To {
			out = append(out, row)
		}
	}
	return out, nil
}

// str is a text or reference field of a record ("" when empty or absent).
func str(r data.Record, name string) string {
	s, _ := r[name].(string)
	return s
}
