package e2e

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/app/cli"
	"mahalleh/data"
	"mahalleh/sync/hq"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cli.Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestCommandLineEnrolAndSync drives "mahalleh enrol" and "mahalleh sync"
// as an administrator or a scheduled task would: exit status, what they
// print, and the Persian and English messages when HQ refuses the device.
func TestCommandLineEnrolAndSync(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	db := filepath.Join(scratchDir(t), "laptop.db")
	code := mustCode(t, hs, 14, "officer")

	if c, _, errs := run("enrol", "--db", db, "--server", srv.URL()); c != 2 || !strings.Contains(errs, "--code") {
		t.Fatalf("enrol without --code: exit %d, %q", c, errs)
	}
	if c, out, _ := run("enrol", "--help"); c != 0 || !strings.Contains(out, "--server") {
		t.Fatalf("enrol --help: exit %d, %q", c, out)
	}
	if c, out, errs := run("enrol", "--db", db, "--server", srv.URL(), "--code", code, "--name", "laptop-1"); c != 0 || !strings.Contains(out, "district 14") {
		t.Fatalf("enrol: exit %d, %q %q", c, out, errs)
	}
	if c, _, errs := run("enrol", "--db", db, "--server", srv.URL(), "--code", code); c != 1 || !strings.Contains(errs, "already enrolled") {
		t.Fatalf("second enrol: exit %d, %q", c, errs)
	}

	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	d := &device{name: "laptop-1", officer: "cli", district: 14, store: s}
	if err := createOnly(ctx, d, newRand(9), newModel(), 3); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if c, out, errs := run("sync", "--db", db); c != 0 || !strings.Contains(out, "pushed 3 changes") {
		t.Fatalf("sync: exit %d, %q %q", c, out, errs)
	}
	if c, out, _ := run("sync", "--help"); c != 0 || !strings.Contains(out, "--db") {
		t.Fatalf("sync --help: exit %d, %q", c, out)
	}
	if c, _, errs := run("sync", "--db", filepath.Join(t.TempDir(), "missing.db")); c != 1 || !strings.Contains(errs, "not found") {
		t.Fatalf("sync of a missing store: exit %d, %q", c, errs)
	}

	devs, err := hq.Devices(ctx, hs)
	if err != nil || len(devs) != 1 {
		t.Fatalf("devices at HQ: %v, %v", devs, err)
	}
	if err := hq.Revoke(ctx, hs, devs[0].ID); err != nil {
		t.Fatal(err)
	}
	c, _, errs := run("sync", "--db", db)
	if c != 1 || !strings.Contains(errs, "خطا: ستاد دیگر این دستگاه را نمی‌پذیرد") || !strings.Contains(errs, "ask HQ for a new enrolment code") {
		t.Fatalf("sync of a revoked device: exit %d, %q", c, errs)
	}
}
