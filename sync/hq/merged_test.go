package hq

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/sqlitehq"
)

// newConcern is the change that creates a concern of a meeting.
func newConcern(district int, meetingID any, clock string) data.Change {
	at := data.FormatTime(time.Now())
	return data.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: "concerns", ID: uuid.Must(uuid.NewV7()).String(),
		District: district, Clock: clock, Author: "officer",
		Fields: data.Record{"district": district, "created_at": at, "updated_at": at, "deleted": false, "meeting_id": meetingID,
			"department_id": "0193f000-0000-7000-8000-000000000003", // HQ's built-in reference data, district 0
			"title":         "چراغ‌های پارک", "priority": "high", "status": "open"},
		Base: map[string]string{}}
}

type refusedCase struct {
	name   string
	dev    msync.EnrolResponse
	change data.Change
	code   string
	inMsg  string
}

// HQ checks the record a change leaves behind, and its references, as the
// app does (issue 8, #5); through the real server, on both stores.
func TestHQRefusesWhatTheAppRefuses(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		d14 := env.enrol(14, msync.RoleOfficer, "Zahra")
		d3 := env.enrol(3, msync.RoleOfficer, "Reza")
		hq := env.enrol(0, msync.RoleHQ, "HQ")
		t0 := time.Now().Add(-time.Hour)
		m14 := newMeeting(14, "جلسه ۱۴", clockAt(t0, 0, "aaaa"))
		m3 := newMeeting(3, "جلسه ۳", clockAt(t0, 0, "bbbb"))
		env.mustPush(d14.Token, m14)
		env.mustPush(d3.Token, m3)
		gone := newMeeting(3, "لغو شد", clockAt(t0, 1, "bbbb"))
		env.mustPush(d3.Token, gone, edit(gone, clockAt(t0, 2, "bbbb"), "Reza", data.Record{"deleted": true}, nil))

		later := clockAt(t0.Add(time.Minute), 0, "aaaa")
		missing := uuid.Must(uuid.NewV7()).String()
		deletedNew := newMeeting(14, "x", later)
		deletedNew.Fields["deleted"] = true
		link := func(from data.Change, toEntity, toID string) data.Change {
			at := data.FormatTime(time.Now())
			return data.Change{ChangeID: uuid.NewString(), Entity: "links", ID: uuid.NewString(), District: from.District,
				Clock: later, Author: "x", Fields: data.Record{"district": from.District, "created_at": at, "updated_at": at,
					"from_entity": from.Entity, "from_id": from.ID, "to_entity": toEntity, "to_id": toID, "relation": "r"}}
		}
		invalid, forbidden := msync.RefusedInvalid, msync.RefusedForbidden
		refused := []refusedCase{
			{"required field emptied", d14, edit(m14, later, "Zahra", data.Record{"title": ""}, nil), invalid, "empties the required field title"},
			{"required ref emptied", d14, edit(m14, later, "Zahra", data.Record{"kind": ""}, nil), invalid, "kind"},
			{"record created deleted", d14, deletedNew, invalid, "created deleted"},
			{"concern of another district's meeting", d3, newConcern(3, m14.ID, later), forbidden, "district 14"},
			{"same, by the hq role", hq, newConcern(3, m14.ID, later), forbidden, "district 14"},
			{"concern of a missing meeting", d3, newConcern(3, missing, later), invalid, "HQ does not hold"},
			{"existing record pointed elsewhere", d14, edit(m14, later, "Zahra", data.Record{"organiser_id": missing}, nil), invalid, "organiser_id"},
			{"neighbourhood of a missing subdistrict", hq, data.Change{ChangeID: uuid.NewString(), Entity: "neighbourhoods", ID: uuid.NewString(),
				District: 3, Clock: later, Fields: data.Record{"district": 3, "created_at": data.FormatTime(t0), "updated_at": data.FormatTime(t0),
					"name": "n", "subdistrict_id": missing}}, invalid, "subdistrict_id"},
			{"link to another district", d3, link(m3, "meetings", m14.ID), forbidden, "to_id"},
			{"link to an unknown entity", d3, link(m3, "widgets", missing), invalid, "widgets"},
		}
		for _, c := range refused {
			env.refusedAlone(c.name, c.dev, c.change, c.code, c.inMsg)
		}
		if got := env.record("meetings", m14.ID).Fields["title"]; got != "جلسه ۱۴" {
			t.Errorf("the meeting's title is now %q", got)
		}

		// Accepted: an empty title that loses to the stored one (it is never
		// stored), a concern of its own meeting made in the same batch, of a
		// meeting deleted meanwhile, and a link between records of one district.
		stale := edit(m14, clockAt(t0.Add(-time.Minute), 0, "zzzz"), "Zahra", data.Record{"title": ""}, nil)
		env.mustPush(d14.Token, stale)
		m := newMeeting(3, "تازه", later)
		env.mustPush(d3.Token, m, newConcern(3, m.ID, later), newConcern(3, gone.ID, later), newConcern(3, nil, later), link(m3, "meetings", m.ID))
		if got := env.record("meetings", m14.ID).Fields["title"]; got != "جلسه ۱۴" {
			t.Errorf("a losing empty title was stored: %q", got)
		}
		if r := env.push(d3.Token, edit(m3, later, "Reza", data.Record{"title": "نو", "neighbourhood_id": nil}, nil)); r.status != http.StatusOK {
			t.Errorf("a plain edit: %d %s", r.status, r.body)
		}
	})
}

// HQ refuses a whole number outside its field's range (the same rule the
// device applies, from the entity registry), naming the range; through the
// real server, whatever decoder path the body takes (issue 8, #2).
func TestHQRefusesOutOfRangeInts(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Zahra")
		project := func(progress any) data.Change {
			at := data.FormatTime(time.Now())
			return data.Change{ChangeID: uuid.NewString(), Entity: "projects", ID: uuid.NewString(), District: 14,
				Clock: clockAt(time.Now(), 0, "aaaa"), Fields: data.Record{"district": 14, "created_at": at, "updated_at": at,
					"title": "پارک", "status": "planned", "progress": progress}}
		}
		// the same through encoding/json: the fast decoder leaves surrogate pairs to it
		slow := func(body []byte) []byte {
			body = bytes.Replace(body, []byte(`"title":"پارک"`), []byte(`"title":"\ud83c\udf33"`), 1)
			if _, fast := decodePushFast(body); fast {
				t.Fatal("the body took the fast path")
			}
			return body
		}
		for _, v := range []any{json.Number("9223372036854775807"), 101, -1, json.Number("9007199254740993")} {
			env.refusedAlone(fmt.Sprintf("progress %v", v), dev, project(v), msync.RefusedInvalid, "must be a whole number from 0 to 100, not "+fmt.Sprint(v))
			good := newMeeting(14, "alongside", clockAt(time.Now(), 1, "aaaa"))
			env.pushRefusing(fmt.Sprintf("progress %v, slow path", v), dev.Token, []data.Change{good, project(v)}, slow,
				wantRefused{1, msync.RefusedInvalid, "from 0 to 100"})
		}
		env.mustPush(dev.Token, project(100))
	})
}

// A number HQ stored before its field had a range (9223372036854775807 as a
// project's progress) does not stop the district's pulls after the
// upgrade: HQ reads it into the range, and a device applies the page.
func TestNumberStoredBeforeTheRangesIsReadIntoRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hq.db")
	st, err := sqlitehq.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(NewServer(st, nil))
	defer srv.Close()
	env := &hqEnv{t: t, store: st, srv: srv}
	dev := env.enrol(14, msync.RoleOfficer, "Zahra")
	at := data.FormatTime(time.Now())
	p := data.Change{ChangeID: uuid.NewString(), Entity: "projects", ID: uuid.NewString(), District: 14,
		Clock: clockAt(time.Now(), 0, "aaaa"), Fields: data.Record{"district": 14, "created_at": at, "updated_at": at,
			"title": "پارک", "status": "planned", "progress": 50}}
	env.mustPush(dev.Token, p)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE records SET fields = replace(fields, '"progress":50', '"progress":9223372036854775807') WHERE id = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := env.pullAll(dev.Token, 1000)
	for _, rc := range got {
		if rc.ID == p.ID && rc.Fields["progress"] != json.Number("100") {
			t.Errorf("HQ sends progress %v (%T), want 100", rc.Fields["progress"], rc.Fields["progress"])
		}
	}
	device, err := data.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer device.Close()
	if _, err := device.ApplyPull(context.Background(), got, "1"); err != nil {
		t.Errorf("a device cannot apply the page: %v", err)
	}
}
