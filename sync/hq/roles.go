package hq

import (
	"slices"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// What the supervisor role may do that an officer may not, enforced here at
// HQ on every push (the app only hides what HQ would refuse):
//
//   - close an action item: set its status to done or cancelled (an officer
//     follows an item up; the supervisor or HQ decides it is finished);
//   - delete a meeting that another officer recorded (an officer may delete
//     their own).
//
// HQ devices may do both. "Another officer" is the one whose device's
// change created the meeting, from the audit log, not the record's
// created_by field, which the device writes itself.
var closedStatuses = []string{"done", "cancelled"}

// checkRole refuses change c (the i-th of its batch) of an officer device
// when it does what only a supervisor or HQ may; cur is the record as the
// batch has left it so far (nil: new).
func (m *merger) checkRole(i int, c *data.Change, cur *Record) error {
	if m.dev.Role != msync.RoleOfficer {
		return nil
	}
	switch c.Entity {
	case "action_items":
		st, _ := c.Fields["status"].(string)
		if !slices.Contains(closedStatuses, st) || (cur != nil && cur.Fields["status"] == st) {
			return nil
		}
		return forbiddenf(whereFa(i)+": بستن اقدام (انجام‌شده یا لغوشده) با سرپرست منطقه یا ستاد است. وضعیت را «در حال انجام» بگذارید و از سرپرست بخواهید آن را ببندد.",
			"%s: only a district supervisor or HQ may mark an action item %s. Leave it in progress and ask the supervisor to close it.", where(i, c), st)
	case "meetings":
		del, _ := c.Fields["deleted"].(bool)
		if !del || cur == nil || cur.Deleted {
			return nil
		}
		creator, err := m.creatorOf(cur)
		if err != nil || creator == m.dev.Officer {
			return err
		}
		return forbiddenf(whereFa(i)+": نشستی را که کارشناس دیگری ثبت کرده است فقط سرپرست منطقه یا ستاد حذف می‌کند. از سرپرست بخواهید.",
			"%s: this meeting was recorded by another officer (%s); only a district supervisor or HQ may delete it. Ask the supervisor.", where(i, c), creator)
	}
	return nil
}

// creatorOf is the officer whose accepted change first wrote the record: in
// the audit log, or among this batch's changes; a record with no audit row
// (loaded at HQ) is its created_by.
func (m *merger) creatorOf(rec *Record) (string, error) {
	rows, err := m.tx.AuditFor(rec.Entity, rec.ID)
	if err != nil {
		return "", err
	}
	for _, a := range append(rows, m.audits...) {
		if a.Entity == rec.Entity && a.RecordID == rec.ID {
			return a.Officer, nil
		}
	}
	by, _ := rec.Fields["created_by"].(string)
	return by, nil
}
