package data

import (
	"encoding/json"
	"time"
)

// Meta is on every record. Times are UTC; the UI shows them as Jalali dates.
type Meta struct {
	ID        string `json:"id,omitempty"`
	District  int    `json:"district"`
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
	CreatedBy string `json:"created_by,omitempty"`
	UpdatedBy string `json:"updated_by,omitempty"`
	Deleted   bool   `json:"deleted,omitempty"`
}

// District is one of Tehran's 22 municipal districts (built in).
type District struct {
	ID     int
	NameFa string
	NameEn string
}

// Neighbourhood (محله) is the unit a liaison office serves.
type Neighbourhood struct {
	Meta
	SubdistrictID *string `json:"subdistrict_id"`
	Name          string  `json:"name"`
}

// Department (حوزه) is where concerns and action items are routed.
type Department struct {
	Meta
	Code   string `json:"code"`
	NameFa string `json:"name_fa"`
	NameEn string `json:"name_en"`
}

// Person is a contact in the register: an elder, an imam, a council member…
type Person struct {
	Meta
	NeighbourhoodID *string `json:"neighbourhood_id"`
	Name            string  `json:"name"`
	Role            string  `json:"role"`
	Phone           string  `json:"phone"`
	Organisation    string  `json:"organisation"`
	Notes           string  `json:"notes"`
}

// Meeting (نشست) with its minutes (صورتجلسه).
type Meeting struct {
	Meta
	NeighbourhoodID *string `json:"neighbourhood_id"`
	Kind            string  `json:"kind"`
	Title           string  `json:"title"`
	StartsAt        string  `json:"starts_at"`
	EndsAt          string  `json:"ends_at"`
	Place           string  `json:"place"`
	OrganiserID     *string `json:"organiser_id"`
	Minutes         string  `json:"minutes"`
}

// Attendance is one attendee of a meeting: a person of the register or a guest.
type Attendance struct {
	Meta
	MeetingID string  `json:"meeting_id"`
	PersonID  *string `json:"person_id"`
	GuestName string  `json:"guest_name"`
	Present   bool    `json:"present"`
	Note      string  `json:"note"`
	// MeetingRole is the attendee's role in this meeting: AttendeeRoles.
	MeetingRole string `json:"meeting_role"`
}

// AgendaItem is one point of a meeting's agenda (دستور جلسه).
type AgendaItem struct {
	Meta
	MeetingID string `json:"meeting_id"`
	Position  int    `json:"position"`
	Text      string `json:"text"`
}

// Concern (چالش / مطالبه) is something raised by residents.
type Concern struct {
	Meta
	MeetingID       *string `json:"meeting_id"`
	NeighbourhoodID *string `json:"neighbourhood_id"`
	DepartmentID    *string `json:"department_id"`
	Title           string  `json:"title"`
	Description     string  `json:"description"`
	Priority        string  `json:"priority"`
	RaisedByID      *string `json:"raised_by_id"`
	Status          string  `json:"status"`
}

// Decision (مصوبه) is what a meeting resolved.
type Decision struct {
	Meta
	MeetingID *string `json:"meeting_id"`
	Text      string  `json:"text"`
}

// ActionItem (اقدام) is what must be done, by whom, by when.
type ActionItem struct {
	Meta
	MeetingID       *string `json:"meeting_id"`
	DecisionID      *string `json:"decision_id"`
	NeighbourhoodID *string `json:"neighbourhood_id"`
	DepartmentID    *string `json:"department_id"`
	Title           string  `json:"title"`
	Details         string  `json:"details"`
	ResponsibleID   *string `json:"responsible_id"`
	ResponsibleName string  `json:"responsible_name"`
	DueDate         string  `json:"due_date"` // Gregorian YYYY-MM-DD, "" for none
	Status          string  `json:"status"`
}

// Overdue is derived, never stored: open or in progress, and past its deadline
// (the deadline day itself is not overdue).
func (a *ActionItem) Overdue(today time.Time) bool {
	if a.DueDate == "" || (a.Status != "open" && a.Status != "in_progress") {
		return false
	}
	return a.DueDate < today.Format("2006-01-02")
}

// FollowUp is one dated note in an action item's follow-up log (پیگیری).
type FollowUp struct {
	Meta
	ActionItemID string `json:"action_item_id"`
	NotedAt      string `json:"noted_at"`
	Note         string `json:"note"`
	NewStatus    string `json:"new_status"`
}

// Project is a neighbourhood's priority project (پروژه اولویت‌دار).
type Project struct {
	Meta
	NeighbourhoodID *string `json:"neighbourhood_id"`
	DepartmentID    *string `json:"department_id"`
	Title           string  `json:"title"`
	Description     string  `json:"description"`
	Status          string  `json:"status"`
	Progress        int     `json:"progress"`
}

// Link joins two records: a decision to the concerns it answers, a project
// to its concerns and decisions, a meeting to further neighbourhoods.
type Link struct {
	Meta
	FromEntity string `json:"from_entity"`
	FromID     string `json:"from_id"`
	ToEntity   string `json:"to_entity"`
	ToID       string `json:"to_id"`
	Relation   string `json:"relation"`
}

// Conflict keeps the losing version of two concurrent edits of one text.
type Conflict struct {
	Meta
	Entity     string `json:"entity"`
	RecordID   string `json:"record_id"`
	Field      string `json:"field"`
	KeptValue  string `json:"kept_value"`
	LostValue  string `json:"lost_value"`
	LostBy     string `json:"lost_by"`
	LostClock  string `json:"lost_clock"`
	State      string `json:"state"`
	Resolution string `json:"resolution"`
}

// toFields turns a typed record into the field map Save takes. Metadata the
// store sets is dropped; an empty id means "new".
func toFields(v any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"created_at", "updated_at", "created_by", "updated_by"} {
		delete(m, k)
	}
	return m
}

// fromRecord fills a typed record from a Record.
func fromRecord(rec Record, v any) {
	b, _ := json.Marshal(rec)
	json.Unmarshal(b, v)
}

// Put saves a typed record (a *Meeting, *Person, …) into entity and fills
// it back with what was stored (its id and metadata).
func (w *Writer) Put(entity string, v any) error {
	rec, err := w.Save(entity, toFields(v))
	if err != nil {
		return err
	}
	fromRecord(rec, v)
	return nil
}
