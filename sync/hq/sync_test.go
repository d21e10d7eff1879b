package hq

import (
	"context"
	"net/http"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

func TestEnrolCodeWorksOnceAndExpires(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ctx := context.Background()
		code, err := NewEnrolCode(ctx, env.store, 14, "Zahra Ahmadi", msync.RoleOfficer)
		if err != nil {
			t.Fatal(err)
		}
		var resp msync.EnrolResponse
		// Typed in lower case with spaces: still the same code.
		env.mustJSON(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: " " + code[:4] + " " + code[5:], DeviceName: "laptop"}, &resp)
		if resp.District != 14 || resp.Role != msync.RoleOfficer || resp.Officer != "Zahra Ahmadi" || resp.Token == "" || resp.DeviceID == "" {
			t.Fatalf("enrolment answer %+v", resp)
		}
		var st msync.StatusResponse
		env.mustJSON(http.MethodGet, "/v1/status", resp.Token, nil, &st)
		if st.DeviceID != resp.DeviceID || st.District != 14 || st.Protocol != msync.Version {
			t.Fatalf("status %+v", st)
		}
		again := env.call(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: code, DeviceName: "second"})
		if again.status != http.StatusUnauthorized || again.errCode() != "bad_code" {
			t.Fatalf("second use of a code: %d %s", again.status, again.body)
		}
		wrong := env.call(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: "AAAA-BBBB-CCCC", DeviceName: "x"})
		if wrong.status != http.StatusUnauthorized || wrong.errBody().Error.MessageFa == "" {
			t.Fatalf("wrong code: %d %s", wrong.status, wrong.body)
		}

		old, err := NewEnrolCode(ctx, env.store, 3, "Reza", msync.RoleSupervisor)
		if err != nil {
			t.Fatal(err)
		}
		setNow(t, time.Now().Add(EnrolCodeLife+time.Minute))
		expired := env.call(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: old, DeviceName: "late"})
		if expired.status != http.StatusUnauthorized {
			t.Fatalf("code older than 7 days: %d %s", expired.status, expired.body)
		}
		devs, err := Devices(ctx, env.store)
		if err != nil || len(devs) != 1 {
			t.Fatalf("devices after one enrolment: %d %v", len(devs), err)
		}
	})
}

func TestNewEnrolCodeRefusesBadInput(t *testing.T) {
	st := stores[0].open(t)
	defer st.Close()
	ctx := context.Background()
	for _, c := range []struct {
		district      int
		officer, role string
	}{{0, "a", msync.RoleOfficer}, {23, "a", msync.RoleOfficer}, {-1, "a", msync.RoleSupervisor},
		{14, "a", msync.RoleHQ}, {14, "", msync.RoleOfficer}, {14, "a", "admin"}} {
		if _, err := NewEnrolCode(ctx, st, c.district, c.officer, c.role); err == nil {
			t.Errorf("NewEnrolCode(%d, %q, %q) accepted", c.district, c.officer, c.role)
		}
	}
	if _, err := NewEnrolCode(ctx, st, 0, "HQ analyst", msync.RoleHQ); err != nil {
		t.Errorf("hq role with district 0: %v", err)
	}
}

func TestPushIsIdempotent(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		base := time.Now()
		var batch []data.Change
		for i := 0; i < 6; i++ {
			batch = append(batch, newMeeting(14, "meeting", clockAt(base, int64(i), "dev1")))
		}
		recs0, audit0 := env.counts()
		if r := env.mustPush(dev.Token, batch...); r.Applied != 6 || r.Duplicates != 0 {
			t.Fatalf("first push: %+v", r)
		}
		recs1, audit1 := env.counts()
		if recs1-recs0 != 6 || audit1-audit0 != 6 {
			t.Fatalf("first push stored %d records, %d audit rows; want 6, 6", recs1-recs0, audit1-audit0)
		}
		if r := env.mustPush(dev.Token, batch...); r.Applied != 0 || r.Duplicates != 6 {
			t.Fatalf("same batch again: %+v", r)
		}
		if recs, audit := env.counts(); recs != recs1 || audit != audit1 {
			t.Fatalf("same batch again changed the store: %d→%d records, %d→%d audit", recs1, recs, audit1, audit)
		}
		// A batch cut off after its first half (the reply was lost), then resent whole.
		var second []data.Change
		for i := 0; i < 4; i++ {
			second = append(second, newMeeting(14, "later", clockAt(base, int64(10+i), "dev1")))
		}
		env.mustPush(dev.Token, second[:2]...)
		if r := env.mustPush(dev.Token, second...); r.Applied != 2 || r.Duplicates != 2 {
			t.Fatalf("resent cut-off batch: %+v", r)
		}
		// The same change twice in one batch counts once.
		dup := newMeeting(14, "twice", clockAt(base, 20, "dev1"))
		if r := env.mustPush(dev.Token, dup, dup); r.Applied != 1 || r.Duplicates != 1 {
			t.Fatalf("duplicate inside a batch: %+v", r)
		}
		if recs, _ := env.counts(); recs != recs1+5 {
			t.Fatalf("records: %d, want %d", recs, recs1+5)
		}
	})
}

func TestMergeFieldByField(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		a := env.enrol(14, msync.RoleOfficer, "Ali")
		b := env.enrol(14, msync.RoleSupervisor, "Sara")
		far := env.enrol(3, msync.RoleOfficer, "Reza")
		t0 := time.Now().Add(-time.Hour)
		m := newMeeting(14, "Park meeting", clockAt(t0, 0, "aaaa"))
		env.mustPush(a.Token, m)
		c0 := m.Clock
		base := func(names ...string) map[string]string {
			out := map[string]string{}
			for _, n := range names {
				out[n] = c0
			}
			return out
		}
		// Two devices edit different fields, both based on the first version: both kept.
		env.mustPush(a.Token, edit(m, clockAt(t0, 5, "aaaa"), "Ali", data.Record{"title": "Park meeting (revised)"}, base("title")))
		env.mustPush(b.Token, edit(m, clockAt(t0, 3, "bbbb"), "Sara", data.Record{"place": "Mosque hall"}, base("place")))
		rec := env.record("meetings", m.ID)
		if rec.Fields["title"] != "Park meeting (revised)" || rec.Fields["place"] != "Mosque hall" {
			t.Fatalf("different fields: %v", rec.Fields)
		}
		// Same non-text field: the later clock wins, whatever the order of arrival.
		env.mustPush(b.Token, edit(m, clockAt(t0, 9, "bbbb"), "Sara", data.Record{"kind": "elders"}, base("kind")))
		env.mustPush(a.Token, edit(m, clockAt(t0, 7, "aaaa"), "Ali", data.Record{"kind": "field_visit"}, base("kind")))
		if k := env.record("meetings", m.ID).Fields["kind"]; k != "elders" {
			t.Fatalf("kind = %v, want the later write (elders)", k)
		}
		// Same free-text field edited concurrently: the later wins, the other is a conflict record.
		env.mustPush(a.Token, edit(m, clockAt(t0, 20, "aaaa"), "Ali", data.Record{"minutes": "Ali's minutes"}, base("minutes")))
		r := env.mustPush(b.Token, edit(m, clockAt(t0, 30, "bbbb"), "Sara", data.Record{"minutes": "Sara's minutes"}, base("minutes")))
		if r.Conflicts != 1 {
			t.Fatalf("concurrent minutes: %+v, want 1 conflict", r)
		}
		if got := env.record("meetings", m.ID).Fields["minutes"]; got != "Sara's minutes" {
			t.Fatalf("minutes = %v", got)
		}
		pulled, _ := env.pullAll(a.Token, 100)
		var conflicts []data.RemoteChange
		for _, rc := range pulled {
			if rc.Entity == "conflicts" {
				conflicts = append(conflicts, rc)
			}
		}
		if len(conflicts) != 1 {
			t.Fatalf("pulled %d conflicts, want 1", len(conflicts))
		}
		cf := conflicts[0].Fields
		if cf["record_id"] != m.ID || cf["field"] != "minutes" || cf["kept_value"] != "Sara's minutes" ||
			cf["lost_value"] != "Ali's minutes" || cf["state"] != "open" || conflicts[0].District != 14 || cf["lost_by"] != "Ali" {
			t.Fatalf("conflict record: %v", cf)
		}
		// A device resolves it; it cannot rewrite what was recorded.
		cfChange := data.Change{Entity: "conflicts", ID: conflicts[0].ID, District: 14}
		env.mustPush(a.Token, edit(cfChange, clockAt(time.Now(), 0, "aaaa"), "Ali", data.Record{"state": "resolved", "resolution": "kept Sara's"}, nil))
		if st := env.record("conflicts", conflicts[0].ID).Fields["state"]; st != "resolved" {
			t.Fatalf("conflict state after resolution: %v", st)
		}
		env.refusedPush("rewriting a conflict's lost value", a.Token, 0, msync.RefusedForbidden,
			edit(cfChange, clockAt(time.Now(), 1, "aaaa"), "Ali", data.Record{"lost_value": "forged"}, nil))
		farPull, _ := env.pullAll(far.Token, 100)
		for _, rc := range farPull {
			if rc.District == 14 {
				t.Fatalf("district 3 pulled a district-14 record: %s %s", rc.Entity, rc.ID)
			}
		}
	})
}

func TestTombstonesSync(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		m := newMeeting(14, "to delete", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(dev.Token, m)
		env.mustPush(dev.Token, edit(m, clockAt(time.Now(), 1, "aaaa"), "Ali", data.Record{"deleted": true}, map[string]string{"deleted": m.Clock}))
		rec := env.record("meetings", m.ID)
		if !rec.Deleted {
			t.Fatal("tombstone not stored")
		}
		pulled, _ := env.pullAll(env.enrol(14, msync.RoleOfficer, "Sara").Token, 100)
		found := false
		for _, rc := range pulled {
			if rc.ID == m.ID {
				found = rc.Fields["deleted"] == true
			}
		}
		if !found {
			t.Fatal("the tombstone did not flow down in pull")
		}
		var buf bytesBuffer
		if err := Export(context.Background(), env.store, 14, &buf); err != nil {
			t.Fatal(err)
		}
		if contains(buf.String(), m.ID) {
			t.Fatal("export contains a deleted record")
		}
	})
}

func TestPullPaging(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		d14 := env.enrol(14, msync.RoleOfficer, "Ali")
		d3 := env.enrol(3, msync.RoleOfficer, "Reza")
		hq := env.enrol(0, msync.RoleHQ, "HQ")
		want14 := map[string]bool{}
		for i := 0; i < 25; i++ {
			m := newMeeting(14, "m", clockAt(time.Now(), int64(i), "aaaa"))
			want14[m.ID] = true
			env.mustPush(d14.Token, m)
			if i%5 == 0 {
				env.mustPush(d3.Token, newMeeting(3, "other", clockAt(time.Now(), int64(i), "cccc")))
			}
		}
		pulled, pages := env.pullAll(env.enrol(14, msync.RoleOfficer, "Sara").Token, 7)
		seen := map[string]bool{}
		departments := 0
		for _, rc := range pulled {
			if seen[rc.ID] {
				t.Fatalf("record %s pulled twice", rc.ID)
			}
			seen[rc.ID] = true
			switch {
			case rc.District == 3:
				t.Fatalf("district 14 pulled district 3's %s", rc.ID)
			case rc.Entity == "departments":
				departments++
			case !want14[rc.ID]:
				t.Fatalf("unexpected record %s %s", rc.Entity, rc.ID)
			}
		}
		if len(pulled) != 35 || departments != 10 || pages != 5 {
			t.Fatalf("pulled %d records (%d departments) in %d pages; want 35 (10) in 5", len(pulled), departments, pages)
		}
		// Nothing new: one round trip, empty page, cursor unchanged.
		var last msync.PullResponse
		env.mustJSON(http.MethodGet, "/v1/pull?cursor=1000000", d14.Token, nil, &last) // a cursor of the old, global form
		if len(last.Changes) != 0 || last.More || last.Cursor != "1000000" {
			t.Fatalf("pull past the end: %+v", last)
		}
		all, _ := env.pullAll(hq.Token, 1000)
		if len(all) != 40 {
			t.Fatalf("hq pulled %d records, want all 40", len(all))
		}
	})
}
