package hq

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// The decoders never panic, and whatever they accept is valid: every change
// has a known entity, canonical ids, a well-formed clock and fields that
// pass data.CheckSyncedFields; whatever they refuse is a 4xx with both messages.
func FuzzDecodePush(f *testing.F) {
	good, _ := json.Marshal(msync.PushRequest{BatchID: "b", Changes: []data.Change{newMeeting(14, "t", "1764230000000-00000-aaaa")}})
	f.Add(good)
	f.Add([]byte(`{"batch_id":"","changes":[]}`))
	f.Add([]byte(`{"changes":[{"change_id":"x","entity":"meetings","fields":{"title":1}}]}`))
	f.Add([]byte("{\"batch_id\":\"\xff\"}"))
	f.Add([]byte(`{"changes":null}{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodePush(body)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if !utf8.Valid(body) || len(req.Changes) > msync.MaxBatch {
			t.Fatal("accepted invalid UTF-8 or an oversize batch")
		}
		for _, c := range req.Changes {
			e := data.EntityByName(c.Entity)
			if e == nil || !isUUID(c.ID) || !isUUID(c.ChangeID) || !data.ValidClock(c.Clock) || len(c.Fields) == 0 {
				t.Fatalf("accepted a bad change %+v", c)
			}
			if _, err := data.CheckSyncedFields(e, c.Fields); err != nil { // fields of a later version are kept
				t.Fatalf("accepted fields that do not check: %v", err)
			}
		}
	})
}

func FuzzDecodeEnrol(f *testing.F) {
	f.Add([]byte(`{"code":"ABCD-EFGH-JKLM","device_name":"laptop"}`))
	f.Add([]byte(`{"code":""}`))
	f.Add([]byte(`{"code":"۱۲۳۴","device_name":"لپ‌تاپ"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodeEnrol(body)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if req.Code == "" || !utf8.ValidString(req.DeviceName) || utf8.RuneCountInString(req.DeviceName) > 200 {
			t.Fatalf("accepted %+v", req)
		}
		_ = hashCode(req.Code) // never panics on what was accepted
	})
}

func checkRefusal(t *testing.T, err error) {
	var ae *apiError
	if !errors.As(err, &ae) || ae.Status < 400 || ae.Status >= 500 || ae.Message == "" || ae.MessageFa == "" {
		t.Fatalf("refusal is not a 4xx with both messages: %#v", err)
	}
}
