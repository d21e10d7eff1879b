package hq

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// A district-3 device can neither read nor write district 14's data, on any endpoint.
func TestDistrictScopeOnEveryEndpoint(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		d14 := env.enrol(14, msync.RoleOfficer, "Ali")
		d3 := env.enrol(3, msync.RoleOfficer, "Reza")
		m14 := newMeeting(14, "district 14 only", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(d14.Token, m14)
		content := []byte("signed attendance sheet")
		sum := sha256.Sum256(content)
		sha := hex.EncodeToString(sum[:])
		env.mustPush(d14.Token, attachment(m14, sha, len(content)))
		if r := env.raw(http.MethodPut, "/v1/blobs/"+sha+"?offset=0&size=23", d14.Token, content); r.status != http.StatusOK {
			t.Fatalf("upload by district 14: %d %s", r.status, r.body)
		}
		recs0, audit0 := env.counts()
		refused := func(what string, r reply, status int) {
			t.Helper()
			if r.status != status {
				t.Fatalf("%s: %d %s, want %d", what, r.status, r.body, status)
			}
			if eb := r.errBody(); eb.Error.Message == "" || eb.Error.MessageFa == "" {
				t.Fatalf("%s: error body without messages: %s", what, r.body)
			}
			if recs, audit := env.counts(); recs != recs0 || audit != audit0 {
				t.Fatalf("%s stored something: records %d→%d, audit %d→%d", what, recs0, recs, audit0, audit)
			}
		}
		env.refusedPush("push a district-14 record", d3.Token, 0, msync.RefusedForbidden, newMeeting(14, "intruder", clockAt(time.Now(), 1, "cccc")))
		hijack := edit(m14, clockAt(time.Now(), 2, "cccc"), "Reza", data.Record{"title": "hijacked"}, nil)
		hijack.District = 3
		env.refusedPush("push district 3 with a district-14 id", d3.Token, 1, msync.RefusedForbidden, newMeeting(3, "fine", clockAt(time.Now(), 3, "cccc")), hijack)
		recs0, audit0 = recs0+1, audit0+1 // the fine meeting of district 3 went in
		if env.record("meetings", m14.ID).Fields["title"] != "district 14 only" {
			t.Fatal("district 14's record was changed")
		}
		pulled, _ := env.pullAll(d3.Token, 1000)
		for _, rc := range pulled {
			if rc.District == 14 || strings.Contains(string(mustJSON(rc)), "district 14 only") {
				t.Fatalf("district 3 pulled %s %s of district %d", rc.Entity, rc.ID, rc.District)
			}
		}
		// Another district's blob is absent to the device: a 404 tells it
		// nothing about what HQ holds.
		refused("read district 14's blob", env.raw(http.MethodGet, "/v1/blobs/"+sha, d3.Token, nil), http.StatusNotFound)
		if r := env.raw(http.MethodHead, "/v1/blobs/"+sha, d3.Token, nil); r.status != http.StatusNotFound {
			t.Fatalf("HEAD of district 14's blob: %d", r.status)
		}
		refused("upload to district 14's blob", env.raw(http.MethodPut, "/v1/blobs/"+sha+"?offset=0&size=23", d3.Token, content), http.StatusForbidden)
		if r := env.raw(http.MethodGet, "/v1/blobs/"+sha, d14.Token, nil); r.status != http.StatusOK || string(r.body) != string(content) {
			t.Fatalf("district 14 reading its own blob: %d %q", r.status, r.body)
		}
	})
}

// An officer cannot raise their own role or reach HQ's data: reference
// entities are HQ's, conflicts are made by HQ, and no endpoint changes a device.
func TestOfficerCannotRaiseRole(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		off := env.enrol(14, msync.RoleOfficer, "Ali")
		hq := env.enrol(0, msync.RoleHQ, "HQ")
		recs0, audit0 := env.counts()
		dept := data.Change{ChangeID: uuid.NewString(), Entity: "departments", ID: "0193f000-0000-7000-8000-000000000001",
			District: 0, Clock: clockAt(time.Now(), 0, "aaaa"), Author: "Ali", Fields: data.Record{"name_en": "Mine now"}}
		for what, c := range map[string]data.Change{
			"edit a department (district 0)":   dept,
			"edit a department as district 14": func() data.Change { c := dept; c.District = 14; c.ChangeID = uuid.NewString(); return c }(),
			"create a conflict record": {ChangeID: uuid.NewString(), Entity: "conflicts", ID: uuid.NewString(), District: 14,
				Clock: clockAt(time.Now(), 1, "aaaa"), Fields: data.Record{"entity": "meetings", "record_id": uuid.NewString(),
					"field": "minutes", "state": "open", "district": 14, "created_at": "2025-01-01T00:00:00.000Z", "updated_at": "2025-01-01T00:00:00.000Z"}},
		} {
			env.refusedPush(what, off.Token, 0, msync.RefusedForbidden, c)
		}
		for _, c := range []struct{ entity string }{{"devices"}, {"enrol_codes"}, {"districts"}} {
			ch := newMeeting(14, "x", clockAt(time.Now(), 2, "aaaa"))
			ch.Entity = c.entity
			env.refusedPush("push to "+c.entity, off.Token, 0, msync.RefusedInvalid, ch)
		}
		if r := env.call(http.MethodPost, "/v1/devices", off.Token, map[string]any{"role": "hq"}); r.status != http.StatusNotFound {
			t.Errorf("an endpoint to change devices exists: %d", r.status)
		}
		if recs, audit := env.counts(); recs != recs0 || audit != audit0 {
			t.Fatalf("refused pushes stored something")
		}
		var st msync.StatusResponse
		env.mustJSON(http.MethodGet, "/v1/status", off.Token, nil, &st)
		if st.Role != msync.RoleOfficer || st.District != 14 {
			t.Fatalf("role after the attempts: %+v", st)
		}
		// HQ may change reference data, and it flows down to district 14.
		env.mustPush(hq.Token, dept)
		pulled, _ := env.pullAll(off.Token, 1000)
		ok := false
		for _, rc := range pulled {
			ok = ok || (rc.ID == dept.ID && rc.Fields["name_en"] == "Mine now")
		}
		if !ok {
			t.Fatal("HQ's edit of a department did not flow down")
		}
	})
}

func TestTokensRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		other := env.enrol(14, msync.RoleOfficer, "Sara")
		endpoints := []struct{ method, path string }{
			{http.MethodGet, "/v1/status"}, {http.MethodPost, "/v1/push"}, {http.MethodGet, "/v1/pull"},
			{http.MethodGet, "/v1/blobs/" + strings.Repeat("a", 64)}, {http.MethodPut, "/v1/blobs/" + strings.Repeat("a", 64) + "?offset=0&size=1"},
		}
		bodyFor := func(method string) []byte {
			if method == http.MethodGet {
				return nil
			}
			return []byte(`{"batch_id":"b","changes":[]}`)
		}
		check := func(what, token, code string) {
			t.Helper()
			for _, ep := range endpoints {
				r := env.raw(ep.method, ep.path, token, bodyFor(ep.method))
				if r.status != http.StatusUnauthorized || (code != "" && r.errCode() != code) {
					t.Fatalf("%s on %s %s: %d %s", what, ep.method, ep.path, r.status, r.body)
				}
			}
		}
		check("missing token", "", "unauthorized")
		check("garbled token", "not a token!", "unauthorized")
		check("unknown token", strings.Repeat("A", 43), "unauthorized")
		check("truncated token", dev.Token[:20], "unauthorized")
		if err := Revoke(context.Background(), env.store, dev.DeviceID); err != nil {
			t.Fatal(err)
		}
		check("revoked token", dev.Token, "revoked")
		r := env.raw(http.MethodGet, "/v1/status", dev.Token, nil)
		if eb := r.errBody(); !strings.Contains(eb.Error.Message, "revoked by HQ") || !strings.Contains(eb.Error.MessageFa, "لغو") {
			t.Fatalf("revoked message: %s", r.body)
		}
		// Another device is unaffected.
		var st msync.StatusResponse
		env.mustJSON(http.MethodGet, "/v1/status", other.Token, nil, &st)
		if err := Revoke(context.Background(), env.store, uuid.NewString()); err == nil {
			t.Fatal("revoking an unknown device succeeded")
		}
	})
}

func attachment(m data.Change, sha string, size int) data.Change {
	at := data.FormatTime(time.Now())
	return data.Change{ChangeID: uuid.NewString(), Entity: "attachments", ID: uuid.Must(uuid.NewV7()).String(), District: m.District,
		Clock: clockAt(time.Now(), 50, "aaaa"), Fields: data.Record{"district": m.District, "created_at": at, "updated_at": at,
			"meeting_id": m.ID, "file_name": "sheet.jpg", "sha256": sha, "size": size, "mime": "image/jpeg"}}
}
