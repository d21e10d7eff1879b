package e2e

import (
	"fmt"
	"os"
	"testing"

	"mahalleh/sync/internal/pgtest"

	_ "mahalleh/app/clocale" // Fyne quiet under LANG=C.UTF-8, as in the binary
)

// TestMain stops the test PostgreSQL at the end, and turns the test binary
// into the hard-kill child when the parent test asks for one (see
// hardkill_test.go).
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		if err := childMain(); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}
