package data

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestBuiltinReferenceSeeded: a new store has Tehran's 22 districts and the
// ten departments (as an officer reads them, checked against names written
// here); opening it again adds nothing and restores nothing HQ changed.
func TestBuiltinReferenceSeeded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Districts(ctx)
	if err != nil || len(ds) != 22 || ds[13] != (District{14, "منطقه ۱۴", "District 14"}) || ds[0].NameFa != "منطقه ۱" {
		t.Fatalf("districts: %v %v", ds, err)
	}
	wantCodes := []string{"civil_works", "crisis", "cultural", "green_space", "health", "social", "sports", "traffic", "urban_planning", "urban_services"}
	codes := func() []string {
		deps, err := s.Departments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range deps {
			out = append(out, d.Code)
		}
		return out
	}
	if got := codes(); !slices.Equal(got, wantCodes) {
		t.Fatalf("departments %v, want %v", got, wantCodes)
	}
	// HQ renamed one department and deleted another; a reopen keeps both.
	if _, err := s.DB().Exec("UPDATE departments SET name_en = 'Roads' WHERE code = 'civil_works'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("UPDATE departments SET deleted = 1 WHERE code = 'sports'"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	var name string
	s.DB().QueryRow("SELECT count(*) FROM departments").Scan(&n)
	s.DB().QueryRow("SELECT name_en FROM departments WHERE code = 'civil_works'").Scan(&name)
	if got := codes(); n != 10 || name != "Roads" || slices.Contains(got, "sports") {
		t.Fatalf("after reopening: %d departments, civil works %q, live %v", n, name, got)
	}
}
