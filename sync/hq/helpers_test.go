package hq

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// stores are the constructors every test runs against: the same suite for
// SQLite and PostgreSQL.
var stores = []struct {
	name string
	open func(t *testing.T) Store
}{
	{"sqlite", func(t *testing.T) Store {
		st, err := sqlitehq.Open(filepath.Join(t.TempDir(), "hq.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}},
	{"postgres", func(t *testing.T) Store {
		st, err := pghq.Open(context.Background(), pgtest.Start(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}},
}

// hqEnv is a running HQ server over loopback on a fresh store.
type hqEnv struct {
	t     *testing.T
	store Store
	srv   *httptest.Server
	log   *bytes.Buffer
}

func eachStore(t *testing.T, fn func(t *testing.T, env *hqEnv)) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			st := s.open(t)
			logs := &bytes.Buffer{}
			srv := httptest.NewServer(NewServer(st, slog.New(slog.NewJSONHandler(logs, nil))))
			t.Cleanup(func() { srv.Close(); st.Close() })
			fn(t, &hqEnv{t: t, store: st, srv: srv, log: logs})
		})
	}
}

// setNow moves the server's clock for the rest of the test.
func setNow(t *testing.T, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}

// enrol makes a code and exchanges it for a token.
func (env *hqEnv) enrol(district int, role, officer string) msync.EnrolResponse {
	env.t.Helper()
	code, err := NewEnrolCode(context.Background(), env.store, district, officer, role)
	if err != nil {
		env.t.Fatal(err)
	}
	var resp msync.EnrolResponse
	env.mustJSON(http.MethodPost, "/v1/enrol", "", msync.EnrolRequest{Code: code, DeviceName: officer + "'s laptop"}, &resp)
	return resp
}

// reply is a decoded answer.
type reply struct {
	status int
	body   []byte
	header http.Header
}

func (r reply) errCode() string {
	var eb msync.ErrorBody
	json.Unmarshal(r.body, &eb)
	return eb.Error.Code
}

func (r reply) errBody() msync.ErrorBody {
	var eb msync.ErrorBody
	json.Unmarshal(r.body, &eb)
	return eb
}

// raw sends a request with a raw body and extra headers.
func (env *hqEnv) raw(method, path, token string, body []byte, headers ...string) reply {
	env.t.Helper()
	req, err := http.NewRequest(method, env.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		env.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json") // headers may override it
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := env.srv.Client().Do(req)
	if err != nil {
		env.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, body: b, header: resp.Header}
}

func (env *hqEnv) call(method, path, token string, in any) reply {
	env.t.Helper()
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			env.t.Fatal(err)
		}
	}
	return env.raw(method, path, token, body)
}

func (env *hqEnv) mustJSON(method, path, token string, in, out any) {
	env.t.Helper()
	r := env.call(method, path, token, in)
	if r.status != http.StatusOK {
		env.t.Fatalf("%s %s: %d %s", method, path, r.status, r.body)
	}
	if err := json.Unmarshal(r.body, out); err != nil {
		env.t.Fatalf("%s %s: %v in %s", method, path, err, r.body)
	}
}

func (env *hqEnv) push(token string, changes ...data.Change) reply {
	env.t.Helper()
	return env.call(http.MethodPost, "/v1/push", token, msync.PushRequest{BatchID: uuid.NewString(), Changes: changes})
}

func (env *hqEnv) mustPush(token string, changes ...data.Change) msync.PushResponse {
	env.t.Helper()
	r := env.push(token, changes...)
	if r.status != http.StatusOK {
		env.t.Fatalf("push: %d %s", r.status, r.body)
	}
	var pr msync.PushResponse
	json.Unmarshal(r.body, &pr)
	if len(pr.Refused) > 0 {
		env.t.Fatalf("push: HQ refused %+v", pr.Refused)
	}
	return pr
}

// pullAll pulls every page from cursor "" with the given page size.
func (env *hqEnv) pullAll(token string, limit int) ([]data.RemoteChange, int) {
	env.t.Helper()
	var all []data.RemoteChange
	cursor, pages := "", 0
	for {
		var page msync.PullResponse
		env.mustJSON(http.MethodGet, fmt.Sprintf("/v1/pull?cursor=%s&limit=%d", cursor, limit), token, nil, &page)
		all = append(all, page.Changes...)
		cursor, pages = page.Cursor, pages+1
		if !page.More {
			return all, pages
		}
		if pages > 10000 {
			env.t.Fatal("pull never ends")
		}
	}
}

func (env *hqEnv) counts() (int, int) {
	env.t.Helper()
	var recs, audit int
	err := env.store.View(context.Background(), func(tx Tx) error {
		var err error
		recs, audit, err = tx.Counts()
		return err
	})
	if err != nil {
		env.t.Fatal(err)
	}
	return recs, audit
}

func (env *hqEnv) record(entity, id string) *Record {
	env.t.Helper()
	var rec *Record
	err := env.store.View(context.Background(), func(tx Tx) error {
		var err error
		rec, err = tx.GetRecord(entity, id)
		return err
	})
	if err != nil {
		env.t.Fatal(err)
	}
	return rec
}

// clockAt is a clock reading at wall time t from node.
func clockAt(t time.Time, counter int64, node string) string {
	return data.FormatClock(t.UnixMilli(), counter, node)
}

// newMeeting is the change that creates a meeting, as a device logs it.
func newMeeting(district int, title, clock string) data.Change {
	at := data.FormatTime(time.Now())
	return data.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: "meetings", ID: uuid.Must(uuid.NewV7()).String(),
		District: district, Clock: clock, Author: "officer",
		Fields: data.Record{"district": district, "created_at": at, "updated_at": at, "created_by": "officer",
			"updated_by": "officer", "deleted": false, "kind": "neighbourhood", "title": title,
			"starts_at": "2025-10-01T09:00:00.000Z", "minutes": ""},
		Base: map[string]string{}}
}

// edit is a change of some fields of a record, based on the clocks in base.
func edit(of data.Change, clock, author string, fields data.Record, base map[string]string) data.Change {
	return data.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: of.Entity, ID: of.ID, District: of.District,
		Clock: clock, Author: author, Fields: fields, Base: base}
}

// wantRefused is a change a test expects HQ to refuse alone: its index in
// the batch, the refusal code and a phrase of the English message.
type wantRefused struct {
	index int
	code  string
	says  string
}

// pushRefusing pushes changes (every one fresh; the body through tweak if
// it is not nil) and holds the answer to what PROTOCOL.md ("Push") promises
// of changes HQ refuses, judged from what the test sent and what HQ held
// before: a 200 whose refused list is exactly want, each entry naming its
// change by index and change_id, with the code, an English message that
// names the change ("change N (entity id)") and holds the phrase, and a
// Persian one ("تغییر شماره N+1"); nothing of a refused change stored (its
// record as it was before the push); and every other change applied (HQ
// holds its record, one audit row each, new records counted).
func (env *hqEnv) pushRefusing(what, token string, changes []data.Change, tweak func([]byte) []byte, want ...wantRefused) msync.PushResponse {
	env.t.Helper()
	refused := map[int]wantRefused{}
	for _, w := range want {
		refused[w.index] = w
	}
	before, applied := map[RecordKey]*Record{}, map[RecordKey]bool{}
	for i, c := range changes {
		k := keyOf(c.Entity, c.ID)
		if _, ok := before[k]; !ok {
			before[k] = env.record(c.Entity, c.ID)
		}
		if _, bad := refused[i]; !bad {
			applied[k] = true
		}
	}
	recs0, audit0 := env.counts()
	body := mustJSON(msync.PushRequest{BatchID: uuid.NewString(), Changes: changes})
	if tweak != nil {
		body = tweak(body)
	}
	r := env.raw(http.MethodPost, "/v1/push", token, body)
	var res msync.PushResponse
	if err := json.Unmarshal(r.body, &res); err != nil || r.status != http.StatusOK {
		env.t.Fatalf("%s: %d %.400s, want 200 refusing %+v", what, r.status, r.body, want)
	}
	if len(res.Refused) != len(want) {
		env.t.Fatalf("%s: refused %+v, want exactly %+v", what, res.Refused, want)
	}
	for _, rf := range res.Refused {
		w, ok := refused[rf.Index]
		if !ok || rf.Index >= len(changes) {
			env.t.Fatalf("%s: refused change %d (%+v), want only %+v", what, rf.Index, rf, want)
		}
		c := changes[rf.Index]
		if name := fmt.Sprintf("change %d (%s %s)", rf.Index, c.Entity, c.ID); rf.ChangeID != c.ChangeID || rf.Code != w.code ||
			!strings.Contains(rf.Message, name) || !strings.Contains(rf.Message, w.says) ||
			!strings.Contains(rf.MessageFa, fmt.Sprintf("تغییر شماره %d", rf.Index+1)) {
			env.t.Errorf("%s: refusal %+v; want change_id %s, code %s, a message naming %q and saying %q, and a Persian one",
				what, rf, c.ChangeID, w.code, name, w.says)
		}
	}
	newRecs := 0
	for k, was := range before {
		is := env.record(k.Entity, k.ID)
		switch {
		case !applied[k] && !reflect.DeepEqual(was, is):
			env.t.Errorf("%s: HQ stored something of a refused change: %s %s was %+v, is %+v", what, k.Entity, k.ID, was, is)
		case applied[k] && is == nil:
			env.t.Errorf("%s: HQ lacks %s %s, of a change it did not refuse", what, k.Entity, k.ID)
		case applied[k] && was == nil:
			newRecs++
		}
	}
	n := len(changes) - len(want)
	if recs, audit := env.counts(); res.Applied != n || audit != audit0+n || recs != recs0+newRecs+res.Conflicts {
		env.t.Errorf("%s: applied %d, audit rows %d→%d, records %d→%d; want %d changes applied, %d new records and %d conflicts",
			what, res.Applied, audit0, audit, recs0, recs, n, newRecs, res.Conflicts)
	}
	return res
}

// refusedPush pushes changes and requires HQ to refuse the change at index
// alone, with code, and to apply the rest (pushRefusing).
func (env *hqEnv) refusedPush(what, token string, index int, code string, changes ...data.Change) msync.RefusedChange {
	env.t.Helper()
	return env.pushRefusing(what, token, changes, nil, wantRefused{index, code, ""}).Refused[0]
}

// refusedAlone pushes bad from dev between two new meetings of dev's own
// district (14 for the hq role), and requires HQ to refuse bad alone, with
// code and a message saying says, and to store both meetings.
func (env *hqEnv) refusedAlone(what string, dev msync.EnrolResponse, bad data.Change, code, says string) msync.RefusedChange {
	env.t.Helper()
	district := dev.District
	if district == 0 {
		district = 14
	}
	at := time.Now().Add(-time.Minute)
	first, last := newMeeting(district, "before "+what, clockAt(at, 0, "helper")), newMeeting(district, "after "+what, clockAt(at, 1, "helper"))
	res := env.pushRefusing(what, dev.Token, []data.Change{first, bad, last}, nil, wantRefused{1, code, says})
	return res.Refused[0]
}
