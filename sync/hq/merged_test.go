package hq

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
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
	token  string
	change data.Change
	status int
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
		link := func(token string, from data.Change, toEntity, toID string) (string, data.Change) {
			at := data.FormatTime(time.Now())
			return token, data.Change{ChangeID: uuid.NewString(), Entity: "links", ID: uuid.NewString(), District: from.District,
				Clock: later, Author: "x", Fields: data.Record{"district": from.District, "created_at": at, "updated_at": at,
					"from_entity": from.Entity, "from_id": from.ID, "to_entity": toEntity, "to_id": toID, "relation": "r"}}
		}
		refused := []refusedCase{
			{"required field emptied", d14.Token, edit(m14, later, "Zahra", data.Record{"title": ""}, nil), 400, "empties the required field title"},
			{"required ref emptied", d14.Token, edit(m14, later, "Zahra", data.Record{"kind": ""}, nil), 400, "kind"},
			{"record created deleted", d14.Token, deletedNew, 400, "created deleted"},
			{"concern of another district's meeting", d3.Token, newConcern(3, m14.ID, later), 403, "district 14"},
			{"same, by the hq role", hq.Token, newConcern(3, m14.ID, later), 403, "district 14"},
			{"concern of a missing meeting", d3.Token, newConcern(3, missing, later), 400, "HQ does not hold"},
			{"existing record pointed elsewhere", d14.Token, edit(m14, later, "Zahra", data.Record{"organiser_id": missing}, nil), 400, "organiser_id"},
			{"neighbourhood of a missing subdistrict", hq.Token, data.Change{ChangeID: uuid.NewString(), Entity: "neighbourhoods", ID: uuid.NewString(),
				District: 3, Clock: later, Fields: data.Record{"district": 3, "created_at": data.FormatTime(t0), "updated_at": data.FormatTime(t0),
					"name": "n", "subdistrict_id": missing}}, 400, "subdistrict_id"},
		}
		tok, l := link(d3.Token, m3, "meetings", m14.ID)
		refused = append(refused, refusedCase{"link to another district", tok, l, 403, "to_id"})
		tok, l = link(d3.Token, m3, "widgets", missing)
		refused = append(refused, refusedCase{"link to an unknown entity", tok, l, 400, "widgets"})

		recs0, audit0 := env.counts()
		for _, c := range refused {
			r := env.push(c.token, c.change)
			eb := r.errBody()
			if r.status != c.status || !strings.Contains(eb.Error.Message, c.inMsg) || eb.Error.MessageFa == "" {
				t.Errorf("%s: %d %.300s; want %d mentioning %q", c.name, r.status, r.body, c.status, c.inMsg)
			}
		}
		if recs, audit := env.counts(); recs != recs0 || audit != audit0 {
			t.Fatalf("refused pushes stored %d records, %d audit rows", recs-recs0, audit-audit0)
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
		_, l = link(d3.Token, m3, "meetings", m.ID)
		env.mustPush(d3.Token, m, newConcern(3, m.ID, later), newConcern(3, gone.ID, later), newConcern(3, nil, later), l)
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
		for _, v := range []any{json.Number("9223372036854775807"), 101, -1, json.Number("9007199254740993")} {
			r := env.push(dev.Token, project(v))
			if eb := r.errBody(); r.status != 400 || !strings.Contains(eb.Error.Message, "from 0 to 100") || eb.Error.MessageFa == "" {
				t.Errorf("progress %v: %d %s; want 400 naming the range", v, r.status, r.body)
			}
			// the same through encoding/json: the fast decoder leaves surrogate pairs to it
			body := mustJSON(msync.PushRequest{BatchID: "b", Changes: []data.Change{project(v)}})
			body = bytes.Replace(body, []byte(`"title":"پارک"`), []byte(`"title":"\ud83c\udf33"`), 1)
			if _, fast := decodePushFast(body); fast {
				t.Fatal("the body took the fast path")
			}
			if r := env.raw(http.MethodPost, "/v1/push", dev.Token, body); r.status != 400 || !strings.Contains(string(r.body), "from 0 to 100") {
				t.Errorf("progress %v, slow path: %d %s", v, r.status, r.body)
			}
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
