package data

// "Nothing is lost": a child process writes meetings with their attendees,
// one transaction each, and says which ones it committed; the test kills it
// with SIGKILL at random moments and, after every kill, checks that the file
// is sound and that everything the child called committed is there, whole.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	crashDBEnv         = "MAHALLEH_CRASH_CHILD_DB" // set only in the child process
	crashSeedEnv       = "MAHALLEH_CRASH_SEED"     // repeats a run's kill moments
	crashKills         = 20
	crashAttendees     = 4
	crashChildLifetime = 30 * time.Second // a child nobody kills stops by itself
)

// TestCrashChild is the child process of TestCrashSafety; on its own it does nothing.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("helper process: TestCrashSafety runs it with " + crashDBEnv + " set")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("ready")
	ctx := context.Background()
	for deadline := time.Now().Add(crashChildLifetime); time.Now().Before(deadline); {
		var id string
		err := s.Write(ctx, "crash", func(w *Writer) error {
			m, err := w.Save("meetings", map[string]any{"district": testDistrict, "kind": "neighbourhood",
				"title": "نشست پیش از قطع برق", "starts_at": FormatTime(time.Now()), "minutes": strings.Repeat("صورتجلسه ", 50)})
			if err != nil {
				return err
			}
			id = m.ID()
			for i := 0; i < crashAttendees; i++ {
				if _, err := w.Save("attendance", map[string]any{"district": testDistrict, "meeting_id": id,
					"guest_name": "حاضر " + strconv.Itoa(i), "present": true}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("committed " + id) // os.Stdout is unbuffered: the line leaves with the call
	}
	s.Close()
}

func TestCrashSafety(t *testing.T) {
	seed := time.Now().UnixNano()
	if v := os.Getenv(crashSeedEnv); v != "" {
		seed, _ = strconv.ParseInt(v, 10, 64)
	}
	t.Logf("crash test seed %d (set %s=%d to repeat the kill moments)", seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	path := filepath.Join(t.TempDir(), "crash.db")
	var committed []string
	for kill := 0; kill < crashKills; kill++ {
		// Most kills come mid-writing; one in four comes while the store opens.
		early := rng.IntN(4) == 0
		delay := time.Duration(5+rng.IntN(196)) * time.Millisecond
		ids := runAndKill(t, path, early, delay)
		committed = append(committed, ids...)
		checkAfterCrash(t, path, committed)
	}
	if len(committed) < crashKills {
		t.Fatalf("the child committed only %d meetings in %d runs: the test proved little", len(committed), crashKills)
	}
	t.Logf("%d kills, %d meetings committed and found whole", crashKills, len(committed))
}

// runAndKill starts the child, kills it delay after it is ready (or after it
// started, when early) and returns the ids it reported as committed.
func runAndKill(t *testing.T, path string, early bool, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 4096)
	go func() { // only whole lines count: a line cut by the kill was never reported
		r := bufio.NewReader(out)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				close(lines)
				io.Copy(io.Discard, r)
				return
			}
			lines <- strings.TrimSuffix(l, "\n")
		}
	}()
	var ids []string
	if !early {
		timeout := time.After(30 * time.Second)
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok || l == "ready" {
					break wait
				}
			case <-timeout:
				cmd.Process.Kill()
				t.Fatal("the child did not open the store in 30 s")
			}
		}
	}
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	for l := range lines { // until the dead child's end of the pipe is read to the end
		if id, ok := strings.CutPrefix(l, "committed "); ok {
			ids = append(ids, id)
		} else if l != "ready" {
			t.Logf("child: %s", l)
		}
	}
	cmd.Wait() // only now: Wait closes the pipe, and lines not yet read would be lost
	return ids
}

// checkAfterCrash reopens the store and checks it is sound and complete.
func checkAfterCrash(t *testing.T, path string, committed []string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("reopening after a crash: %v", err)
	}
	defer s.Close()
	if res, err := s.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity_check after a crash: %q, %v", res, err)
	}
	db := s.DB()
	attendees := map[string]int{}
	rows, err := db.Query("SELECT m.id, count(a.id) FROM meetings m LEFT JOIN attendance a ON a.meeting_id = m.id GROUP BY m.id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var n int
		rows.Scan(&id, &n)
		attendees[id] = n
	}
	rows.Close()
	for _, id := range committed {
		if n, ok := attendees[id]; !ok || n != crashAttendees {
			t.Fatalf("meeting %s was reported committed but has %d attendees (present: %v)", id, n, ok)
		}
	}
	for id, n := range attendees { // the transaction cut by the kill: all or nothing
		if n != crashAttendees {
			t.Fatalf("meeting %s has %d of its %d attendees: a transaction was half applied", id, n, crashAttendees)
		}
	}
	if n := queryCount(t, db, `SELECT count(*) FROM (SELECT id, 'meetings' AS e FROM meetings UNION ALL SELECT id, 'attendance' FROM attendance) r
		WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.entity = r.e AND c.record_id = r.id)`); n != 0 {
		t.Fatalf("%d records have no change-log row: sync would never send them", n)
	}
	var orphan []string
	for _, e := range Entities {
		orphan = append(orphan, "NOT EXISTS (SELECT 1 FROM "+e.Name+" x WHERE c.entity = '"+e.Name+"' AND x.id = c.record_id)")
	}
	if n := queryCount(t, db, "SELECT count(*) FROM changes c WHERE "+strings.Join(orphan, " AND ")); n != 0 {
		t.Fatalf("%d change-log rows have no record", n)
	}
	if m, r := queryCount(t, db, "SELECT count(*) FROM meetings"), queryCount(t, db, "SELECT count(*) FROM search_rows WHERE entity = 'meetings'"); m != r {
		t.Fatalf("%d meetings but %d in the search index", m, r)
	}
}
