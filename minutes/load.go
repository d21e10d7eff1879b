package minutes

import (
	"context"

	"mahalleh/data"
)

// Meeting is what the minutes print: the meeting with everything recorded
// in it, and the names its references stand for.
type Meeting struct {
	*data.MeetingDetail
	District      data.District
	Subdistrict   string // "ناحیه ۲" as recorded, "" if unknown
	Neighbourhood string
	People        map[string]data.Person     // by id: attendees, organiser, raisers, responsibles
	Departments   map[string]data.Department // by id
}

// Load reads meeting id and the names it refers to from the store. A
// reference to a record that is gone (deleted, not yet synced) prints as
// nothing rather than failing the whole document.
func Load(ctx context.Context, s *data.Store, id string) (*Meeting, error) {
	d, err := s.Meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	m := &Meeting{MeetingDetail: d, People: map[string]data.Person{}, Departments: map[string]data.Department{}}
	districts, err := s.Districts(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range districts {
		if x.ID == d.Meeting.District {
			m.District = x
		}
	}
	if d.Meeting.NeighbourhoodID != nil {
		if rec, err := get(ctx, s, "neighbourhoods", *d.Meeting.NeighbourhoodID); err != nil {
			return nil, err
		} else if rec != nil {
			m.Neighbourhood = str(rec, "name")
			if sub, _ := rec["subdistrict_id"].(string); sub != "" {
				if srec, err := get(ctx, s, "subdistricts", sub); err != nil {
					return nil, err
				} else if srec != nil {
					m.Subdistrict = str(srec, "name")
				}
			}
		}
	}
	depts, err := s.Departments(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range depts {
		m.Departments[x.ID] = x
	}
	for _, pid := range personRefs(d) {
		if _, done := m.People[pid]; done {
			continue
		}
		rec, err := get(ctx, s, "people", pid)
		if err != nil {
			return nil, err
		}
		if rec != nil {
			m.People[pid] = data.Person{Meta: data.Meta{ID: pid}, Name: str(rec, "name"),
				Role: str(rec, "role"), Organisation: str(rec, "organisation")}
		}
	}
	return m, nil
}

// personRefs lists every person the meeting refers to.
func personRefs(d *data.MeetingDetail) []string {
	var ids []string
	add := func(p *string) {
		if p != nil && *p != "" {
			ids = append(ids, *p)
		}
	}
	add(d.Meeting.OrganiserID)
	for _, a := range d.Attendance {
		add(a.PersonID)
	}
	for _, c := range d.Concerns {
		add(c.RaisedByID)
	}
	for _, a := range d.ActionItems {
		add(a.ResponsibleID)
	}
	return ids
}

// get reads one record, nil when it does not exist.
func get(ctx context.Context, s *data.Store, entity, id string) (data.Record, error) {
	rec, err := s.Get(ctx, entity, id)
	if data.IsNotFound(err) {
		return nil, nil
	}
	return rec, err
}

func str(r data.Record, k string) string { s, _ := r[k].(string); return s }
