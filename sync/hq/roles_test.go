package hq

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

func newActionItem(m data.Change, status, clock string) data.Change {
	at := data.FormatTime(time.Now())
	return data.Change{ChangeID: uuid.NewString(), Entity: "action_items", ID: uuid.Must(uuid.NewV7()).String(), District: m.District,
		Clock: clock, Fields: data.Record{"district": m.District, "created_at": at, "updated_at": at, "deleted": false,
			"meeting_id": m.ID, "title": "fix the lights", "status": status}}
}

// TestSupervisorPermission: an officer may not close an action item (done,
// cancelled) nor delete a meeting another officer recorded; the district's
// supervisor and HQ may; an officer may still delete their own meeting and
// move an item along.
func TestSupervisorPermission(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ali := env.enrol(14, msync.RoleOfficer, "Ali")
		sara := env.enrol(14, msync.RoleOfficer, "Sara")
		sup := env.enrol(14, msync.RoleSupervisor, "Supervisor")
		hqDev := env.enrol(0, msync.RoleHQ, "HQ")
		base := time.Now()
		tick := int64(0)
		clock := func() string { tick++; return clockAt(base, tick, "aaaa") }
		mAli := newMeeting(14, "Ali's", clock())
		mAli2 := newMeeting(14, "Ali's second", clock())
		item := newActionItem(mAli, "open", clock())
		env.mustPush(ali.Token, mAli, mAli2, item)
		status := func(s string) data.Change {
			return edit(item, clock(), "x", data.Record{"status": s}, nil)
		}
		del := func(m data.Change) data.Change { return edit(m, clock(), "x", data.Record{"deleted": true}, nil) }
		const onlySupervisor = "only a district supervisor or HQ may"
		env.refusedAlone("officer closes an item", ali, status("done"), msync.RefusedForbidden, onlySupervisor+" mark an action item done")
		env.refusedAlone("officer cancels an item", sara, status("cancelled"), msync.RefusedForbidden, onlySupervisor+" mark an action item cancelled")
		env.refusedAlone("officer creates a closed item", ali, newActionItem(mAli, "done", clock()), msync.RefusedForbidden, onlySupervisor)
		env.refusedAlone("officer deletes another officer's meeting", sara, del(mAli), msync.RefusedForbidden, "recorded by another officer (Ali)")
		env.mustPush(ali.Token, status("in_progress"))
		env.mustPush(ali.Token, del(mAli2)) // their own
		env.mustPush(sup.Token, status("done"))
		env.mustPush(ali.Token, edit(item, clock(), "x", data.Record{"details": "done by the contractor", "status": "done"}, nil)) // already done: no closing
		env.mustPush(hqDev.Token, status("cancelled"))
		env.mustPush(sup.Token, del(mAli))
		if got := env.record("action_items", item.ID).Fields["status"]; got != "cancelled" {
			t.Fatalf("item status %v, want cancelled", got)
		}
		if !env.record("meetings", mAli.ID).Deleted || !env.record("meetings", mAli2.ID).Deleted {
			t.Fatal("meetings the supervisor and their officer deleted are not deleted")
		}
	})
}
