package hq

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// HQ follows action items up too: it lists a district's items, reads one
// with its whole follow-up log, and closes or reopens one with a note. Such
// a change is HQ's own, made the way a reference import makes its records
// (see PROTOCOL.md, "HQ's own changes"): new field clocks of the node "hq"
// past every clock the record holds, an audit row, and the record no longer
// counted as any device's own, so every device of the district receives it
// on its next pull and merges it field by field like any other record.

// ActionFilter narrows ListActions. Status "" means any status.
type ActionFilter struct {
	District int
	Status   string
	Overdue  bool // only open or in-progress items past their deadline
}

// ActionInfo is an action item as HQ's commands show it: its fields with
// the names of what they refer to.
type ActionInfo struct {
	ID, Title, Status, DueDate, Details string
	District                            int
	Overdue                             bool
	Responsible                         string // the register's name of the person, or the name typed
	Neighbourhood, Department           string
	Meeting                             *Record // the meeting it follows from, nil if none
	Decision                            string  // the decision's text, "" if none
	UpdatedAt, UpdatedBy                string
}

// FollowUpInfo is one note of an action item's follow-up log.
type FollowUpInfo struct {
	ID, NotedAt, By, Note, NewStatus string
}

// ActionDetail is one action item with its follow-up log (oldest first) and
// HQ's audit rows of the item (who changed which fields, when).
type ActionDetail struct {
	ActionInfo
	Log   []FollowUpInfo
	Audit []Audit
}

// ErrNoAction is returned for an action item HQ does not hold (or holds deleted).
var ErrNoAction = errors.New("no such action item")

// tehranToday is the civil date in Tehran that decides what is overdue.
func tehranToday() string { return now().In(jalali.Tehran()).Format("2006-01-02") }

// ListActions lists the district's action items by deadline, the nearest
// (or most overdue) first and those with none at the end.
func ListActions(ctx context.Context, store Store, f ActionFilter) ([]ActionInfo, error) {
	if f.District < 1 || f.District > len(Districts) {
		return nil, fmt.Errorf("district must be 1 to %d, not %d", len(Districts), f.District)
	}
	today := tehranToday()
	var out []ActionInfo
	err := store.View(ctx, func(tx Tx) error {
		recs, err := tx.LiveRecords("action_items", f.District)
		if err != nil {
			return err
		}
		names, err := namesOf(tx, recs)
		if err != nil {
			return err
		}
		for i := range recs {
			a := actionInfo(&recs[i], names, today)
			if a.District != f.District || (f.Status != "" && a.Status != f.Status) || (f.Overdue && !a.Overdue) {
				continue
			}
			out = append(out, a)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b ActionInfo) int {
		switch {
		case a.DueDate == b.DueDate:
			return strings.Compare(a.ID, b.ID)
		case a.DueDate == "":
			return 1
		case b.DueDate == "":
			return -1
		}
		return strings.Compare(a.DueDate, b.DueDate)
	})
	return out, err
}

// ShowAction reads one action item, its follow-up log and its audit rows.
func ShowAction(ctx context.Context, store Store, id string) (ActionDetail, error) {
	var d ActionDetail
	err := store.View(ctx, func(tx Tx) error {
		rec, err := liveAction(tx, id)
		if err != nil {
			return err
		}
		names, err := namesOf(tx, []Record{*rec})
		if err != nil {
			return err
		}
		d.ActionInfo = actionInfo(rec, names, tehranToday())
		notes, err := tx.LiveRecordsReferring("follow_ups", rec.District, "action_item_id", id)
		if err != nil {
			return err
		}
		for i := range notes {
			d.Log = append(d.Log, followUpInfo(&notes[i]))
		}
		slices.SortStableFunc(d.Log, func(a, b FollowUpInfo) int { return strings.Compare(a.NotedAt, b.NotedAt) })
		d.Audit, err = tx.AuditFor("action_items", id)
		return err
	})
	return d, err
}

// SetActionStatus is HQ closing, reopening or moving an action item: the
// status set and a dated note in its follow-up log saying who did it and
// why, in one transaction, as the app's AddFollowUp does on a device. It
// refuses (changing nothing) an unknown or deleted item, an unknown status,
// the status the item already has, an empty note or author.
func SetActionStatus(ctx context.Context, store Store, id, status, note, by string) (FollowUpInfo, error) {
	note, by = strings.TrimSpace(note), strings.TrimSpace(by)
	if err := checkSetStatus(id, status, note, by); err != nil {
		return FollowUpInfo{}, err
	}
	var fu FollowUpInfo
	err := store.Update(ctx, func(tx Tx) error {
		rec, err := liveAction(tx, id)
		if err != nil {
			return err
		}
		if err := tx.LockDistricts([]int{rec.District}); err != nil {
			return err
		}
		if rec, err = liveAction(tx, id); err != nil { // as it stands under the lock
			return err
		}
		if rec.Fields["status"] == status {
			return fmt.Errorf("action item %s is already %s: nothing was changed", id, status)
		}
		w := hqChange{at: now(), by: by, clock: data.Clock{Node: "hq"}}
		for _, c := range rec.Clocks {
			w.clock.Observe(c)
		}
		stamp := w.at.Format(data.TimeLayout)
		if err := w.set(rec, data.Record{"status": status, "updated_at": stamp, "updated_by": by}); err != nil {
			return err
		}
		noteRec := &Record{Entity: "follow_ups", ID: uuid.Must(uuid.NewV7()).String(), District: rec.District,
			Fields: data.Record{}, Clocks: map[string]string{}}
		if err := w.set(noteRec, data.Record{"district": int64(rec.District), "created_at": stamp, "updated_at": stamp,
			"created_by": by, "updated_by": by, "deleted": false, "action_item_id": id, "noted_at": stamp,
			"note": note, "new_status": status}); err != nil {
			return err
		}
		fu = followUpInfo(noteRec)
		if err := tx.PutRecords([]*Record{rec, noteRec}); err != nil {
			return err
		}
		return tx.AddAudits(w.audits)
	})
	return fu, err
}

// checkSetStatus checks what SetActionStatus is given before it opens a
// transaction: the values a device would be refused too.
func checkSetStatus(id, status, note, by string) error {
	if !isActionID(id) {
		return usagef("%q is not an action item id (mahalleh-hq actions --district N lists them)", id)
	}
	if !slices.Contains(data.ActionStatuses, status) {
		return usagef("--status must be one of %s, not %q", strings.Join(data.ActionStatuses, ", "), status)
	}
	if note == "" {
		return usagef("--note is required: say what was done or decided; it goes into the item's follow-up log")
	}
	if by == "" {
		return usagef("--by NAME is required: the follow-up log says who changed the status")
	}
	fe := data.EntityByName("follow_ups")
	if _, err := data.CheckFields(fe, data.Record{"note": note, "created_by": by}); err != nil {
		return usagef("%v", err)
	}
	return nil
}

// isActionID reports whether id is a record id as HQ stores them: a
// canonical, lower-case UUID.
func isActionID(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id
}

// hqChange writes HQ's own changes: each with a new reading of HQ's clock
// (past every clock of the record, so the change wins over what HQ held)
// and an audit row.
type hqChange struct {
	at     time.Time
	by     string
	clock  data.Clock
	audits []Audit
}

func (w *hqChange) set(rec *Record, fields data.Record) error {
	fields, err := data.CheckFields(data.EntityByName(rec.Entity), fields)
	if err != nil {
		return err
	}
	stamp := w.clock.Now()
	for k, v := range fields {
		rec.Fields[k] = v
		rec.Clocks[k] = stamp
	}
	rec.Origin = "" // HQ had a part: every device of the district receives it
	w.audits = append(w.audits, Audit{At: w.at, Device: "hq", Officer: w.by, Entity: rec.Entity,
		RecordID: rec.ID, Fields: sortedKeys(fields), Clock: stamp})
	return nil
}

// liveAction reads an action item HQ holds, not deleted.
func liveAction(tx Tx, id string) (*Record, error) {
	rec, err := tx.GetRecord("action_items", id)
	if err != nil {
		return nil, err
	}
	if rec == nil || rec.Deleted {
		return nil, fmt.Errorf("%w: HQ holds no action item %s (mahalleh-hq actions --district N lists them)", ErrNoAction, id)
	}
	return rec, nil
}

// namesOf reads, in one query, the records the action items refer to:
// people, neighbourhoods, departments, meetings and decisions.
func namesOf(tx Tx, recs []Record) (map[RecordKey]*Record, error) {
	refs := map[string]string{"responsible_id": "people", "neighbourhood_id": "neighbourhoods",
		"department_id": "departments", "meeting_id": "meetings", "decision_id": "decisions"}
	seen := map[RecordKey]bool{}
	var keys []RecordKey
	for i := range recs {
		for field, entity := range refs {
			if id, _ := recs[i].Fields[field].(string); id != "" && !seen[keyOf(entity, id)] {
				seen[keyOf(entity, id)] = true
				keys = append(keys, keyOf(entity, id))
			}
		}
	}
	if len(keys) == 0 {
		return map[RecordKey]*Record{}, nil
	}
	return tx.GetRecords(keys)
}

func actionInfo(r *Record, names map[RecordKey]*Record, today string) ActionInfo {
	text := func(f string) string { s, _ := r.Fields[f].(string); return s }
	ref := func(field, entity string) *Record {
		if rec := names[keyOf(entity, text(field))]; rec != nil && !rec.Deleted {
			return rec
		}
		return nil
	}
	nameOf := func(rec *Record, field string) string {
		if rec == nil {
			return ""
		}
		s, _ := rec.Fields[field].(string)
		return s
	}
	a := ActionInfo{ID: r.ID, District: r.District, Title: text("title"), Status: text("status"), DueDate: text("due_date"),
		Details: text("details"), UpdatedAt: text("updated_at"), UpdatedBy: text("updated_by"),
		Responsible: text("responsible_name")}
	a.Overdue = a.DueDate != "" && (a.Status == "open" || a.Status == "in_progress") && a.DueDate < today
	if p := ref("responsible_id", "people"); p != nil {
		a.Responsible = nameOf(p, "name")
	}
	a.Neighbourhood = nameOf(ref("neighbourhood_id", "neighbourhoods"), "name")
	if d := ref("department_id", "departments"); d != nil {
		a.Department = nameOf(d, "name_en") + " (" + nameOf(d, "name_fa") + ")"
	}
	a.Meeting = ref("meeting_id", "meetings")
	a.Decision = nameOf(ref("decision_id", "decisions"), "text")
	return a
}

func followUpInfo(r *Record) FollowUpInfo {
	text := func(f string) string { s, _ := r.Fields[f].(string); return s }
	return FollowUpInfo{ID: r.ID, NotedAt: text("noted_at"), By: text("created_by"), Note: text("note"), NewStatus: text("new_status")}
}
