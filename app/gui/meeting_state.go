package gui

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"mahalleh/app/i18n"
	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// meetingState is everything the meeting editor shows, as typed. The
// editor fills its widgets from one (read from the store, or from a draft)
// and collects one back, so that the draft written while typing and the
// records written on save come from the same place. Child records get
// their ids when they are added, so a decision can name the concerns it
// answers before anything is saved.
type meetingState struct {
	ID            string
	CreatedBy     string // who recorded the meeting (not editable)
	Title         string
	Kind          string
	Date          string // as typed: any digit form
	Time          string // HH:MM as typed
	Place         string
	Neighbourhood string
	Minutes       string
	Attendees     []attendeeState
	Agenda        []agendaState
	Concerns      []concernState
	Decisions     []decisionState
	Actions       []actionState
}

type attendeeState struct {
	ID       string
	PersonID string // "" for a guest
	Name     string // the person's name, or the guest's
	Present  bool
	Role     string
}

type agendaState struct{ ID, Text string }

type concernState struct {
	ID, Title, Neighbourhood, Department, Priority, RaisedBy, Status string
}

type decisionState struct {
	ID, Text string
	Answers  []string // concern ids
}

type actionState struct {
	ID, Title, Department, Responsible, ResponsibleName, Due, Status, Decision string
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// newMeetingState is a new meeting: today, a neighbourhood meeting.
func newMeetingState(now time.Time, neighbourhood string) meetingState {
	t := now.In(jalali.Tehran())
	return meetingState{ID: newID(), Kind: "neighbourhood", Date: dateText(jalali.FromTime(t)), Time: clockText(t.Hour(), 0),
		Neighbourhood: neighbourhood}
}

// loadMeetingState reads a meeting and everything recorded in it.
func loadMeetingState(ctx context.Context, s *data.Store, id string) (meetingState, error) {
	d, err := s.Meeting(ctx, id)
	if err != nil {
		return meetingState{}, err
	}
	m := d.Meeting
	st := meetingState{ID: m.ID, CreatedBy: m.CreatedBy, Title: m.Title, Kind: m.Kind, Place: m.Place, Neighbourhood: deref(m.NeighbourhoodID), Minutes: m.Minutes}
	if t, err := data.ParseTime(m.StartsAt); err == nil {
		t = t.In(jalali.Tehran())
		st.Date, st.Time = dateText(jalali.FromTime(t)), clockText(t.Hour(), t.Minute())
	}
	for _, a := range d.Attendance {
		name := a.GuestName
		if a.PersonID != nil {
			if p, err := s.Get(ctx, "people", *a.PersonID); err == nil {
				name, _ = p["name"].(string)
			}
		}
		st.Attendees = append(st.Attendees, attendeeState{ID: a.ID, PersonID: deref(a.PersonID), Name: name, Present: a.Present, Role: a.MeetingRole})
	}
	for _, a := range d.Agenda {
		st.Agenda = append(st.Agenda, agendaState{ID: a.ID, Text: a.Text})
	}
	for _, c := range d.Concerns {
		st.Concerns = append(st.Concerns, concernState{ID: c.ID, Title: c.Title, Neighbourhood: deref(c.NeighbourhoodID),
			Department: deref(c.DepartmentID), Priority: c.Priority, RaisedBy: deref(c.RaisedByID), Status: c.Status})
	}
	var decisionIDs []string
	for _, x := range d.Decisions {
		decisionIDs = append(decisionIDs, x.ID)
		st.Decisions = append(st.Decisions, decisionState{ID: x.ID, Text: x.Text})
	}
	links, err := s.LinksFrom(ctx, "decisions", decisionIDs)
	if err != nil {
		return meetingState{}, err
	}
	for _, l := range links {
		for i := range st.Decisions {
			if st.Decisions[i].ID == l.FromID && l.ToEntity == "concerns" {
				st.Decisions[i].Answers = append(st.Decisions[i].Answers, l.ToID)
			}
		}
	}
	for _, a := range d.ActionItems {
		due := ""
		if a.DueDate != "" {
			if t, err := time.Parse("2006-01-02", a.DueDate); err == nil {
				due = dateText(jalali.FromTime(t))
			}
		}
		st.Actions = append(st.Actions, actionState{ID: a.ID, Title: a.Title, Department: deref(a.DepartmentID),
			Responsible: deref(a.ResponsibleID), ResponsibleName: a.ResponsibleName, Due: due, Status: a.Status, Decision: deref(a.DecisionID)})
	}
	return st, nil
}

func (st meetingState) json() string {
	b, _ := json.Marshal(st)
	return string(b)
}

func stateFromJSON(s string) (meetingState, bool) {
	var st meetingState
	return st, json.Unmarshal([]byte(s), &st) == nil && st.ID != ""
}

// dateText writes a date in the UI's digits.
func dateText(d jalali.Date) string {
	if i18n.Language() == i18n.Persian {
		return jalali.FormatShort(d)
	}
	return jalali.FormatShortLatin(d)
}

func clockText(h, m int) string {
	s := string([]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10)})
	if i18n.Language() == i18n.Persian {
		return toPersianDigits(s)
	}
	return s
}

func toPersianDigits(s string) string { return persian.Digits(s) }

// ref turns "" into nil, as references are stored.
func ref(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
