package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuietUnderCLocale builds the binary and runs its commands under
// LANG=C.UTF-8, the default of servers and fresh Debian installs, where
// Fyne's lang package used to log six "Fyne error: Error parsing user locale
// C" lines (with the build machine's paths) before any command ran. A
// command's stderr must hold only what the command itself says.
func TestQuietUnderCLocale(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "mahalleh")
	if out, err := exec.Command("go", "build", "-tags=sqlite_fts5", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	for _, lang := range []string{"C.UTF-8", "POSIX.utf8"} {
		for _, args := range [][]string{{"--help"}, {"help", "export"}, {"demo", "--help"}, {"conflicts", "--help"}} {
			cmd := exec.Command(bin, args...)
			cmd.Env = append(env, "LANG="+lang)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Errorf("LANG=%s mahalleh %v: %v", lang, args, err)
			}
			if stderr.Len() > 0 {
				t.Errorf("LANG=%s mahalleh %v printed on stderr:\n%s", lang, args, stderr.String())
			}
			if !strings.Contains(stdout.String(), "usage") {
				t.Errorf("LANG=%s mahalleh %v: no usage on stdout:\n%s", lang, args, stdout.String())
			}
		}
	}
}
