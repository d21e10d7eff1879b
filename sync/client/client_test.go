package client

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

func openStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "device.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fakeHQ answers enrolment like HQ does and /v1/status with the given
// statuses in turn (the last one repeats), counting the attempts.
type fakeHQ struct {
	statuses []int
	attempts atomic.Int32
	gzipped  atomic.Bool
}

func (f *fakeHQ) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/v1/enrol":
		f.gzipped.Store(r.Header.Get("Content-Encoding") == "gzip")
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			w.WriteHeader(400)
			return
		}
		var req msync.EnrolRequest
		if json.NewDecoder(zr).Decode(&req) != nil || req.Code != "GOOD" {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(msync.ErrorBody{Error: msync.ErrorDetail{Code: "invalid", Message: "unknown code", MessageFa: "کد ثبت نامعتبر است"}})
			return
		}
		json.NewEncoder(w).Encode(msync.EnrolResponse{DeviceID: "dev-1", Token: "tok", District: 14, Role: "officer", Officer: "Sara"})
	case "/v1/status":
		n := int(f.attempts.Add(1)) - 1
		st := f.statuses[min(n, len(f.statuses)-1)]
		w.WriteHeader(st)
		if st >= 400 {
			json.NewEncoder(w).Encode(msync.ErrorBody{Error: msync.ErrorDetail{Code: "x", Message: "refused", MessageFa: "پذیرفته نشد"}})
		}
	}
}

func enrolled(t *testing.T, f *fakeHQ) *Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	s := openStore(t)
	if _, err := Enrol(context.Background(), s, srv.URL, "GOOD", "laptop"); err != nil {
		t.Fatal(err)
	}
	c, err := New(s, Options{RetryWait: time.Millisecond, RetryMaxWait: 5 * time.Millisecond, Retries: 3})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTransientFailuresAreRetried(t *testing.T) {
	f := &fakeHQ{statuses: []int{503, 502, 429, 200}}
	c := enrolled(t, f)
	if err := c.Ping(context.Background()); err != nil {
		t.Fatalf("ping after 3 transient failures: %v", err)
	}
	if got := f.attempts.Load(); got != 4 {
		t.Fatalf("attempts = %d, want 4", got)
	}
}

func TestClientErrorsAreNeverRetried(t *testing.T) {
	for _, tc := range []struct {
		status int
		kind   Kind
		fa     string
	}{
		{400, KindRejected, "پذیرفته نشد"},
		{403, KindRejected, "پذیرفته نشد"},
		{409, KindRejected, "پذیرفته نشد"},
		{401, KindUnauthorized, "ستاد"},
	} {
		f := &fakeHQ{statuses: []int{tc.status}}
		c := enrolled(t, f)
		err := c.Ping(context.Background())
		if KindOf(err) != tc.kind || !strings.Contains(AsError(err).MsgFa, tc.fa) {
			t.Errorf("HTTP %d: got %v (kind %d), want kind %d mentioning %q", tc.status, err, KindOf(err), tc.kind, tc.fa)
		}
		if got := f.attempts.Load(); got != 1 {
			t.Errorf("HTTP %d: %d attempts, want exactly 1", tc.status, got)
		}
	}
}

func TestUnreachableServerSaysWorkIsSaved(t *testing.T) {
	f := &fakeHQ{statuses: []int{200}}
	srv := httptest.NewServer(f)
	s := openStore(t)
	if _, err := Enrol(context.Background(), s, srv.URL, "GOOD", "laptop"); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	c, err := New(s, Options{RetryWait: time.Millisecond, RetryMaxWait: 2 * time.Millisecond, Retries: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Sync(context.Background(), nil)
	ce := AsError(err)
	if ce == nil || ce.Kind != KindOffline || !strings.Contains(ce.MsgFa, "سرور در دسترس نیست") {
		t.Fatalf("sync with the server down: %v", err)
	}
	st, _ := c.Status(context.Background())
	if st.LastErrorFa != ce.MsgFa || !st.LastSync.IsZero() {
		t.Fatalf("status after a failed round: %+v", st)
	}
}

func TestEnrolSavesTheEnrolmentAndRefusesASecond(t *testing.T) {
	f := &fakeHQ{statuses: []int{200}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	s := openStore(t)
	ctx := context.Background()
	if _, err := Enrol(ctx, s, srv.URL, "BAD", "laptop"); KindOf(err) != KindRejected || AsError(err).MsgFa != "کد ثبت نامعتبر است" {
		t.Fatalf("enrol with a bad code: %v", err)
	}
	if _, err := New(s, Options{}); KindOf(err) != KindNotEnrolled {
		t.Fatalf("New before enrolment: %v", err)
	}
	if _, err := Enrol(ctx, s, srv.URL+"/", "GOOD", "laptop"); err != nil {
		t.Fatal(err)
	}
	if !f.gzipped.Load() {
		t.Error("the enrolment request was not gzipped")
	}
	st, err := StatusOf(ctx, s)
	if err != nil || !st.Enrolled || st.District != 14 || st.Role != "officer" || st.Officer != "Sara" || st.Server != srv.URL {
		t.Fatalf("status after enrolment: %+v, %v", st, err)
	}
	if _, err := Enrol(ctx, s, srv.URL, "GOOD", "laptop"); KindOf(err) != KindAlreadyEnrolled {
		t.Fatalf("second enrolment: %v", err)
	}
	if _, err := Reenrol(ctx, s, srv.URL, "GOOD", "laptop"); err != nil {
		t.Fatalf("forced enrolment: %v", err)
	}
	if _, err := Enrol(ctx, s, "hq.example.ir", "GOOD", ""); KindOf(err) != KindRejected {
		t.Fatalf("a server address without a scheme: %v", err)
	}
}

func TestSyncStopsWhenCancelled(t *testing.T) {
	f := &fakeHQ{statuses: []int{200}}
	c := enrolled(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Sync(ctx, nil)
	if KindOf(err) != KindCanceled {
		t.Fatalf("sync with a cancelled context: %v", err)
	}
}

// TestLongMinutesAreSentInSmallerBatches: 500 changes of 50 KB minutes
// would pass the server's body limit; the batch is cut to fit, and a batch
// of ordinary changes is not cut.
func TestLongMinutesAreSentInSmallerBatches(t *testing.T) {
	long := strings.Repeat("صورتجلسه ", 50_000/len("صورتجلسه "))
	var big, small []data.Change
	for i := 0; i < msync.MaxBatch; i++ {
		big = append(big, data.Change{Entity: "meetings", Fields: data.Record{"minutes": long}})
		small = append(small, data.Change{Entity: "meetings", Fields: data.Record{"title": "نشست"}})
	}
	got := fitBody(big)
	raw, _ := json.Marshal(msync.PushRequest{Changes: got})
	if len(got) == 0 || len(got) == len(big) || len(raw) > msync.MaxBodyBytes {
		t.Fatalf("a batch of long minutes was cut to %d changes, %d bytes (limit %d)", len(got), len(raw), msync.MaxBodyBytes)
	}
	if n := len(fitBody(small)); n != len(small) {
		t.Fatalf("a batch of short changes was cut to %d", n)
	}
}
