package hq

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// strictRefused are push bodies PROTOCOL.md refuses that encoding/json
// alone took (issue 8, #7): each is refused by DecodePush, and the fast
// decoder gives up on each (it never accepts what the strict path refuses).
func strictRefused(good string) map[string]string {
	return map[string]string{
		"null body":                  `null`,
		"null changes":               `{"batch_id":"b","changes":null}`,
		"null change":                `{"changes":[null]}`,
		"key in another case":        strings.Replace(good, `"batch_id"`, `"Batch_ID"`, 1),
		"change key in another case": strings.Replace(good, `"entity"`, `"Entity"`, 1),
		"key with a folding letter":  strings.Replace(good, `"district":14,"clock"`, `"diſtrict":14,"clock"`, 1),
		"duplicate top-level key":    strings.Replace(good, `"batch_id":"b"`, `"batch_id":"a","batch_id":"b"`, 1),
		"duplicate change key":       strings.Replace(good, `"entity":"meetings"`, `"entity":"people","entity":"meetings"`, 1),
		"duplicate field":            strings.Replace(good, `"title":"t"`, `"title":"x","title":"t"`, 1),
		"field key in another case":  strings.Replace(good, `"title":"t"`, `"title":"t","Title":"x"`, 1),
		"lone high surrogate":        strings.Replace(good, `"title":"t"`, `"title":"a\ud800b"`, 1),
		"lone low surrogate":         strings.Replace(good, `"title":"t"`, `"title":"\udc00"`, 1),
		"high surrogate then other":  strings.Replace(good, `"title":"t"`, `"title":"\ud800\u0041"`, 1),
		"surrogate in a key":         strings.Replace(good, `"title":"t"`, `"title":"t","\ud800":"x"`, 1),
		"clock with a plus sign":     strings.Replace(good, `"clock":"1764230000000-`, `"clock":"+764230000000-`, 1),
		"counter with a plus sign":   strings.Replace(good, `-00000-aaaa"`, `-+0000-aaaa"`, 1),
		"null district":              strings.Replace(good, `"district":14,"clock"`, `"district":null,"clock"`, 1),
		"null text":                  strings.Replace(good, `"author":"officer"`, `"author":null`, 1),
	}
}

func goodBody(t testing.TB) string {
	m := newMeeting(14, "t", "1764230000000-00000-aaaa")
	m.Fields["district"] = 14
	b, err := json.Marshal(msync.PushRequest{BatchID: "b", Changes: []data.Change{m}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStrictDecodeRefuses(t *testing.T) {
	setNow(t, time.UnixMilli(1764230000000))
	good := goodBody(t)
	if _, err := DecodePush([]byte(good)); err != nil {
		t.Fatalf("the good body is refused: %v", err)
	}
	for name, body := range strictRefused(good) {
		if body == good {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if _, err := DecodePush([]byte(body)); err == nil {
			t.Errorf("%s: accepted %s", name, body)
		} else {
			checkRefusal(t, err)
		}
		if _, fast := decodePushFast([]byte(body)); fast && !strings.Contains(name, "plus") {
			t.Errorf("%s: the fast decoder accepts it", name)
		}
	}
	// A surrogate pair is a character, not a lone surrogate; base may be null.
	pair := strings.Replace(good, `"title":"t"`, `"title":"\ud83c\udf33 \\ud800"`, 1)
	pair = strings.Replace(pair, `"base":{}`, `"base":null`, 1)
	req, err := DecodePush([]byte(pair))
	if err != nil || req.Changes[0].Fields["title"] != `🌳 \ud800` {
		t.Errorf("a surrogate pair and an escaped backslash: %v %v", req, err)
	}
	for _, body := range []string{`null`, `{"code":"A","code":"B"}`, `{"Code":"ABCD"}`, `{"code":"\udfff"}`,
		`{"code":"A","nonce":"n0nce-0123456789ab","nonce":"other-0123456789ab"}`, `{"code":"A","Nonce":"n0nce-0123456789ab"}`, `{"code":"A","nonce":null}`} {
		if _, err := DecodeEnrol([]byte(body)); err == nil {
			t.Errorf("enrol accepted %s", body)
		}
	}
	if req, err := DecodeEnrol([]byte(`{"code":"A","device_name":"d","nonce":"n0nce-0123456789ab"}`)); err != nil || req.Nonce != "n0nce-0123456789ab" {
		t.Errorf("enrol with a nonce: %+v %v", req, err)
	}
}

// A body that does not say it is JSON is refused with 415, through the
// real server; application/json with a UTF-8 charset is accepted.
func TestContentTypeIsChecked(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		recs0, _ := env.counts()
		body := mustJSON(msync.PushRequest{BatchID: "b", Changes: []data.Change{newMeeting(14, "t", clockAt(time.Now(), 0, "aaaa"))}})
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/jsonx"} {
			r := env.raw(http.MethodPost, "/v1/push", dev.Token, body, "Content-Type", ct)
			if r.status != http.StatusUnsupportedMediaType || r.errBody().Error.MessageFa == "" || !strings.Contains(r.errBody().Error.Message, "application/json") {
				t.Errorf("Content-Type %q: %d %s; want 415 naming application/json", ct, r.status, r.body)
			}
			r = env.raw(http.MethodPost, "/v1/enrol", "", []byte(`{"code":"X"}`), "Content-Type", ct)
			if r.status != http.StatusUnsupportedMediaType {
				t.Errorf("enrol with Content-Type %q: %d", ct, r.status)
			}
		}
		if recs, _ := env.counts(); recs != recs0 {
			t.Fatalf("a refused push stored %d records", recs-recs0)
		}
		if r := env.raw(http.MethodPost, "/v1/push", dev.Token, body, "Content-Type", "Application/JSON; charset=UTF-8"); r.status != http.StatusOK {
			t.Errorf("application/json with charset: %d %s", r.status, r.body)
		}
	})
}
