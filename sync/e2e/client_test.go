package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/sync/client"
	"mahalleh/sync/hq"
)

// TestQuietSyncIsOneSmallRoundTrip: with nothing to do, a round is one
// request and under 2 KB on the wire (offices sync over metered links).
func TestQuietSyncIsOneSmallRoundTrip(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	d := enrolDevice(t, hs, scratchDir(t), srv.URL(), "quiet", 14, "officer", fastOptions)
	if err := createOnly(ctx, d, newRand(1), newModel(), 3); err != nil {
		t.Fatal(err)
	}
	if _, err := d.client.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	rep, err := d.client.Sync(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	wire := rep.BytesSent + rep.BytesReceived
	t.Logf("quiet sync: %d request(s), %d bytes sent, %d received, %v", rep.Requests, rep.BytesSent, rep.BytesReceived, rep.Duration)
	if rep.Requests != 1 || wire >= 2048 || rep.Pushed != 0 || rep.Pulled != 0 {
		t.Fatalf("quiet sync: %d requests, %d bytes on the wire (want 1 request, < 2048 bytes)", rep.Requests, wire)
	}
}

// TestRevokedDeviceIsToldToAskHQ: after HQ revokes a device, its next sync
// fails at once (no retries) with a message that says to ask HQ, and the
// message is kept for the status screen; its changes stay waiting.
func TestRevokedDeviceIsToldToAskHQ(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	d := enrolDevice(t, hs, scratchDir(t), srv.URL(), "lost-laptop", 14, "officer", fastOptions)
	if err := hq.Revoke(ctx, hs, d.client.Enrolment().DeviceID); err != nil {
		t.Fatal(err)
	}
	if err := createOnly(ctx, d, newRand(2), newModel(), 2); err != nil {
		t.Fatal(err)
	}
	rep, err := d.client.Sync(ctx, nil)
	ce := client.AsError(err)
	if ce == nil || ce.Kind != client.KindUnauthorized || !strings.Contains(ce.MsgFa, "ستاد") || rep.Requests != 1 {
		t.Fatalf("sync of a revoked device: %v after %d requests", err, rep.Requests)
	}
	st, err := d.client.Status(ctx)
	if err != nil || st.Pending != 2 || st.LastErrorFa != ce.MsgFa {
		t.Fatalf("status of a revoked device: %+v, %v", st, err)
	}
}

// TestRefusedPushIsNotRetriedAndNamesTheRecord: an officer's device cannot
// write reference data; HQ refuses that change once (it is not retried),
// naming the record, with the server's Persian message; the change is set
// aside (kept, not pending) and the round goes on with the pull.
func TestRefusedPushIsNotRetriedAndNamesTheRecord(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	d := enrolDevice(t, hs, scratchDir(t), srv.URL(), "officer", 14, "officer", fastOptions)
	var nb data.Record
	err := d.store.Write(ctx, d.officer, func(w *data.Writer) error {
		var err error
		nb, err = w.Save("neighbourhoods", map[string]any{"district": 14, "name": "محله تازه"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := d.client.Sync(ctx, nil)
	if err != nil || rep.Refused != 1 || rep.Pushed != 0 || rep.Requests != 2 {
		t.Fatalf("push of a neighbourhood by an officer: %+v, %v; want it refused, one push and one pull", rep, err)
	}
	if n, _ := d.store.PendingCount(ctx); n != 0 {
		t.Fatalf("%d changes pending after a refused push, want 0 (set aside)", n)
	}
	list, err := d.store.RefusedChanges(ctx)
	if err != nil || len(list) != 1 || list[0].RecordID != nb.ID() || !strings.Contains(list[0].Message, nb.ID()) || list[0].MessageFa == "" {
		t.Fatalf("refused changes: %+v, %v", list, err)
	}
}

// TestResolveConflictSyncsTheDecision: two officers edit the same minutes;
// one resolves the conflict on their laptop; after syncing, HQ and the other
// laptop have the chosen text and the conflict resolved.
func TestResolveConflictSyncsTheDecision(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	dir := scratchDir(t)
	a := enrolDevice(t, hs, dir, srv.URL(), "a", 14, "officer", fastOptions)
	b := enrolDevice(t, hs, dir, srv.URL(), "b", 14, "officer", fastOptions)
	m := newModel()
	pair := editConcurrently(t, a, b, newRand(3), m)
	if err := syncUntilQuiet(ctx, []*device{a, b}); err != nil {
		t.Fatal(err)
	}
	open, err := a.client.Conflicts(ctx)
	if err != nil || len(open) != 1 {
		t.Fatalf("open conflicts on a: %d, %v (want 1)", len(open), err)
	}
	chosen := open[0].LostValue
	if chosen != pair.values[0] {
		t.Fatalf("the conflict kept %q as the losing version, but the earlier write was %q", chosen, pair.values[0])
	}
	m.before(a)
	start := time.Now()
	if err := a.client.Resolve(ctx, open[0].ID, chosen, a.officer); err != nil {
		t.Fatal(err)
	}
	m.after(a.name, time.Now())
	if err := m.apply(change{Op: "edit", Entity: "meetings", ID: pair.id, Fields: map[string]any{"minutes": chosen}}, a.officer, window{start, time.Now()}, true); err != nil {
		t.Fatal(err)
	}
	m.changes++ // the second change of the resolution: the conflict record's state
	if err := syncUntilQuiet(ctx, []*device{a, b}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*device{a, b} {
		rec, err := d.store.Get(ctx, "meetings", pair.id)
		if err != nil || rec["minutes"] != chosen {
			t.Errorf("%s: minutes %q after the resolution, want %q (%v)", d.name, rec["minutes"], chosen, err)
		}
		if st, _ := d.client.Status(ctx); st.Conflicts != 0 {
			t.Errorf("%s still shows %d open conflicts", d.name, st.Conflicts)
		}
	}
	v := verify(ctx, hs, []*device{a, b}, m)
	if !v.converged || v.lost != 0 || v.duplicated != 0 {
		t.Fatalf("after resolving: %v", v.problems)
	}
}

// TestAttachmentsTravelByHash: a photo of an attendance sheet (2.5 MB, so
// three chunks) attached on one laptop arrives whole on the other laptop of
// the district; a quiet round afterwards sends nothing again.
func TestAttachmentsTravelByHash(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	dir := scratchDir(t)
	a := enrolDevice(t, hs, dir, srv.URL(), "a", 14, "officer", fastOptions)
	b := enrolDevice(t, hs, dir, srv.URL(), "b", 14, "officer", fastOptions)
	photo := make([]byte, 5<<19)
	rng := newRand(4)
	for i := range photo {
		photo[i] = byte(rng.IntN(256))
	}
	sum := sha256.Sum256(photo)
	sha := hex.EncodeToString(sum[:])
	err := a.store.Write(ctx, a.officer, func(w *data.Writer) error {
		m, err := w.Save("meetings", editable["meetings"].create(rng, 14, refs{}))
		if err != nil {
			return err
		}
		_, err = w.Save("attachments", map[string]any{"district": 14, "meeting_id": m.ID(), "file_name": "حاضرین.jpg", "sha256": sha, "size": len(photo), "mime": "image/jpeg"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.DB().Exec("INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, ?, 1)", sha, len(photo), photo); err != nil {
		t.Fatal(err)
	}
	rep, err := a.client.Sync(ctx, nil)
	if err != nil || rep.Uploaded != 1 {
		t.Fatalf("a: uploaded %d, %v", rep.Uploaded, err)
	}
	rep, err = b.client.Sync(ctx, nil)
	if err != nil || rep.Downloaded != 1 {
		t.Fatalf("b: downloaded %d, %v", rep.Downloaded, err)
	}
	var got []byte
	var complete bool
	if err := b.store.DB().QueryRow("SELECT data, complete FROM blobs WHERE sha256 = ?", sha).Scan(&got, &complete); err != nil {
		t.Fatal(err)
	}
	if !complete || !bytes.Equal(got, photo) {
		t.Fatalf("b holds %d bytes (complete %v), want the %d bytes of the photo", len(got), complete, len(photo))
	}
	for _, d := range []*device{a, b} {
		rep, err := d.client.Sync(ctx, nil)
		if err != nil || rep.Requests != 1 || rep.Uploaded+rep.Downloaded != 0 {
			t.Fatalf("%s: quiet round after the photo: %d requests, %+v, %v", d.name, rep.Requests, rep, err)
		}
	}
}
