package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"mahalleh/sync/client"
)

// faultOptions: short timeouts so that a held or delayed request times out
// and is retried (which is how the proxy gets requests out of order).
var faultOptions = client.Options{Timeout: 2 * time.Second, Retries: 3, RetryWait: 2 * time.Millisecond, RetryMaxWait: 20 * time.Millisecond}

// TestFaultSessions runs seeded sessions, each on a fresh HQ and fresh
// devices, with a fault proxy between them: dropped connections (before the
// request, mid-body, after the server committed), delays, duplicated,
// held and replayed requests, the server killed and restarted mid-push,
// syncs cancelled at random points. Errors are allowed during the faults;
// after a clean final sync nothing may be lost or duplicated and every
// device must equal HQ.
//
// MAHALLEH_FAULT_SESSIONS sets how many (default 1000; 50 under -short),
// MAHALLEH_FAULT_SEED the master seed, MAHALLEH_FAULT_SESSION one session's
// seed to replay it alone.
func TestFaultSessions(t *testing.T) {
	t.Parallel() // independent of the other tests: it overlaps with them
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { faultSessions(t, b) })
	}
}

// faultWorkers is how many sessions run at once: a session spends most of
// its time waiting (delays, held requests, timeouts, restarts), so a few at
// a time use the machine's cores without changing what any one session does.
const faultWorkers = 4

func faultSessions(t *testing.T, b backend) {
	n := 1000
	if testing.Short() {
		n = 50
	}
	if v, err := strconv.Atoi(os.Getenv("MAHALLEH_FAULT_SESSIONS")); err == nil {
		n = v
	}
	if b.name == "postgres" { // a fresh database per session costs ~0.1 s more
		n = max(1, n/10)
	}
	master := seedFromEnv("MAHALLEH_FAULT_SEED", uint64(time.Now().UnixNano()))
	seeds := rand.New(rand.NewPCG(master, 2))
	sessionSeeds := make([]uint64, n)
	for i := range sessionSeeds {
		sessionSeeds[i] = seeds.Uint64()
	}
	if one := os.Getenv("MAHALLEH_FAULT_SESSION"); one != "" {
		s, _ := strconv.ParseUint(one, 10, 64)
		sessionSeeds = []uint64{s}
	}
	t.Logf("%s: master seed %d (replay all with MAHALLEH_FAULT_SEED=%d)", b.name, master, master)
	start := time.Now()
	var (
		mu                        gosync.Mutex
		lost, dup, converged, run int
		faults                    = map[string]int{}
		wg                        gosync.WaitGroup
		next                      = make(chan int)
	)
	for w := 0; w < faultWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				seed := sessionSeeds[i]
				var v verdict
				ok := t.Run(fmt.Sprint(i), func(t *testing.T) {
					var seen map[string]int
					v, seen = faultSession(t, b, seed)
					mu.Lock()
					for k, c := range seen {
						faults[k] += c
					}
					mu.Unlock()
					if v.lost != 0 || v.duplicated != 0 || !v.converged {
						for _, p := range v.problems {
							t.Error(p)
						}
						t.Errorf("session seed %d: lost %d, duplicated %d, converged %v (replay with MAHALLEH_FAULT_SESSION=%d)", seed, v.lost, v.duplicated, v.converged, seed)
					}
				})
				mu.Lock()
				run++
				lost += v.lost
				dup += v.duplicated
				if ok && v.converged {
					converged++
				}
				mu.Unlock()
			}
		}()
	}
	for i := range sessionSeeds {
		next <- i
	}
	close(next)
	wg.Wait()
	el := time.Since(start)
	t.Logf("%s: %v for %d sessions, %.1f s per 100 sessions (%d at a time)", b.name, el.Round(time.Millisecond), run, el.Seconds()*100/float64(max(run, 1)), faultWorkers)
	fmt.Printf("fault sessions: %d run, %d lost, %d duplicated, %d converged (%s); faults that happened: %v\n", run, lost, dup, converged, b.name, faults)
	checkEveryFaultHappened(t, faults, run)
}

// checkEveryFaultHappened: a fault run that never injected one of the
// faults proved nothing about it. Counted are the faults the proxy injected,
// the server restarts that really happened and the syncs the test cancelled.
func checkEveryFaultHappened(t *testing.T, faults map[string]int, run int) {
	if run < 20 {
		t.Logf("only %d sessions: too few to expect every kind of fault, so their counts are not checked", run)
		return
	}
	kinds := append(faultNames[1:], "server-restarted", "sync-cancelled")
	for _, k := range kinds {
		if faults[k] == 0 {
			t.Errorf("fault %s never happened in %d sessions: the run proved nothing about it", k, run)
		}
	}
}

// faultSession is one seeded session: 1–2 devices (one or two districts)
// make random changes and sync through the faulty proxy a few times, then
// sync cleanly; the verdict says what got lost or duplicated, and the map
// what faults happened.
func faultSession(t *testing.T, b backend, seed uint64) (verdict, map[string]int) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 3))
	hs := b.open(t)
	srv := startServer(t, hs)
	proxy, err := NewProxy(srv.URL(), seed, 0.35)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	var restarts, cancelled atomic.Int64
	proxy.OnKill = func() error {
		err := srv.restart()
		proxy.SetUpstream(srv.URL())
		if err == nil {
			restarts.Add(1)
		}
		return err
	}
	dir := scratchDir(t)
	devs := []*device{enrolDevice(t, hs, dir, proxy.URL, "a", 14, "officer", faultOptions)}
	if rng.IntN(2) == 0 {
		district := []int{14, 3}[rng.IntN(2)]
		devs = append(devs, enrolDevice(t, hs, dir, proxy.URL, "b", district, "officer", faultOptions))
	}
	m := newModel()
	proxy.SetFaults(true)
	for round := 0; round < 3; round++ {
		for _, d := range devs {
			if err := randomChanges(ctx, d, rng, m, 1+rng.IntN(5)); err != nil {
				t.Fatal(err)
			}
		}
		cancelled.Add(int64(faultyRound(devs, rng)))
	}
	proxy.SetFaults(false)
	if err := syncUntilQuiet(ctx, devs); err != nil {
		return verdict{problems: []string{"final clean sync: " + err.Error()}}, nil
	}
	faults := proxy.Counts()
	faults["server-restarted"], faults["sync-cancelled"] = int(restarts.Load()), int(cancelled.Load())
	v := verify(ctx, hs, devs, m)
	checkAudit(ctx, &v, hs, m.changes)
	return v, faults
}

// faultyRound syncs the devices at once through the proxy; some syncs are
// cancelled at a random moment (a client killed mid-push or mid-pull). It
// returns how many syncs the cancel really cut short.
func faultyRound(devs []*device, rng *rand.Rand) int {
	var wg gosync.WaitGroup
	var cut atomic.Int64
	for _, d := range devs {
		ctx, cancel := context.WithCancel(context.Background())
		if rng.IntN(4) == 0 {
			time.AfterFunc(time.Duration(rng.IntN(15))*time.Millisecond, cancel)
		}
		cancelAt := 0 // never
		if rng.IntN(4) == 0 {
			cancelAt = 1 + rng.IntN(3) // at the first, second or third progress report
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cancel()
			seen := 0
			_, err := d.client.Sync(ctx, func(p client.Progress) {
				if seen++; seen == cancelAt {
					cancel()
				}
			})
			if err != nil && ctx.Err() != nil {
				cut.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(cut.Load())
}
