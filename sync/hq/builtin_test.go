package hq

import (
	"context"
	"path/filepath"
	"testing"

	"mahalleh/data"
	"mahalleh/sync/hq/sqlitehq"
)

// TestHQAndDeviceStartWithTheSameReference: a fresh HQ and a fresh device
// store, each seeded by its own code, hold the same departments (id, code,
// names) and districts, before any sync.
func TestHQAndDeviceStartWithTheSameReference(t *testing.T) {
	ctx := context.Background()
	dev, err := data.Open(filepath.Join(t.TempDir(), "device.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	hs, err := sqlitehq.Open(filepath.Join(t.TempDir(), "hq.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer hs.Close()
	deps, err := dev.Departments(ctx)
	if err != nil || len(deps) == 0 {
		t.Fatalf("device departments: %v %v", deps, err)
	}
	var atHQ []Record
	if err := hs.View(ctx, func(tx Tx) error {
		var err error
		atHQ, err = tx.LiveRecords("departments", 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(atHQ) != len(deps) {
		t.Fatalf("HQ has %d departments, the device %d", len(atHQ), len(deps))
	}
	byID := map[string]Record{}
	for _, r := range atHQ {
		byID[r.ID] = r
	}
	for _, d := range deps {
		r, ok := byID[d.ID]
		if !ok || r.Fields["code"] != d.Code || r.Fields["name_fa"] != d.NameFa || r.Fields["name_en"] != d.NameEn {
			t.Errorf("department %s (%s) differs at HQ: %v", d.ID, d.Code, r.Fields)
		}
	}
	ds, err := dev.Districts(ctx)
	if err != nil || len(ds) != len(Districts) {
		t.Fatalf("device districts %d, HQ %d (%v)", len(ds), len(Districts), err)
	}
	for i, d := range ds {
		if d != Districts[i] || districtName(d.ID) != d.NameEn {
			t.Errorf("district %d: device %v, HQ %v", d.ID, d, Districts[i])
		}
	}
}
