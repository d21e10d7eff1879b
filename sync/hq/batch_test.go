package hq

import (
	"fmt"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// A push applies its batch in one go, reading and writing per batch rather
// than per change; what HQ holds afterwards must be what pushing the same
// changes one by one gives: later changes see earlier ones of the same
// batch (a record created then edited, a conflict whose losing version was
// written earlier in the batch), duplicates count once, the audit log is
// the same.
func TestBatchEqualsOneByOne(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			var states [2]string
			var totals [2]msync.PushResponse
			for mode := range 2 {
				env := &hqEnv{t: t, store: s.open(t)}
				env.srv = httptest.NewServer(NewServer(env.store, nil))
				t.Cleanup(func() { env.srv.Close(); env.store.Close() })
				a := env.enrol(14, msync.RoleOfficer, "Ali")
				b := env.enrol(14, msync.RoleOfficer, "Sara")
				hq := env.enrol(0, msync.RoleHQ, "HQ")
				changes := batchScript(env, a.Token)
				if mode == 0 {
					for _, c := range changes {
						add(&totals[mode], env.mustPush(b.Token, c))
					}
				} else {
					add(&totals[mode], env.mustPush(b.Token, changes...))
				}
				pulled, _ := env.pullAll(hq.Token, 1000)
				states[mode] = describe(env, pulled)
			}
			if !reflect.DeepEqual(totals[0], totals[1]) {
				t.Errorf("one by one: %+v; one batch: %+v", totals[0], totals[1])
			}
			if states[0] != states[1] {
				t.Errorf("one by one HQ holds\n%s\none batch\n%s", states[0], states[1])
			}
			if totals[1].Conflicts != 1 || totals[1].Duplicates != 1 {
				t.Errorf("the script should make 1 conflict and 1 duplicate: %+v", totals[1])
			}
			if !strings.Contains(states[1], "lost=first minutes by=Sara") {
				t.Errorf("the conflict should name Sara as the author of the lost minutes:\n%s", states[1])
			}
		})
	}
}

// batchScript pushes a meeting as Ali and returns Sara's changes: a new
// meeting created, edited and deleted; two edits of Ali's minutes, the
// second based on the version before the first (a conflict whose losing
// version is Sara's own, earlier in the batch); a losing edit; a duplicate.
func batchScript(env *hqEnv, aliToken string) []data.Change {
	t0 := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) // the same in both runs
	at := data.FormatTime(t0)
	m := newMeeting(14, "Park meeting", clockAt(t0, 0, "aaaa"))
	n := newMeeting(14, "Sara's meeting", clockAt(t0, 10, "bbbb"))
	m.ChangeID, m.ID, n.ChangeID, n.ID = fixedID(1), fixedID(2), fixedID(3), fixedID(4)
	for _, c := range []data.Change{m, n} {
		c.Fields["created_at"], c.Fields["updated_at"] = at, at
	}
	env.mustPush(aliToken, m)
	c0 := map[string]string{"minutes": m.Clock}
	out := []data.Change{n,
		edit(n, clockAt(t0, 11, "bbbb"), "Sara", data.Record{"title": "Sara's meeting (revised)"}, nil),
		edit(m, clockAt(t0, 30, "bbbb"), "Sara", data.Record{"minutes": "first minutes"}, c0),
		edit(m, clockAt(t0, 40, "bbbb"), "Sara", data.Record{"minutes": "second minutes"}, c0),
		edit(m, clockAt(t0.Add(-time.Minute), 0, "bbbb"), "Sara", data.Record{"kind": "elders"}, nil),
		edit(n, clockAt(t0, 50, "bbbb"), "Sara", data.Record{"deleted": true}, nil),
		n,
	}
	for i := 1; i < len(out)-1; i++ {
		out[i].ChangeID = fixedID(10 + i)
	}
	return out
}

func fixedID(i int) string { return fmt.Sprintf("0196c0de-0000-7000-8000-%012d", i) }

func add(sum *msync.PushResponse, r msync.PushResponse) {
	sum.Applied += r.Applied
	sum.Duplicates += r.Duplicates
	sum.Conflicts += r.Conflicts
}

// describe lists what HQ holds, leaving out what differs by nature between
// two runs (conflict record ids and HQ's clocks and times on them).
func describe(env *hqEnv, pulled []data.RemoteChange) string {
	var lines []string
	for _, rc := range pulled {
		if rc.Entity == "conflicts" {
			f := rc.Fields
			lines = append(lines, fmt.Sprintf("conflict %v %v %v kept=%v lost=%v by=%v at=%v", f["entity"], f["record_id"],
				f["field"], f["kept_value"], f["lost_value"], f["lost_by"], f["lost_clock"]))
			continue
		}
		if rc.Entity == "departments" {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s %s %d %v %v", rc.Entity, rc.ID, rc.District, rc.Fields, rc.Clocks))
		for _, a := range auditOf(env, rc.Entity, rc.ID) {
			lines = append(lines, fmt.Sprintf("  audit %s %s %v %s", a.Officer, a.Entity, a.Fields, a.Clock))
		}
	}
	sort.Strings(lines)
	return fmt.Sprint(lines)
}

func auditOf(env *hqEnv, entity, id string) []Audit {
	var rows []Audit
	err := env.store.View(env.t.Context(), func(tx Tx) error {
		var err error
		rows, err = tx.AuditFor(entity, id)
		return err
	})
	if err != nil || len(rows) == 0 {
		env.t.Fatalf("audit of %s %s: %v (%d rows)", entity, id, err, len(rows))
	}
	return rows
}
