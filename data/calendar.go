package data

import (
	"context"
	"sort"
	"time"
)

// DefaultMeetingLength is how long a meeting without an end time is taken
// to last when the calendar looks for overlaps: most neighbourhood meetings
// are booked for an hour.
const DefaultMeetingLength = time.Hour

// Relations of the two links that join a meeting and its follow-up
// meeting, one each way, so either meeting finds the other by LinksFrom.
const (
	RelFollowUp = "follow_up" // meeting → the meeting that follows it up
	RelFollows  = "follows"   // follow-up meeting → the meeting it follows up
)

// MeetingsBetween returns the live meetings of district (0: every district
// the store holds) starting in [from, to), earliest first: a day, a week or a
// month of the calendar. It reads the meetings_list index (district,
// deleted, starts_at) as a range, so a month costs the same in a store of
// 100,000 meetings as in one of a hundred.
func (s *Store) MeetingsBetween(ctx context.Context, district int, from, to time.Time) ([]Meeting, error) {
	cond, args := "starts_at >= ? AND starts_at < ?", []any{FormatTime(from), FormatTime(to)}
	if district != 0 {
		cond, args = "district = ? AND "+cond, append([]any{district}, args...)
	}
	var out []Meeting
	err := s.each(ctx, "meetings", cond, args, "starts_at", func(r Record) {
		var m Meeting
		fromRecord(r, &m)
		out = append(out, m)
	})
	if err != nil {
		return nil, wrap("calendar", err, "cannot read the meetings of the calendar", "نشست‌های تقویم خوانده نشد")
	}
	return out, nil
}

// Span is when a meeting takes place. A meeting without an end (or with
// an end not after its start) lasts DefaultMeetingLength. ok is false when
// the start is not a time.
func (m *Meeting) Span() (start, end time.Time, ok bool) {
	start, err := ParseTime(m.StartsAt)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	end, err = ParseTime(m.EndsAt)
	if err != nil || !end.After(start) {
		end = start.Add(DefaultMeetingLength)
	}
	return start, end, true
}

// Overlap is two meetings of one officer that take place at the same time.
type Overlap struct {
	Officer string // who recorded both (Meta.CreatedBy)
	A, B    Meeting
}

// Overlaps finds the meetings of one officer that collide. "One officer"
// is who recorded the meeting (created_by): an officer records the
// meetings they go to. Meetings that only touch (one ends as the next
// starts) do not collide. The result is in order of the earlier meeting.
func Overlaps(meetings []Meeting) []Overlap {
	type span struct {
		m          Meeting
		start, end time.Time
	}
	by := map[string][]span{}
	var officers []string
	for _, m := range meetings {
		st, en, ok := m.Span()
		if !ok {
			continue
		}
		if _, seen := by[m.CreatedBy]; !seen {
			officers = append(officers, m.CreatedBy)
		}
		by[m.CreatedBy] = append(by[m.CreatedBy], span{m, st, en})
	}
	var out []Overlap
	for _, who := range officers {
		list := by[who]
		sort.SliceStable(list, func(i, j int) bool { return list[i].start.Before(list[j].start) })
		for i := range list {
			for j := i + 1; j < len(list) && list[j].start.Before(list[i].end); j++ {
				out = append(out, Overlap{Officer: who, A: list[i].m, B: list[j].m})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].A.StartsAt < out[j].A.StartsAt })
	return out
}

// ScheduleFollowUp records a new meeting at start that follows up meeting
// id: same kind, title, place and neighbourhood, no minutes yet, joined to
// it by a link each way (RelFollowUp and RelFollows). All of it is one
// transaction, so it syncs as a whole.
func (s *Store) ScheduleFollowUp(ctx context.Context, author, id string, start time.Time) (Meeting, error) {
	var next Meeting
	err := s.Write(ctx, author, func(w *Writer) error {
		rec, err := getRecord(ctx, w.tx, EntityByName("meetings"), id)
		if err != nil {
			return err
		}
		if rec == nil || rec["deleted"] == true {
			return &Error{Op: "schedule follow-up", Code: ErrNotFound, Msg: "the meeting to follow up is not in the store", MsgFa: "نشستی که باید پیگیری شود پیدا نشد"}
		}
		var m Meeting
		fromRecord(rec, &m)
		next = Meeting{Meta: Meta{District: m.District}, NeighbourhoodID: m.NeighbourhoodID, Kind: m.Kind,
			Title: m.Title, Place: m.Place, OrganiserID: m.OrganiserID, StartsAt: FormatTime(start)}
		if st, en, ok := m.Span(); ok && m.EndsAt != "" {
			next.EndsAt = FormatTime(start.Add(en.Sub(st)))
		}
		if err := w.Put("meetings", &next); err != nil {
			return err
		}
		for _, l := range []Link{
			{Meta: Meta{District: m.District}, FromEntity: "meetings", FromID: m.ID, ToEntity: "meetings", ToID: next.ID, Relation: RelFollowUp},
			{Meta: Meta{District: m.District}, FromEntity: "meetings", FromID: next.ID, ToEntity: "meetings", ToID: m.ID, Relation: RelFollows},
		} {
			if err := w.Put("links", &l); err != nil {
				return err
			}
		}
		return nil
	})
	return next, err
}

// RelatedMeetings returns the meetings linked to meeting id as its
// follow-ups (RelFollowUp) and the meeting it follows up (RelFollows).
func (s *Store) RelatedMeetings(ctx context.Context, id string) (followUps []Meeting, follows []Meeting, err error) {
	links, err := s.LinksFrom(ctx, "meetings", []string{id})
	if err != nil {
		return nil, nil, err
	}
	for _, l := range links {
		if l.ToEntity != "meetings" || (l.Relation != RelFollowUp && l.Relation != RelFollows) {
			continue
		}
		rec, err := s.Get(ctx, "meetings", l.ToID)
		if err != nil || rec == nil || rec["deleted"] == true {
			continue // a linked meeting deleted since, or not synced yet
		}
		var m Meeting
		fromRecord(rec, &m)
		if l.Relation == RelFollowUp {
			followUps = append(followUps, m)
		} else {
			follows = append(follows, m)
		}
	}
	return followUps, follows, nil
}
