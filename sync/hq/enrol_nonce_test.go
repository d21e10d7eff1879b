package hq

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	msync "mahalleh/sync"
)

// The same code with the same nonce (the reply to the first exchange was
// lost after HQ committed) gives the same device a fresh token, and HQ
// lists one device; the lost token stops working. A used code with another
// nonce, or none, stays bad_code, and so does a replay once the device has
// used its token, or after it was revoked or the code expired.
func TestEnrolIsIdempotentForTheSameNonce(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ctx := context.Background()
		code, err := NewEnrolCode(ctx, env.store, 14, "Zahra", msync.RoleOfficer)
		if err != nil {
			t.Fatal(err)
		}
		nonce := "n0nce-of-this-device-0123456789abcdef"
		exchange := func(nonce string) (reply, msync.EnrolResponse) {
			t.Helper()
			r := env.call(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: code, DeviceName: "laptop", Nonce: nonce})
			var resp msync.EnrolResponse
			json.Unmarshal(r.body, &resp)
			return r, resp
		}
		r1, first := exchange(nonce)
		r2, second := exchange(nonce)
		if r1.status != 200 || r2.status != 200 || first.DeviceID != second.DeviceID || first.Token == second.Token ||
			second.District != 14 || second.Officer != "Zahra" {
			t.Fatalf("the same code and nonce twice: %d %+v, then %d %+v", r1.status, first, r2.status, second)
		}
		devs, _ := Devices(ctx, env.store)
		if len(devs) != 1 || devs[0].ID != first.DeviceID {
			t.Fatalf("HQ lists %d devices, want the one", len(devs))
		}
		for what, n := range map[string]string{"another nonce": "another-device-nonce-0123456789", "no nonce": ""} {
			if r, _ := exchange(n); r.status != http.StatusUnauthorized || r.errCode() != "bad_code" {
				t.Errorf("used code with %s: %d %s", what, r.status, r.body)
			}
		}
		if r := env.call(http.MethodGet, "/v1/status", first.Token, nil); r.status != http.StatusUnauthorized {
			t.Errorf("the lost token still works: %d", r.status)
		}
		if r := env.call(http.MethodGet, "/v1/status", second.Token, nil); r.status != http.StatusOK {
			t.Fatalf("the fresh token: %d %s", r.status, r.body)
		}
		if r, _ := exchange(nonce); r.status != http.StatusUnauthorized || r.errCode() != "bad_code" {
			t.Errorf("a replay after the device used its token: %d %s", r.status, r.body)
		}
		if r := env.call(http.MethodGet, "/v1/status", second.Token, nil); r.status != http.StatusOK {
			t.Fatalf("the refused replay changed the device's token: %d", r.status)
		}
		// A device that never used its token, revoked or with its code expired.
		for _, spoil := range []func(devID string){
			func(id string) { Revoke(ctx, env.store, id) },
			func(string) { setNow(t, time.Now().Add(EnrolCodeLife+time.Hour)) },
		} {
			code, _ = NewEnrolCode(ctx, env.store, 14, "Zahra", msync.RoleOfficer)
			r, dev := exchange(nonce)
			if r.status != 200 {
				t.Fatalf("enrol: %d %s", r.status, r.body)
			}
			spoil(dev.DeviceID)
			if r, _ := exchange(nonce); r.status != http.StatusUnauthorized || r.errCode() != "bad_code" {
				t.Errorf("a replay for a revoked device or an expired code: %d %s", r.status, r.body)
			}
		}
		if r := env.call(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: code, Nonce: "short"}); r.status != http.StatusBadRequest {
			t.Errorf("a malformed nonce: %d %s", r.status, r.body)
		}
	})
}
