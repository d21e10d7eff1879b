package data

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestStoreIsPrivate: a new store's folder is the owner's only (0700) and
// the store and its WAL are readable by the owner only (0600); a store an
// older version left readable (0644) is tightened when opened.
func TestStoreIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits; the user's profile folder is private there")
	}
	dir := filepath.Join(t.TempDir(), "new", "mahalleh")
	path := filepath.Join(dir, "mahalleh.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", filepath.Base(p), fi.Mode().Perm(), err, want)
		}
	}
	old := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(old, 0o644)
	s2, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 {
		t.Errorf("an old readable store is still %v", fi.Mode().Perm())
	}
}

// TestOpenOfAFolderLeavesItAlone: --db naming a folder by mistake is an
// error, and the folder keeps its permissions.
func TestOpenOfAFolderLeavesItAlone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	if s, err := Open(dir); err == nil {
		s.Close()
		t.Fatal("opened a folder as a store")
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Fatalf("the folder is now %v", fi.Mode().Perm())
	}
}
