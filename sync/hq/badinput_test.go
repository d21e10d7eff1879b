package hq

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Every kind of bad push is a 4xx with a message in both languages, and
// nothing is stored.
func TestBadPushStoresNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		good := func() data.Change { return newMeeting(14, "ok", clockAt(time.Now(), 0, "aaaa")) }
		with := func(f func(c *data.Change)) []byte {
			c := good()
			f(&c)
			b, _ := json.Marshal(msync.PushRequest{BatchID: "b", Changes: []data.Change{good(), c}})
			return b
		}
		goodJSON := string(with(func(*data.Change) {}))
		var many []data.Change
		for i := 0; i <= msync.MaxBatch; i++ {
			many = append(many, newMeeting(14, "m", clockAt(time.Now(), int64(i), "aaaa")))
		}
		manyJSON, _ := json.Marshal(msync.PushRequest{Changes: many})
		const refusedAt1 = 0 // the second change of the batch is refused, the first stored
		cases := []struct {
			name   string
			body   []byte
			status int
			inMsg  string
		}{
			{"malformed JSON", []byte(`{"batch_id": "b", "changes": [`), 400, "not valid JSON"},
			{"not an object", []byte(`[1,2,3]`), 400, "not valid JSON"},
			{"wrong type of district", []byte(strings.Replace(goodJSON, `"district":14,"clock"`, `"district":"14","clock"`, 1)), 400, "district"},
			{"wrong type of a field", with(func(c *data.Change) { c.Fields["title"] = 42 }), refusedAt1, "title"},
			{"unknown top-level field", []byte(strings.Replace(goodJSON, `"batch_id"`, `"role":"hq","batch_id"`, 1)), 400, "unknown field"},
			// a field of a later version is kept (forward_test.go); a name no version can have, or a value no field can hold, is not
			{"malformed record field name", with(func(c *data.Change) { c.Fields["Role_Override"] = "hq" }), 400, "Role_Override"},
			{"unknown record field of a list", with(func(c *data.Change) { c.Fields["tags"] = []string{"a"} }), 400, "tags"},
			{"trailing data", []byte(goodJSON + `{}`), 400, "after its JSON"},
			{"invalid UTF-8", []byte(strings.Replace(goodJSON, `"ok"`, "\"o\xffk\"", 1)), 400, "UTF-8"},
			{"invalid record id", with(func(c *data.Change) { c.ID = "1; DROP TABLE records" }), refusedAt1, "UUID"},
			{"invalid change id", with(func(c *data.Change) { c.ChangeID = "x" }), refusedAt1, "change_id"},
			{"upper-case UUID", with(func(c *data.Change) { c.ID = strings.ToUpper(c.ID) }), refusedAt1, "UUID"},
			{"invalid reference", with(func(c *data.Change) { c.Fields["neighbourhood_id"] = "nope" }), refusedAt1, "neighbourhood_id"},
			{"date out of range", with(func(c *data.Change) { c.Fields["starts_at"] = "2200-01-01T00:00:00.000Z" }), refusedAt1, "starts_at"},
			{"date before 1990", with(func(c *data.Change) { c.Fields["starts_at"] = "1970-01-01T00:00:00Z" }), refusedAt1, "starts_at"},
			{"not a date", with(func(c *data.Change) { c.Fields["starts_at"] = "yesterday" }), refusedAt1, "starts_at"},
			{"malformed clock", with(func(c *data.Change) { c.Clock = "12:00" }), refusedAt1, "clock"},
			{"clock far in the future", with(func(c *data.Change) { c.Clock = clockAt(time.Now().Add(48*time.Hour), 0, "aaaa") }), refusedAt1, "ahead"},
			{"malformed base clock", with(func(c *data.Change) { c.Base = map[string]string{"title": "zzz"} }), refusedAt1, "base"},
			{"unknown entity", with(func(c *data.Change) { c.Entity = "devices" }), refusedAt1, "entity"},
			{"district out of range", with(func(c *data.Change) { c.District = 99; c.Fields["district"] = 99 }), refusedAt1, "district"},
			{"district field differs", with(func(c *data.Change) { c.Fields["district"] = 3 }), refusedAt1, "district"},
			{"enum value", with(func(c *data.Change) { c.Fields["kind"] = "party" }), refusedAt1, "kind"},
			{"text too long", with(func(c *data.Change) { c.Fields["title"] = strings.Repeat("ب", 501) }), refusedAt1, "longer"},
			{"incomplete new record", with(func(c *data.Change) { delete(c.Fields, "title") }), refusedAt1, "title"},
			{"no fields", with(func(c *data.Change) { c.Fields = nil }), refusedAt1, "no fields"},
			{"NUL in text", with(func(c *data.Change) { c.Fields["title"] = "a\x00b" }), refusedAt1, "UTF-8"},
			{"oversize batch", manyJSON, 413, "at most"},
			{"oversize body", append([]byte(`{"batch_id":"`), bytes.Repeat([]byte("x"), msync.MaxBodyBytes+10)...), 413, "bytes"},
		}
		recs0, audit0 := env.counts()
		for _, c := range cases {
			r := env.raw(http.MethodPost, "/v1/push", dev.Token, c.body)
			if c.status == refusedAt1 {
				// An invalid change is refused alone, by name; the good
				// change before it is stored.
				var res msync.PushResponse
				json.Unmarshal(r.body, &res)
				if r.status != http.StatusOK || res.Applied != 1 || len(res.Refused) != 1 || res.Refused[0].Index != 1 ||
					res.Refused[0].Code == "" || !strings.Contains(res.Refused[0].Message, c.inMsg) || res.Refused[0].MessageFa == "" {
					t.Errorf("%s: %d %.300s; want 200 refusing change 1 mentioning %q", c.name, r.status, r.body, c.inMsg)
				}
				recs0, audit0 = recs0+1, audit0+1
			} else if eb := r.errBody(); r.status != c.status || !strings.Contains(eb.Error.Message, c.inMsg) || eb.Error.MessageFa == "" {
				t.Errorf("%s: %d %.300s; want %d mentioning %q", c.name, r.status, r.body, c.status, c.inMsg)
			}
			if recs, audit := env.counts(); recs != recs0 || audit != audit0 {
				t.Fatalf("%s stored something beyond the good change (records %d, want %d)", c.name, recs, recs0)
			}
		}
		// The refusal names the change: its index and id.
		r := env.raw(http.MethodPost, "/v1/push", dev.Token, with(func(c *data.Change) { c.Fields["kind"] = "party"; c.ID = "0193f000-0000-7000-8000-0000000000aa" }))
		var res msync.PushResponse
		json.Unmarshal(r.body, &res)
		if len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Message, "change 1 (meetings 0193f000-0000-7000-8000-0000000000aa)") {
			t.Errorf("the refusal does not name the change: %s", r.body)
		}
	})
}

func TestGzipBothWaysAndBombs(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		body, _ := json.Marshal(msync.PushRequest{BatchID: "b", Changes: []data.Change{newMeeting(14, "zipped", clockAt(time.Now(), 0, "aaaa"))}})
		r := env.raw(http.MethodPost, "/v1/push", dev.Token, gz(body), "Content-Encoding", "gzip")
		if r.status != http.StatusOK {
			t.Fatalf("gzip push: %d %s", r.status, r.body)
		}
		// A response is compressed when asked for (the transport would
		// decompress silently, so ask by hand).
		req, _ := http.NewRequest(http.MethodGet, env.srv.URL+"/v1/pull", nil)
		req.Header.Set("Authorization", "Bearer "+dev.Token)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := env.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("pull answer not gzipped: %v", resp.Header)
		}
		recs0, audit0 := env.counts()
		// 100 MB of zeros inside a valid JSON string compresses to ~100 KB.
		var bomb bytes.Buffer
		zw := gzip.NewWriter(&bomb)
		zw.Write([]byte(`{"batch_id":"`))
		zeros := make([]byte, 1<<20)
		for i := range zeros {
			zeros[i] = '0'
		}
		for i := 0; i < 100; i++ {
			zw.Write(zeros)
		}
		zw.Write([]byte(`","changes":[]}`))
		zw.Close()
		r = env.raw(http.MethodPost, "/v1/push", dev.Token, bomb.Bytes(), "Content-Encoding", "gzip")
		if r.status != http.StatusRequestEntityTooLarge || r.errCode() != "too_large" {
			t.Fatalf("gzip bomb: %d %s", r.status, r.body)
		}
		r = env.raw(http.MethodPost, "/v1/push", dev.Token, []byte("not gzip at all"), "Content-Encoding", "gzip")
		if r.status != http.StatusBadRequest {
			t.Fatalf("damaged gzip: %d %s", r.status, r.body)
		}
		if recs, audit := env.counts(); recs != recs0 || audit != audit0 {
			t.Fatal("bad gzip bodies stored something")
		}
	})
}

// SQL in a text field is text: stored verbatim, never executed.
func TestSQLLookingTextRoundTrips(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		evil := []string{"'); DROP TABLE records;--", `" OR 1=1 --`, "Robert'); DELETE FROM devices; --", "$1 ? %s \\' ;"}
		ids := map[string]string{}
		for i, title := range evil {
			m := newMeeting(14, title, clockAt(time.Now(), int64(i), "aaaa"))
			m.Fields["place"] = title
			ids[m.ID] = title
			env.mustPush(dev.Token, m)
		}
		pulled, _ := env.pullAll(env.enrol(14, msync.RoleOfficer, "Sara").Token, 1000) // the pusher gets none of its own back
		found := 0
		for _, rc := range pulled {
			if want, ok := ids[rc.ID]; ok {
				if rc.Fields["title"] != want || rc.Fields["place"] != want {
					t.Fatalf("title came back as %q, want %q", rc.Fields["title"], want)
				}
				found++
			}
		}
		if found != len(evil) {
			t.Fatalf("found %d of %d records", found, len(evil))
		}
		if devs, _ := Devices(t.Context(), env.store); len(devs) != 2 {
			t.Fatalf("devices: %d", len(devs))
		}
	})
}

func TestBadEnrolAndRoutes(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		for _, c := range []struct {
			name, body string
			status     int
		}{
			{"malformed", `{"code":`, 400},
			{"unknown field", `{"code":"AAAA-BBBB-CCCC","device_name":"x","role":"hq"}`, 400},
			{"wrong type", `{"code":1234,"device_name":"x"}`, 400},
			{"empty code", `{"code":"","device_name":"x"}`, 400},
			{"invalid UTF-8", "{\"code\":\"\xff\",\"device_name\":\"x\"}", 400},
			{"long name", fmt.Sprintf(`{"code":"AAAA","device_name":%q}`, strings.Repeat("n", 300)), 400},
		} {
			r := env.raw(http.MethodPost, "/v1/enrol", "", []byte(c.body))
			if r.status != c.status || r.errBody().Error.MessageFa == "" {
				t.Errorf("enrol %s: %d %s", c.name, r.status, r.body)
			}
		}
		if devs, _ := Devices(t.Context(), env.store); len(devs) != 0 {
			t.Fatal("a bad enrolment created a device")
		}
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		for _, c := range []struct {
			method, path string
			status       int
		}{
			{http.MethodGet, "/v1/pull?cursor=-1", 400}, {http.MethodGet, "/v1/pull?cursor=abc", 400},
			{http.MethodGet, "/v1/pull?limit=0", 400}, {http.MethodGet, "/v1/pull?limit=100000", 400},
			{http.MethodGet, "/v1/push", 405}, {http.MethodDelete, "/v1/blobs/" + strings.Repeat("a", 64), 405},
			{http.MethodGet, "/v1/blobs/XYZ", 400}, {http.MethodGet, "/v2/pull", 404},
		} {
			if r := env.raw(c.method, c.path, dev.Token, nil); r.status != c.status || r.errBody().Error.Code == "" {
				t.Errorf("%s %s: %d %s, want %d", c.method, c.path, r.status, r.body, c.status)
			}
		}
	})
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
