package hq

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// One refused change no longer stops the batch: HQ stores the others, names
// the refused ones (by change id, with a code and a reason in both
// languages) and stores nothing of them; the same change sent again is
// refused again (it was not remembered as applied).
func TestPushRefusesOnlyTheBadChanges(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		at := time.Now()
		good1 := newMeeting(14, "first", clockAt(at, 0, "aaaa"))
		other := newMeeting(3, "another district", clockAt(at, 1, "aaaa"))
		ref := data.Change{ChangeID: uuid.NewString(), Entity: "neighbourhoods", ID: "0193f000-0000-7000-8000-0000000000cc",
			District: 14, Clock: clockAt(at, 2, "aaaa"), Author: "Ali", Fields: data.Record{"name": "Demo neighbourhood", "district": 14}}
		good2 := newMeeting(14, "second", clockAt(at, 3, "aaaa"))
		bad := newMeeting(14, "bad kind", clockAt(at, 4, "aaaa"))
		bad.Fields["kind"] = "party"
		recs0, audit0 := env.counts()
		r := env.push(dev.Token, good1, other, ref, good2, bad)
		var res msync.PushResponse
		if err := json.Unmarshal(r.body, &res); err != nil || r.status != http.StatusOK {
			t.Fatalf("push: %d %s", r.status, r.body)
		}
		want := map[string]string{other.ChangeID: msync.RefusedForbidden, ref.ChangeID: msync.RefusedForbidden, bad.ChangeID: msync.RefusedInvalid}
		if res.Applied != 2 || len(res.Refused) != len(want) {
			t.Fatalf("answer %+v, want 2 applied and 3 refused", res)
		}
		for _, rf := range res.Refused {
			if want[rf.ChangeID] != rf.Code || rf.Message == "" || rf.MessageFa == "" {
				t.Errorf("refusal %+v, want code %q and both messages", rf, want[rf.ChangeID])
			}
		}
		if recs, audit := env.counts(); recs != recs0+2 || audit != audit0+2 {
			t.Fatalf("records %d→%d, audit %d→%d; want the two good changes only", recs0, recs, audit0, audit)
		}
		if env.record("meetings", good2.ID) == nil || env.record("meetings", other.ID) != nil || env.record("meetings", bad.ID) != nil {
			t.Fatal("HQ holds a refused change, or lacks a good one")
		}
		bad.Fields["kind"] = "party"
		env.refusedPush("the refused change sent again", dev.Token, 0, msync.RefusedInvalid, bad)
	})
}

// A record dated more than a day ahead (an import of a file with wrong
// dates) is refused with a message that says so: it does not blame the
// computer's clock, which is right. A clock that runs ahead is blamed.
func TestFutureRefusalSaysWhatIsAhead(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		later := time.Now().Add(72 * time.Hour)
		imported := newMeeting(14, "imported", clockAt(time.Now(), 0, "aaaa"))
		imported.Fields["updated_at"] = data.FormatTime(later)
		rf := env.refusedPush("a record dated ahead", dev.Token, 0, msync.RefusedFuture, imported)
		if strings.Contains(rf.Message, "Set this computer's date") || !strings.Contains(rf.Message, "updated_at") ||
			!strings.Contains(rf.Message, "not at fault") || strings.Contains(rf.MessageFa, "ساعت و تاریخ رایانه را درست کنید") {
			t.Errorf("message for a record dated ahead: %s / %s", rf.Message, rf.MessageFa)
		}
		fast := newMeeting(14, "fast clock", clockAt(later, 0, "aaaa"))
		rf = env.refusedPush("a clock ahead", dev.Token, 0, msync.RefusedFuture, fast)
		if !strings.Contains(rf.Message, "Set this computer's date and time right") {
			t.Errorf("message for a clock ahead: %s", rf.Message)
		}
	})
}

// A change refused on the record it would leave behind is not taken as
// seen: the same change again in the batch is refused again, not
// acknowledged as a duplicate (which would tell the device it was applied).
func TestARefusedChangeIsNoDuplicate(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		t0 := time.Now().Add(-time.Hour)
		m := newMeeting(14, "title", clockAt(t0, 0, "aaaa"))
		env.mustPush(dev.Token, m)
		bad := edit(m, clockAt(t0, 1, "aaaa"), "Ali", data.Record{"title": ""}, nil)
		empties := wantRefused{0, msync.RefusedInvalid, "empties the required field title"}
		twice := empties
		twice.index = 1
		env.pushRefusing("the same refused change twice", dev.Token, []data.Change{bad, bad}, nil, empties, twice)
	})
}
