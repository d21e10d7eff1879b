package hq

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	gosync "sync"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// Two servers on one database, pushes racing on both, and a device pulling
// all the while from one of them: the puller's cursor never skips a record
// that committed late, and nothing arrives twice within its final state.
func TestTwoServersOneDatabaseNothingSkipped(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			var open func() Store
			switch kind {
			case "sqlite":
				path := filepath.Join(t.TempDir(), "hq.db")
				open = func() Store { st, err := sqlitehq.Open(path); must(t, err); return st }
			case "postgres":
				url := pgtest.Start(t)
				open = func() Store { st, err := pghq.Open(context.Background(), url); must(t, err); return st }
			}
			st1, st2 := open(), open()
			defer st1.Close()
			defer st2.Close()
			s1, s2 := httptest.NewServer(NewServer(st1, nil)), httptest.NewServer(NewServer(st2, nil))
			defer s1.Close()
			defer s2.Close()
			env1, env2 := &hqEnv{t: t, store: st1, srv: s1}, &hqEnv{t: t, store: st2, srv: s2}
			reader := env1.enrol(14, msync.RoleOfficer, "reader")
			const writers, batches, perBatch = 4, 8, 5
			var wg gosync.WaitGroup
			errs := make(chan error, writers)
			for w := 0; w < writers; w++ {
				env := env1
				if w%2 == 1 {
					env = env2
				}
				dev := env.enrol(14, msync.RoleOfficer, fmt.Sprint("writer", w))
				wg.Add(1)
				go func(w int, env *hqEnv, token string) {
					defer wg.Done()
					for b := 0; b < batches; b++ {
						var batch []data.Change
						for i := 0; i < perBatch; i++ {
							batch = append(batch, newMeeting(14, "m", clockAt(time.Now(), int64(b*perBatch+i), fmt.Sprint("w", w))))
						}
						body, _ := json.Marshal(msync.PushRequest{Changes: batch})
						if r := env.rawNoFatal(http.MethodPost, "/v1/push", token, body); r != http.StatusOK {
							errs <- fmt.Errorf("writer %d push: %d", w, r)
							return
						}
					}
				}(w, env, dev.Token)
			}
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			seen := map[string]bool{}
			cursor := ""
			for finished := false; ; {
				select {
				case <-done:
					finished = true
				default:
				}
				for {
					var page msync.PullResponse
					env2.mustJSON(http.MethodGet, "/v1/pull?limit=7&cursor="+cursor, reader.Token, nil, &page)
					for _, rc := range page.Changes {
						seen[rc.ID] = true
					}
					cursor = page.Cursor
					if !page.More {
						break
					}
				}
				if finished {
					break
				}
			}
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			want := writers*batches*perBatch + 10 // + departments
			if len(seen) != want {
				t.Fatalf("the incremental puller saw %d records, want %d (a cursor skipped a late commit)", len(seen), want)
			}
		})
	}
}

func (env *hqEnv) rawNoFatal(method, path, token string, body []byte) int {
	req, _ := http.NewRequest(method, env.srv.URL+path, bytesReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
