package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/sync/client"
)

const (
	childEnv     = "MAHALLEH_E2E_CHILD_DB" // the store the child works on
	childSeedEnv = "MAHALLEH_E2E_CHILD_SEED"
)

// childMain is the killed process: it makes changes and syncs in a loop
// until SIGKILL stops it at a moment the parent chose at random.
func childMain() error {
	ctx := context.Background()
	s, err := data.Open(os.Getenv(childEnv))
	if err != nil {
		return err
	}
	opts := fastOptions
	opts.PullPage = 5 // many small pages: a kill often lands between two of them
	c, err := client.New(s, opts)
	if err != nil {
		return err
	}
	seed, _ := strconv.ParseUint(os.Getenv(childSeedEnv), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 4))
	d := &device{name: "child", officer: "officer-child", district: 14, store: s, client: c}
	m := newModel()
	for {
		if err := randomChanges(ctx, d, rng, m, 1+rng.IntN(20)); err != nil {
			return err
		}
		c.Sync(ctx, nil) // errors are the parent's business
	}
}

// TestHardKill kills a syncing device process with SIGKILL at random
// moments (mid-write, mid-push, mid-pull: another device keeps giving it
// things to pull), then checks that its store is intact and that, after a
// clean sync, HQ has every change it committed, once.
// MAHALLEH_HARDKILL_ROUNDS sets the number of kills (default 10).
func TestHardKill(t *testing.T) {
	rounds := 10
	if v, err := strconv.Atoi(os.Getenv("MAHALLEH_HARDKILL_ROUNDS")); err == nil {
		rounds = v
	}
	seed := seedFromEnv("MAHALLEH_FAULT_SEED", uint64(time.Now().UnixNano()))
	t.Logf("seed %d (replay with MAHALLEH_FAULT_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 5))
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	dir := scratchDir(t)
	victim := enrolDevice(t, hs, dir, srv.URL(), "victim", 14, "officer", fastOptions)
	feeder := enrolDevice(t, hs, dir, srv.URL(), "feeder", 14, "officer", fastOptions)
	path := victim.store.Path()
	victim.store.Close()
	fm := newModel()
	for i := 0; i < rounds; i++ {
		if err := randomChanges(ctx, feeder, rng, fm, 30); err != nil {
			t.Fatal(err)
		}
		if _, err := feeder.client.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+path, childSeedEnv+"="+strconv.FormatUint(rng.Uint64(), 10))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
		cmd.Process.Kill()
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: the child ended before it was killed", i)
		}
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatalf("the killed device's store does not open: %v", err)
	}
	defer s.Close()
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity check after %d kills: %q, %v", rounds, res, err)
	}
	c, err := client.New(s, fastOptions)
	if err != nil {
		t.Fatal(err)
	}
	victim.store, victim.client = s, c
	devs := []*device{victim, feeder}
	if err := syncUntilQuiet(ctx, devs); err != nil {
		t.Fatal(err)
	}
	m := modelFromStores(t, devs...)
	v := verify(ctx, hs, devs, m)
	for _, p := range v.problems {
		t.Error(p)
	}
	t.Logf("%d kills, %d records made by the two devices", rounds, len(m.created))
	if v.lost != 0 || v.duplicated != 0 || !v.converged {
		t.Fatalf("after %d hard kills: lost %d, duplicated %d, converged %v", rounds, v.lost, v.duplicated, v.converged)
	}
}

// modelFromStores builds the model from what the devices themselves hold:
// their stores are the truth of what they committed before being killed.
func modelFromStores(t *testing.T, devs ...*device) *model {
	m := newModel()
	for _, d := range devs {
		for _, e := range workEntities {
			rows, err := d.store.DB().Query("SELECT id, deleted FROM " + e)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id string
				var deleted bool
				rows.Scan(&id, &deleted)
				m.created[id] = e
				if deleted {
					m.deleted[id] = true
				}
			}
			rows.Close()
		}
	}
	return m
}
