package hq

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// fastAgrees fails the test when the fast decoder accepts body and
// encoding/json (as DecodePush used it) refuses it or decodes it otherwise.
func fastAgrees(t *testing.T, body []byte) (fast bool) {
	t.Helper()
	if !utf8.Valid(body) {
		return false
	}
	got, ok := decodePushFast(body)
	if !ok {
		return false
	}
	var want msync.PushRequest
	if err := decodeStrict(body, pushShape, &want); err != nil {
		t.Fatalf("fast decoder accepts what encoding/json refuses (%v): %q", err, body)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fast decoder gives %#v, encoding/json %#v, for %q", got, want, body)
	}
	return true
}

// A push decodes to exactly what encoding/json makes of it, on the fast
// path or not; and what clients send takes the fast path.
func TestFastDecodeAgreesWithEncodingJSON(t *testing.T) {
	m := newMeeting(14, "جلسه «محله» & <پارک>\n\t\"quoted\" \\ /", "1764230000000-00000-aaaa")
	m.Fields["minutes"] = "line1\r\nline2 \u2028 \x01 🌳"
	m.Base = map[string]string{"title": "1764220000000-00002-aaaa", "minutes": ""}
	good, _ := json.Marshal(msync.PushRequest{BatchID: "b1", Changes: []data.Change{m, newMeeting(3, "x", "1764230000000-00001-aaaa")}})
	if !fastAgrees(t, good) {
		t.Fatalf("a body as clients send it missed the fast path: %s", good)
	}
	bodies := []string{
		`{}`, `{"changes":[]}`, ` {"batch_id":"x" , "changes" : [ {} ] } `, `{"changes":[{"fields":{}}]}`,
		`{"changes":[{"district":-0,"fields":{"a":1.5e3,"b":-0.25,"c":true,"d":false,"e":null,"f":"\u00e9\/"}}]}`,
		`{"changes":null}`, `{"batch_id":null}`, `{"changes":[null]}`, `{"changes":[{"fields":null}]}`,
		`{"changes":[{"base":{"a":null}}]}`, `{"Batch_ID":"x"}`, `{"batch_id":"a","batch_id":"b"}`,
		`{"changes":[{"id":"a","id":"b"}]}`, `{"changes":[{"fields":{"a":1,"a":2}}]}`, `{"changes":[{"seq":1}]}`,
		`{"changes":[{"district":1.0}]}`, `{"changes":[{"district":1e2}]}`, `{"changes":[{"district":"1"}]}`,
		`{"changes":[{"district":99999999999999999999}]}`, `{"changes":[{"fields":{"a":01}}]}`,
		`{"changes":[{"fields":{"a":[1]}}]}`, `{"changes":[{"fields":{"a":{}}}]}`, `{"batch_id":"\ud83c\udf33"}`,
		`{"batch_id":"\ud800"}`, `{"batch_id":"\x"}`, `{"batch_id":"a` + "\x01" + `"}`, `{} {}`, `{}x`, `[]`,
		`{"changes":[{"fields":{"a":tru}}]}`, `{"changes":[{"fields":{"a":truex}}]}`, `{"changes":[{},]}`,
		`{"batch_id":"x",}`, `{"changes":[{"fields":{"a":-}}]}`, `{"changes":[{"fields":{"a":1.}}]}`,
		`{"changes":[{"fields":{"a":1e}}]}`, `{"batch_id":"\u00"}`, "",
		`{"changes":[{"fields":{"colour":"x","seats":9007199254740993}}]}`, `{"changes":[{"fields":{"Colour":"x"}}]}`,
		`{"changes":[{"fields":{"a":"\ud800"}}]}`, `{"changes":[{"base":{"a":"1","a":"2"}}]}`, `{"changes":[{"base":{"_a":"1"}}]}`,
	}
	for _, b := range bodies {
		fastAgrees(t, []byte(b))
	}
}

// FuzzFastDecode: whatever the fast decoder accepts, encoding/json decodes
// to the same request.
func FuzzFastDecode(f *testing.F) {
	good, _ := json.Marshal(msync.PushRequest{BatchID: "b", Changes: []data.Change{newMeeting(14, "t <&>", "1764230000000-00000-aaaa")}})
	f.Add(good)
	f.Add([]byte(`{"changes":[{"district":-0,"fields":{"a":1.5e3,"e":null,"f":"\u00e9\/"},"base":{"a":""}}]}`))
	f.Add([]byte(strings.ReplaceAll(string(good), ",", " , ")))
	for _, b := range strictRefused(goodBody(f)) { // what the strict path refuses, the fast one must too
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) { fastAgrees(t, body) })
}
