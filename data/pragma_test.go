package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestStorePragmas pins the connection settings "nothing is lost" rests on
// (see Open): WAL, synchronous=FULL, foreign keys on, a busy timeout. The
// crash test cannot tell FULL from OFF (a killed process loses nothing
// either way; only a power cut does), so they are read back here, on a new
// store and on a reopened one, on two connections of the pool at once: a
// setting made on one connection only would pass a single-connection check.
func TestStorePragmas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pragmas.db")
	for _, when := range []string{"new store", "reopened store"} {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var conns []*sql.Conn
		for i := 0; i < 2; i++ {
			c, err := s.DB().Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for _, p := range []struct{ pragma, want string }{
				{"journal_mode", "wal"},
				{"synchronous", "2"}, // FULL
				{"foreign_keys", "1"},
				{"busy_timeout", "10000"},
			} {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
					t.Fatalf("%s, connection %d: PRAGMA %s: %v", when, i, p.pragma, err)
				}
				if got != p.want {
					t.Errorf("%s, connection %d: PRAGMA %s is %q, want %q", when, i, p.pragma, got, p.want)
				}
			}
		}
		for _, c := range conns {
			c.Close()
		}
		s.Close()
	}
}
