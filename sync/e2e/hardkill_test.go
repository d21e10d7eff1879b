package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/sync/client"
)

const (
	childEnv      = "MAHALLEH_E2E_CHILD_DB" // the store the child works on
	childSeedEnv  = "MAHALLEH_E2E_CHILD_SEED"
	childAfterEnv = "MAHALLEH_E2E_CHILD_AFTER" // a wall millisecond the child's first write must follow
	childOfficer  = "officer-child"
)

// childReport is what the child says on stdout before each write; "ok"
// and the time on the next line say the write committed. os.Stdout is unbuffered, so a
// line leaves with the call; a line cut by the kill was never reported.
type childReport struct {
	Change change `json:"change"`
	Start  int64  `json:"start"` // Unix nanoseconds
}

// reporter is the child's recorder: it tells the parent of every write.
type reporter struct{ after int64 }

func (r *reporter) before(*device) {
	for time.Now().UnixMilli() <= r.after {
		runtime.Gosched()
	}
	r.after = 0
}

func (r *reporter) begin(c change, start time.Time) error {
	b, err := json.Marshal(childReport{Change: c, Start: start.UnixNano()})
	if err == nil {
		_, err = fmt.Println("intent " + string(b))
	}
	return err
}

func (r *reporter) done(_ *device, _ change, w window) error {
	_, err := fmt.Println("ok " + strconv.FormatInt(w.to.UnixNano(), 10))
	return err
}

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
	after, _ := strconv.ParseInt(os.Getenv(childAfterEnv), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 4))
	d := &device{name: "child", officer: childOfficer, district: 14, store: s, client: c}
	rep := &reporter{after: after}
	for {
		if err := randomChanges(ctx, d, rng, rep, 1+rng.IntN(20)); err != nil {
			return err
		}
		c.Sync(ctx, nil) // errors are the parent's business
	}
}

// TestHardKill kills a syncing device process with SIGKILL at random
// moments (mid-write, mid-push, mid-pull: another device keeps giving it
// things to pull). The child reports every write before it makes it and
// again once it committed; after the kills and a clean sync, HQ and both
// devices must hold exactly what the reports say (the one write cut by each
// kill may be there or not, wholly). The killed store is never the oracle.
// MAHALLEH_HARDKILL_ROUNDS sets the number of kills (default 10).
func TestHardKill(t *testing.T) {
	t.Parallel()
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
	m := newModel()
	var committed, cut int
	for i := 0; i < rounds; i++ {
		if err := randomChanges(ctx, feeder, rng, m, 30); err != nil {
			t.Fatal(err)
		}
		if _, err := feeder.client.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
		n, c := runChildAndKill(t, path, rng, m)
		committed, cut = committed+n, cut+c
	}
	if committed < rounds {
		t.Fatalf("the child reported only %d committed writes in %d runs: the test proved little", committed, rounds)
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
	v := verify(ctx, hs, devs, m)
	for _, p := range v.problems {
		t.Error(p)
	}
	t.Logf("%d kills; the child reported %d committed writes and %d cut by a kill; %d records made by the two devices", rounds, committed, cut, len(m.recs))
	if v.lost != 0 || v.duplicated != 0 || !v.converged {
		t.Fatalf("after %d hard kills: lost %d, duplicated %d, converged %v", rounds, v.lost, v.duplicated, v.converged)
	}
}

// runChildAndKill starts the child on the store at path, kills it after a
// random while, and puts what it reported into m: committed writes as
// certain, the write the kill cut (reported, not acknowledged) as one that
// may or may not have committed.
func runChildAndKill(t *testing.T, path string, rng *rand.Rand, m *model) (committed, cut int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path, childSeedEnv+"="+strconv.FormatUint(rng.Uint64(), 10),
		childAfterEnv+"="+strconv.FormatInt(m.lastMs, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	eof := make(chan struct{})
	go func() { // only whole lines count: a line cut by the kill was never reported
		defer close(eof)
		r := bufio.NewReader(out)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				return
			}
			lines = append(lines, strings.TrimSuffix(l, "\n"))
		}
	}()
	time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond) // the kill moment, not a synchronisation
	cmd.Process.Kill()
	killed := time.Now()
	<-eof // every line the child wrote is read before Wait closes the pipe
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != -1 { // -1: ended by the signal
		t.Fatalf("the child ended by itself (exit status %d) before it was killed", code)
	}
	var open *childReport
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "ok ") && open != nil:
			end, err := strconv.ParseInt(strings.TrimPrefix(l, "ok "), 10, 64)
			if err != nil {
				t.Fatalf("child's report %q: %v", l, err)
			}
			if err := m.apply(open.Change, childOfficer, window{time.Unix(0, open.Start), time.Unix(0, end)}, true); err != nil {
				t.Fatalf("child's report: %v", err)
			}
			committed++
			open = nil
		case strings.HasPrefix(l, "intent ") && open == nil:
			open = &childReport{}
			dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(l, "intent ")))
			dec.UseNumber()
			if err := dec.Decode(open); err != nil {
				t.Fatalf("child's report %q: %v", l, err)
			}
		default:
			t.Fatalf("child's report out of order: %q", l)
		}
	}
	if open != nil {
		if err := m.apply(open.Change, childOfficer, window{time.Unix(0, open.Start), killed}, false); err != nil {
			t.Fatalf("child's report: %v", err)
		}
		cut++
	}
	m.after("child", killed)
	return committed, cut
}
