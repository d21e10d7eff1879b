package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealBinary builds the desktop binary and drives it as a scheduled task
// would: through its exit status and its output.
func TestRealBinary(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "mahalleh")
	build := exec.Command("go", "build", "-tags=sqlite_fts5", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "m.db")
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "usage"},
		{[]string{"demo", "--help"}, 0, "--size"},
		{[]string{"demo", "--db", db, "--size", "30"}, 0, "30 meetings"},
		{[]string{"export", "--db", db, "--format", "json", "--out", "-"}, 0, `"format": "mahalleh-export"`},
		{[]string{"export", "--db", filepath.Join(dir, "nope.db"), "--out", "-"}, 1, "not found"},
		{[]string{"import", "--db", db, filepath.Join(dir, "nope.json")}, 1, "پیدا نشد"},
		{[]string{"demo"}, 2, "--db"},
		{[]string{"no-such-command"}, 2, "unknown command"},
	}
	for _, st := range steps {
		out, err := exec.Command(bin, st.args...).CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", st.args, err)
		}
		if code != st.code || !strings.Contains(string(out), st.want) {
			t.Errorf("mahalleh %v: exit %d, want %d; output should contain %q:\n%s", st.args, code, st.code, st.want, out)
		}
	}
}
