package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"

	"mahalleh/data"
)

// TestNoAttachmentLeakAcrossDistricts: a district-3 officer who learnt the
// sha256 of a district-14 photo adds an attachment record naming it and
// syncs as usual: HQ refuses the record, the photo never lands in the
// district-3 store, and asking HQ for it directly gets a 404.
func TestNoAttachmentLeakAcrossDistricts(t *testing.T) {
	ctx := context.Background()
	hs := sqliteBackend.open(t)
	srv := startServer(t, hs)
	dir := scratchDir(t)
	owner := enrolDevice(t, hs, dir, srv.URL(), "owner", 14, "officer", fastOptions)
	thief := enrolDevice(t, hs, dir, srv.URL(), "thief", 3, "officer", fastOptions)
	photo := []byte("photo of a district-14 attendance sheet")
	sum := sha256.Sum256(photo)
	sha := hex.EncodeToString(sum[:])
	rng := newRand(9)
	attach := func(d *device, district int) {
		t.Helper()
		err := d.store.Write(ctx, d.officer, func(w *data.Writer) error {
			m, err := w.Save("meetings", editable["meetings"].create(rng, district, refs{}))
			if err != nil {
				return err
			}
			_, err = w.Save("attachments", map[string]any{"district": district, "meeting_id": m.ID(), "file_name": "x.jpg", "sha256": sha, "size": len(photo), "mime": "image/jpeg"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	attach(owner, 14)
	if _, err := owner.store.DB().Exec("INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, ?, 1)", sha, len(photo), photo); err != nil {
		t.Fatal(err)
	}
	if rep, err := owner.client.Sync(ctx, nil); err != nil || rep.Uploaded != 1 {
		t.Fatalf("owner: uploaded %d, %v", rep.Uploaded, err)
	}
	attach(thief, 3)
	for range 2 {
		rep, err := thief.client.Sync(ctx, nil)
		t.Logf("district 3 sync: %+v, %v", rep, err) // refused: how is the refusal helpers' business
		if rep.Downloaded != 0 {
			t.Fatalf("district 3 downloaded %d attachments", rep.Downloaded)
		}
	}
	var n int
	if err := thief.store.DB().QueryRow("SELECT count(*) FROM blobs WHERE length(data) > 0").Scan(&n); err != nil || n != 0 {
		t.Fatalf("district 3 holds %d blobs with content (%v)", n, err)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/v1/blobs/"+sha, nil)
	token, err := thief.store.Setting(ctx, "sync_token")
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("GET by district 3: %d, want 404", resp.StatusCode)
	}
}
