package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"mahalleh/data"
	"mahalleh/sync/hq"
)

// seedFromEnv reads a uint64 seed from the environment, or returns def.
func seedFromEnv(name string, def uint64) uint64 {
	if v, err := strconv.ParseUint(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return def
}

// TestConvergence: HQ and three devices (two in district 14, one in 3)
// make random creates, edits and deletes, offline and online, syncing in
// random order; the two district-14 devices also edit the same free texts
// while offline. Afterwards every device's export equals HQ's export of its
// district, no write is lost, every losing version of a concurrent edit is
// kept in a conflict, and nothing of district 14 is on the district-3 device.
func TestConvergence(t *testing.T) {
	t.Parallel() // independent of the other tests: it overlaps with them
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			seed := seedFromEnv("MAHALLEH_CONVERGENCE_SEED", 20251001)
			t.Logf("seed %d (replay with MAHALLEH_CONVERGENCE_SEED=%d)", seed, seed)
			convergence(t, b, seed)
		})
	}
}

func convergence(t *testing.T, b backend, seed uint64) {
	hs := b.open(t)
	convergenceAt(t, hs, []string{startServer(t, hs).URL()}, seed)
}

// convergenceAt runs the convergence test with HQ's store hs served at
// urls: the devices are spread over them in turn (HQ at the first, d14a at
// the second…), as behind a load balancer.
func convergenceAt(t *testing.T, hs hq.Store, urls []string, seed uint64) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := scratchDir(t)
	at := func(i int) string { return urls[i%len(urls)] }
	hqDev := enrolDevice(t, hs, dir, at(0), "hq", 0, "hq", fastOptions)
	a := enrolDevice(t, hs, dir, at(1), "d14a", 14, "officer", fastOptions)
	bDev := enrolDevice(t, hs, dir, at(2), "d14b", 14, "supervisor", fastOptions)
	c := enrolDevice(t, hs, dir, at(3), "d3", 3, "officer", fastOptions)
	devs := []*device{hqDev, a, bDev, c}

	refChanges := addReferenceData(t, hqDev)
	if err := syncUntilQuiet(ctx, devs); err != nil {
		t.Fatal(err)
	}
	for _, d := range devs[1:] {
		if hoods, _ := d.store.Neighbourhoods(ctx, d.district); len(hoods) != 3 {
			t.Fatalf("%s has %d neighbourhoods of its district after the first pull, want 3", d.name, len(hoods))
		}
	}

	m := newModel()
	var pairs []concurrentEdit
	for step := 0; step < 40; step++ {
		d := devs[1+rng.IntN(3)]
		if err := randomChanges(ctx, d, rng, m, 1+rng.IntN(6)); err != nil {
			t.Fatal(err)
		}
		if step%8 == 7 {
			pairs = append(pairs, editConcurrently(t, a, bDev, rng, m))
		}
		if rng.IntN(3) > 0 { // online this time; otherwise it stays offline a while
			o := devs[rng.IntN(len(devs))]
			if _, err := o.client.Sync(ctx, nil); err != nil {
				t.Fatalf("sync %s at step %d: %v", o.name, step, err)
			}
		}
	}
	if err := syncUntilQuiet(ctx, devs); err != nil {
		t.Fatal(err)
	}
	v := verify(ctx, hs, devs, m)
	checkAudit(ctx, &v, hs, m.changes+refChanges)
	for _, p := range v.problems {
		t.Error(p)
	}
	if v.lost != 0 || v.duplicated != 0 || !v.converged {
		t.Fatalf("lost %d, duplicated %d, converged %v", v.lost, v.duplicated, v.converged)
	}
	checkPairsKept(t, hqDev, pairs)
	checkNothingOfOtherDistricts(t, c)
	st, err := a.client.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records made, %d concurrent edits of free text, %d open conflicts on d14a", len(m.recs), len(pairs), st.Conflicts)
	if st.Conflicts == 0 {
		t.Error("concurrent edits of free text produced no conflict on the district-14 device")
	}
}

// addReferenceData has HQ make three neighbourhoods in each district the
// devices work in (and a subdistrict for them), and returns how many
// changes that made.
func addReferenceData(t *testing.T, hqDev *device) int {
	n := 0
	err := hqDev.store.Write(context.Background(), hqDev.officer, func(w *data.Writer) error {
		for _, d := range []int{3, 14} {
			sub, err := w.Save("subdistricts", map[string]any{"district": d, "number": 1, "name": "ناحیه ۱"})
			if err != nil {
				return err
			}
			n++
			for i := 1; i <= 3; i++ {
				name := "محله " + strconv.Itoa(d) + "-" + strconv.Itoa(i)
				if _, err := w.Save("neighbourhoods", map[string]any{"district": d, "subdistrict_id": sub.ID(), "name": name}); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("HQ's reference data: %v", err)
	}
	return n
}

// concurrentEdit is one free-text field that two devices changed while
// neither had seen the other's version.
type concurrentEdit struct {
	entity, id, field string
	values            [2]string
}

// editConcurrently syncs a and b, then has both change the same meeting's
// minutes offline, then syncs both: one version wins, the other must
// survive as a conflict.
func editConcurrently(t *testing.T, a, b *device, rng *rand.Rand, m *model) concurrentEdit {
	ctx := context.Background()
	f := editable["meetings"].create(rng, 14, refs{})
	id := uuid.Must(uuid.NewV7()).String()
	f["id"] = id
	if err := write(ctx, a, m, change{Op: "create", Entity: "meetings", ID: id, Fields: f}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*device{a, b} {
		if _, err := d.client.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	ce := concurrentEdit{entity: "meetings", id: id, field: "minutes"}
	for i, d := range []*device{a, b} {
		ce.values[i] = "نسخه " + d.name + " " + text(rng, 6)
		if err := write(ctx, d, m, change{Op: "edit", Entity: "meetings", ID: id, Fields: map[string]any{"minutes": ce.values[i]}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []*device{b, a} {
		if _, err := d.client.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	return ce
}

// checkPairsKept: both versions of every concurrent edit are findable on
// HQ's device, in the record or in a conflict.
func checkPairsKept(t *testing.T, hqDev *device, pairs []concurrentEdit) {
	ctx := context.Background()
	all, err := hqDev.store.Conflicts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		rec, err := hqDev.store.Get(ctx, p.entity, p.id)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{data.ValueText(rec[p.field]): true}
		for _, c := range all {
			if c.RecordID == p.id && c.Field == p.field {
				found[c.KeptValue], found[c.LostValue] = true, true
			}
		}
		for _, want := range p.values {
			if !found[want] {
				t.Errorf("%s %s.%s: the version %q is neither in the record nor in a conflict", p.entity, p.id, p.field, want)
			}
		}
	}
}

// checkNothingOfOtherDistricts: the district-3 device holds no record of
// any district but 3 and HQ's shared district 0, tombstones included.
func checkNothingOfOtherDistricts(t *testing.T, d *device) {
	for _, e := range data.Entities {
		var n int
		err := d.store.DB().QueryRow("SELECT count(*) FROM "+e.Name+" WHERE district NOT IN (0, ?)", d.district).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s holds %d %s of other districts", d.name, n, e.Name)
		}
	}
}
