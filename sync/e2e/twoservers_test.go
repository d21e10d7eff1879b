package e2e

import (
	"context"
	"testing"

	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/internal/pgtest"
)

// TestTwoServers: two HQ servers, each a process's worth of state (its own
// store, connection pool and listener), on one PostgreSQL; the devices of
// the convergence test are spread over the two, as behind a load balancer.
// Everything converges as with one server: the servers keep no state but
// the database, and a district's writes serialise in the database (its
// district_seq row), not in a server.
func TestTwoServers(t *testing.T) {
	t.Parallel()
	url := pgtest.Start(t)
	var urls []string
	for i := 0; i < 2; i++ {
		hs, err := pghq.Open(context.Background(), url)
		if err != nil {
			t.Fatalf("open HQ server %d's store: %v", i+1, err)
		}
		t.Cleanup(func() { hs.Close() })
		urls = append(urls, startServer(t, hs).URL())
	}
	seed := seedFromEnv("MAHALLEH_CONVERGENCE_SEED", 20251002)
	t.Logf("seed %d (replay with MAHALLEH_CONVERGENCE_SEED=%d)", seed, seed)
	hs, err := pghq.Open(context.Background(), url) // the checker's own view of the database
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hs.Close() })
	convergenceAt(t, hs, urls, seed)
}
