package gui

import (
	"context"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// saveMeeting writes a checked meetingState in one transaction: the meeting,
// its attendees, agenda, concerns, decisions with the links to the concerns
// they answer, and action items; what orig held and st no longer does goes
// to the trash. Only the fields the editor shows are sent, so a field it
// does not show (a meeting's end time, a concern's description) keeps its
// value.
func saveMeeting(ctx context.Context, s *data.Store, author string, district int, st, orig meetingState, startsAt time.Time) error {
	var decisionIDs []string
	for _, d := range orig.Decisions {
		decisionIDs = append(decisionIDs, d.ID)
	}
	links, err := s.LinksFrom(ctx, "decisions", decisionIDs)
	if err != nil {
		return err
	}
	return s.Write(ctx, author, func(w *data.Writer) error {
		save := func(entity string, fields map[string]any) error {
			fields["district"] = district
			_, err := w.Save(entity, fields)
			return err
		}
		if err := save("meetings", map[string]any{"id": st.ID, "title": trimmed(st.Title), "kind": st.Kind,
			"starts_at": data.FormatTime(startsAt), "place": trimmed(st.Place), "neighbourhood_id": refField(st.Neighbourhood),
			"minutes": st.Minutes}); err != nil {
			return err
		}
		if err := saveChildren(w, st, orig, save); err != nil {
			return err
		}
		return saveLinks(w, st, links, save)
	})
}

func saveChildren(w *data.Writer, st, orig meetingState, save func(string, map[string]any) error) error {
	live := map[string]bool{}
	for _, a := range st.Attendees {
		live[a.ID] = true
		f := map[string]any{"id": a.ID, "meeting_id": st.ID, "present": a.Present, "meeting_role": a.Role}
		if a.PersonID != "" {
			f["person_id"] = a.PersonID
		} else {
			f["guest_name"] = trimmed(a.Name)
		}
		if err := save("attendance", f); err != nil {
			return err
		}
	}
	for i, a := range st.Agenda {
		live[a.ID] = true
		if err := save("agenda_items", map[string]any{"id": a.ID, "meeting_id": st.ID, "position": i + 1, "text": trimmed(a.Text)}); err != nil {
			return err
		}
	}
	for _, c := range st.Concerns {
		live[c.ID] = true
		if err := save("concerns", map[string]any{"id": c.ID, "meeting_id": st.ID, "title": trimmed(c.Title),
			"neighbourhood_id": refField(c.Neighbourhood), "department_id": refField(c.Department), "priority": c.Priority,
			"raised_by_id": refField(c.RaisedBy), "status": c.Status}); err != nil {
			return err
		}
	}
	for _, d := range st.Decisions {
		live[d.ID] = true
		if err := save("decisions", map[string]any{"id": d.ID, "meeting_id": st.ID, "text": trimmed(d.Text)}); err != nil {
			return err
		}
	}
	for _, a := range st.Actions {
		live[a.ID] = true
		if err := save("action_items", map[string]any{"id": a.ID, "meeting_id": st.ID, "title": trimmed(a.Title),
			"department_id": refField(a.Department), "responsible_id": refField(a.Responsible), "responsible_name": trimmed(a.ResponsibleName),
			"due_date": gregorianDate(a.Due), "status": a.Status, "decision_id": refField(a.Decision), "neighbourhood_id": refField(st.Neighbourhood)}); err != nil {
			return err
		}
	}
	// What the editor removed, children before parents.
	removed := []struct {
		entity string
		ids    []string
	}{
		{"action_items", idsOf(orig.Actions, func(a actionState) string { return a.ID })},
		{"decisions", idsOf(orig.Decisions, func(d decisionState) string { return d.ID })},
		{"concerns", idsOf(orig.Concerns, func(c concernState) string { return c.ID })},
		{"agenda_items", idsOf(orig.Agenda, func(a agendaState) string { return a.ID })},
		{"attendance", idsOf(orig.Attendees, func(a attendeeState) string { return a.ID })},
	}
	for _, r := range removed {
		for _, id := range r.ids {
			if !live[id] {
				if err := w.Delete(r.entity, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// saveLinks makes the decision→concern links match what the editor shows.
func saveLinks(w *data.Writer, st meetingState, links []data.Link, save func(string, map[string]any) error) error {
	want := map[string]bool{}
	for _, d := range st.Decisions {
		for _, c := range d.Answers {
			want[d.ID+"→"+c] = true
		}
	}
	have := map[string]bool{}
	for _, l := range links {
		key := l.FromID + "→" + l.ToID
		if l.ToEntity != "concerns" || !want[key] || have[key] {
			if err := w.Delete("links", l.ID); err != nil {
				return err
			}
			continue
		}
		have[key] = true
	}
	for _, d := range st.Decisions {
		for _, c := range d.Answers {
			if !have[d.ID+"→"+c] {
				have[d.ID+"→"+c] = true
				if err := save("links", map[string]any{"from_entity": "decisions", "from_id": d.ID,
					"to_entity": "concerns", "to_id": c, "relation": "answers"}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func idsOf[T any](xs []T, id func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

// gregorianDate turns a typed Jalali date into the stored "YYYY-MM-DD"
// ("" when empty; the editor has checked it already).
func gregorianDate(typed string) string {
	if trimmed(typed) == "" {
		return ""
	}
	d, err := jalali.Parse(typed)
	if err != nil {
		return ""
	}
	return d.Time(time.UTC).Format("2006-01-02")
}

// refField is a reference as Save takes it: nil for none, the id otherwise.
func refField(id string) any {
	if id == "" {
		return nil
	}
	return id
}
