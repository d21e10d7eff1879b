package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	gosync "sync"
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
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { faultSessions(t, b) })
	}
}

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
	if one := os.Getenv("MAHALLEH_FAULT_SESSION"); one != "" {
		n = 1
	}
	t.Logf("%s: master seed %d (replay all with MAHALLEH_FAULT_SEED=%d)", b.name, master, master)
	start := time.Now()
	var lost, dup, converged, run int
	faults := map[string]int{}
	for i := 0; i < n; i++ {
		seed := seeds.Uint64()
		if one := os.Getenv("MAHALLEH_FAULT_SESSION"); one != "" {
			seed, _ = strconv.ParseUint(one, 10, 64)
		}
		var v verdict
		ok := t.Run(fmt.Sprint(i), func(t *testing.T) {
			v = faultSession(t, b, seed, faults)
			if v.lost != 0 || v.duplicated != 0 || !v.converged {
				for _, p := range v.problems {
					t.Error(p)
				}
				t.Errorf("session seed %d: lost %d, duplicated %d, converged %v (replay with MAHALLEH_FAULT_SESSION=%d)", seed, v.lost, v.duplicated, v.converged, seed)
			}
		})
		run++
		lost += v.lost
		dup += v.duplicated
		if ok && v.converged {
			converged++
		}
	}
	el := time.Since(start)
	t.Logf("faults injected: %v", faults)
	t.Logf("%s: %v for %d sessions, %.1f s per 100 sessions", b.name, el.Round(time.Millisecond), run, el.Seconds()*100/float64(max(run, 1)))
	fmt.Printf("fault sessions: %d run, %d lost, %d duplicated, %d converged (%s)\n", run, lost, dup, converged, b.name)
}

// faultSession is one seeded session: 1–2 devices (one or two districts)
// make random changes and sync through the faulty proxy a few times, then
// sync cleanly; the verdict says what got lost or duplicated.
func faultSession(t *testing.T, b backend, seed uint64, faults map[string]int) verdict {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 3))
	hs := b.open(t)
	srv := startServer(t, hs)
	proxy, err := NewProxy(srv.URL(), seed, 0.35)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	proxy.OnKill = func() error {
		err := srv.restart()
		proxy.SetUpstream(srv.URL())
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
		faultyRound(devs, rng)
	}
	proxy.SetFaults(false)
	for k, v := range proxy.Counts() {
		faults[k] += v
	}
	if err := syncUntilQuiet(ctx, devs); err != nil {
		return verdict{problems: []string{"final clean sync: " + err.Error()}}
	}
	return verify(ctx, hs, devs, m)
}

// faultyRound syncs the devices at once through the proxy; some syncs are
// cancelled at a random moment (a client killed mid-push or mid-pull).
func faultyRound(devs []*device, rng *rand.Rand) {
	var wg gosync.WaitGroup
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
			d.client.Sync(ctx, func(p client.Progress) {
				if seen++; seen == cancelAt {
					cancel()
				}
			})
		}()
	}
	wg.Wait()
}
