package cli

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mahalleh/data"
)

// BenchmarkBackup exports a demo store to JSON and imports the file into an
// empty store, each in a child process (this test binary running the CLI,
// or the binary named by MAHALLEH_BIN, to measure another build the same
// way), and reports wall time and peak memory (the child's maximum resident
// set, as the kernel counts it: VmHWM), next to the time SQLite needs to
// bulk-insert as many rows of the same size in one transaction, measured in
// the same run: the limit no import can beat. The store is
// /work/stores/demo-100k.db (a year of an office's work), or the one named
// by MAHALLEH_BACKUP_STORE; it is copied first, never written. A run takes
// minutes, so the work is done once whatever b.N.
func BenchmarkBackup(b *testing.B) {
	src := os.Getenv("MAHALLEH_BACKUP_STORE")
	if src == "" {
		src = "/work/stores/demo-100k.db"
	}
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no store to back up at %s (build one with `mahalleh demo --size 100000`, or set MAHALLEH_BACKUP_STORE): %v", src, err)
	}
	dir := b.TempDir()
	db := filepath.Join(dir, "store.db")
	if out, err := exec.Command("cp", "--reflink=auto", src, db).CombinedOutput(); err != nil {
		b.Fatalf("copy %s: %v %s", src, err, out)
	}
	records := liveRecords(b, db)
	out := filepath.Join(dir, "backup.json")
	exp := child(b, "export", "--db", db, "--format", "json", "--out", out)
	st, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	imp := child(b, "import", "--db", filepath.Join(dir, "restored.db"), out)
	bulk := bulkInsert(b, filepath.Join(dir, "bulk.db"), records, int(st.Size())/max(records, 1))
	b.ReportMetric(exp.wall.Seconds(), "export-s")
	b.ReportMetric(exp.rssMB, "export-peak-MB")
	b.ReportMetric(imp.wall.Seconds(), "import-s")
	b.ReportMetric(imp.rssMB, "import-peak-MB")
	b.ReportMetric(bulk.Seconds(), "bulk-insert-s")
	b.Logf("%s: %d records, %d MB of JSON; export %s, peak %.0f MB; import %s, peak %.0f MB; raw bulk insert of as many rows %s",
		filepath.Base(src), records, st.Size()>>20, exp.wall.Round(time.Second), exp.rssMB, imp.wall.Round(time.Second), imp.rssMB, bulk.Round(time.Second))
}

// TestBackupBenchChild is BenchmarkBackup's child process: it runs the CLI
// with the arguments the benchmark passed in the environment.
func TestBackupBenchChild(t *testing.T) {
	args := os.Getenv("MAHALLEH_BENCH_CHILD")
	if args == "" {
		t.Skip("runs only as BenchmarkBackup's child process")
	}
	os.Exit(Main(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

type measured struct {
	wall  time.Duration
	rssMB float64
}

// child runs one CLI command in a child process and measures it.
func child(b *testing.B, args ...string) measured {
	b.Helper()
	var cmd *exec.Cmd
	if bin := os.Getenv("MAHALLEH_BIN"); bin != "" {
		cmd = exec.Command(bin, args...)
	} else {
		cmd = exec.Command(os.Args[0], "-test.run=^TestBackupBenchChild$")
		cmd.Env = append(os.Environ(), "MAHALLEH_BENCH_CHILD="+strings.Join(args, "\x1f"))
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", args[0], err, stderr.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m := measured{wall: time.Since(start)}
	if ru != nil {
		m.rssMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return m
}

// liveRecords counts the records an export of db holds.
func liveRecords(b *testing.B, db string) int {
	b.Helper()
	s, err := data.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	total := 0
	for i := range data.Entities {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM " + data.Entities[i].Name + " WHERE deleted = 0").Scan(&n); err != nil {
			b.Fatal(err)
		}
		total += n
	}
	return total
}

// bulkInsert inserts n rows of size bytes into a new SQLite file with the
// store's durability settings, in one transaction with one prepared
// statement: no validation, change log or search index.
func bulkInsert(b *testing.B, path string, n, size int) time.Duration {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_cache_size=-65536")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE rows (id TEXT PRIMARY KEY, district INTEGER, body TEXT)"); err != nil {
		b.Fatal(err)
	}
	body := strings.Repeat("x", size)
	start := time.Now()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare("INSERT INTO rows VALUES (?, 14, ?)")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := stmt.Exec(fmt.Sprintf("0193f000-%04x-7000-8000-%012x", i>>24, i), body); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
