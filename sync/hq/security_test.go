package hq

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	msync "mahalleh/sync"
)

// TestServeRefusesPlainHTTPOnTheNetwork: without a certificate, serve
// listens on loopback only, unless --insecure-http says a TLS proxy is in
// front, which is then logged.
func TestServeRefusesPlainHTTPOnTheNetwork(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:8443", "hq.example.ir:8443"} {
		code, _, errs := runCLI("serve", "--db", db, "--addr", addr)
		if code != 2 || !strings.Contains(errs, "--insecure-http") || !strings.Contains(errs, "unencrypted") {
			t.Errorf("serve --addr %s without TLS: exit %d, %q; want 2 and the reason", addr, code, errs)
		}
	}
	// Past the check, serve logs the warning and then fails on a port that
	// is taken (so the test needs no signal to stop it).
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, errs := runCLI("serve", "--db", db, "--addr", "0.0.0.0:"+port, "--insecure-http")
	if code != 1 || !strings.Contains(errs, "insecure-http") || !strings.Contains(errs, `"level":"WARN"`) {
		t.Errorf("serve --insecure-http: exit %d, %q; want the warning logged, then the listen error", code, errs)
	}
	for addr, want := range map[string]bool{"127.0.0.2:1": true, "localhost:1": true, "[::1]:80": true, DefaultAddr: true,
		"0.0.0.0:8443": false, ":8443": false, "10.0.0.5:1": false, "garbage": false} {
		if loopbackAddr(addr) != want {
			t.Errorf("loopbackAddr(%q) = %v, want %v", addr, !want, want)
		}
	}
}

// TestEnrolIsSmallAndThrottled: an enrolment body over a few KB (plain, or
// once gunzipped) is refused unread; after EnrolFailLimit failed attempts an
// address gets 429 with Retry-After, even with a good code, until the window
// passes; another address is not affected.
func TestEnrolIsSmallAndThrottled(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		t0 := time.Now().UTC()
		setNow(t, t0)
		big, _ := json.Marshal(msync.EnrolRequest{Code: "AAAA-BBBB-CCCC", DeviceName: strings.Repeat("x", MaxEnrolBodyBytes)})
		if r := env.raw(http.MethodPost, "/v1/enrol", "", big); r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("5 KB enrolment: %d %s", r.status, r.body)
		}
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		zw.Write(bytes.Repeat([]byte(" "), 1<<20))
		zw.Close()
		if r := env.raw(http.MethodPost, "/v1/enrol", "", zb.Bytes(), "Content-Encoding", "gzip"); zb.Len() > MaxEnrolBodyBytes || r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("gzip of 1 MiB in %d bytes: %d %s", zb.Len(), r.status, r.body)
		}
		bad, _ := json.Marshal(msync.EnrolRequest{Code: "AAAA-BBBB-CCCC", DeviceName: "laptop"})
		for i := 2; i < EnrolFailLimit; i++ {
			if r := env.raw(http.MethodPost, "/v1/enrol", "", bad); r.status != http.StatusUnauthorized {
				t.Fatalf("bad code %d: %d %s", i, r.status, r.body)
			}
		}
		code, err := NewEnrolCode(context.Background(), env.store, 14, "Ali", msync.RoleOfficer)
		if err != nil {
			t.Fatal(err)
		}
		good, _ := json.Marshal(msync.EnrolRequest{Code: code, DeviceName: "laptop"})
		r := env.raw(http.MethodPost, "/v1/enrol", "", good)
		if eb := r.errBody(); r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" || eb.Error.Message == "" || eb.Error.MessageFa == "" {
			t.Fatalf("attempt after %d failures: %d %v %s", EnrolFailLimit, r.status, r.header, r.body)
		}
		// A proxy on this machine reports another client: not throttled.
		if r := env.raw(http.MethodPost, "/v1/enrol", "", good, "X-Forwarded-For", "203.0.113.7"); r.status != http.StatusOK {
			t.Fatalf("another address: %d %s", r.status, r.body)
		}
		setNow(t, t0.Add(EnrolFailWindow))
		code, _ = NewEnrolCode(context.Background(), env.store, 14, "Ali", msync.RoleOfficer)
		good, _ = json.Marshal(msync.EnrolRequest{Code: code, DeviceName: "laptop"})
		if r := env.raw(http.MethodPost, "/v1/enrol", "", good); r.status != http.StatusOK {
			t.Fatalf("after the window: %d %s", r.status, r.body)
		}
	})
}

// TestRefusalsNameTheDevice: the log line of a refused request, and of a
// change refused alone inside a push, carries the id of the device that
// made it and where it came from.
func TestRefusalsNameTheDevice(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		d3 := env.enrol(3, msync.RoleOfficer, "Reza")
		intruder := newMeeting(14, "intruder", clockAt(time.Now(), 1, "cccc"))
		env.refusedAlone("a district-14 record", d3, intruder, msync.RefusedForbidden, "only write records of district 3")
		if r := env.raw(http.MethodPost, "/v1/push", d3.Token, []byte(`{"batch_id":1}`)); r.status != http.StatusBadRequest {
			t.Fatalf("a malformed push: %d %s", r.status, r.body)
		}
		logged := func(msg string, with ...string) bool {
			for _, line := range strings.Split(env.log.String(), "\n") {
				ok := strings.Contains(line, `"msg":"`+msg+`"`) && strings.Contains(line, `"device":"`+d3.DeviceID+`"`) &&
					strings.Contains(line, `"remote":"127.0.0.1"`)
				for _, w := range with {
					ok = ok && strings.Contains(line, w)
				}
				if ok {
					return true
				}
			}
			return false
		}
		if !logged("request refused", `"status":400`) || !logged("push: change refused", `"change":"`+intruder.ChangeID+`"`) {
			t.Fatalf("a refusal is logged without device %s or its address:\n%s", d3.DeviceID, env.log)
		}
	})
}
