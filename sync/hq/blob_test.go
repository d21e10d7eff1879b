package hq

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"net/http"
	"testing"
	"time"

	msync "mahalleh/sync"
)

func TestBlobUploadResumesAndVerifies(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(14, msync.RoleOfficer, "Ali")
		content := make([]byte, msync.BlobChunkSize*2+1234)
		rand.New(rand.NewSource(1)).Read(content)
		sum := sha256.Sum256(content)
		sha := hex.EncodeToString(sum[:])
		m := newMeeting(14, "with photo", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(dev.Token, m, attachment(m, sha, len(content)))
		put := func(off, end int) reply {
			return env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=%d&size=%d", sha, off, len(content)), dev.Token, content[off:end])
		}
		if r := env.raw(http.MethodHead, "/v1/blobs/"+sha, dev.Token, nil); r.status != http.StatusNotFound || r.header.Get(msync.HeaderBlobReceived) != "0" {
			t.Fatalf("HEAD before upload: %d %v", r.status, r.header)
		}
		c := msync.BlobChunkSize
		if r := put(0, c); r.status != http.StatusOK || r.header.Get(msync.HeaderBlobReceived) != fmt.Sprint(c) {
			t.Fatalf("first chunk: %d %s", r.status, r.body)
		}
		// The reply was lost: the same chunk again is acknowledged, not doubled.
		if r := put(0, c); r.status != http.StatusOK || r.header.Get(msync.HeaderBlobReceived) != fmt.Sprint(c) {
			t.Fatalf("resent chunk: %d %s", r.status, r.body)
		}
		if r := put(2*c, len(content)); r.status != http.StatusConflict {
			t.Fatalf("chunk past the received bytes: %d %s", r.status, r.body)
		}
		if r := env.raw(http.MethodGet, "/v1/blobs/"+sha, dev.Token, nil); r.status != http.StatusNotFound {
			t.Fatalf("GET of an incomplete blob: %d", r.status)
		}
		r := env.raw(http.MethodHead, "/v1/blobs/"+sha, dev.Token, nil)
		if r.header.Get(msync.HeaderBlobReceived) != fmt.Sprint(c) || r.header.Get(msync.HeaderBlobComplete) != "false" {
			t.Fatalf("HEAD mid-upload: %v", r.header)
		}
		put(c, 2*c)
		if r := put(2*c, len(content)); r.header.Get(msync.HeaderBlobComplete) != "true" {
			t.Fatalf("last chunk: %d %s", r.status, r.body)
		}
		got := env.raw(http.MethodGet, "/v1/blobs/"+sha, dev.Token, nil)
		if got.status != http.StatusOK || !bytes.Equal(got.body, content) {
			t.Fatalf("download: %d, %d bytes", got.status, len(got.body))
		}
		part := env.raw(http.MethodGet, "/v1/blobs/"+sha, dev.Token, nil, "Range", "bytes=100-199")
		if part.status != http.StatusPartialContent || !bytes.Equal(part.body, content[100:200]) {
			t.Fatalf("range: %d, %d bytes", part.status, len(part.body))
		}

		// Content that does not hash to its name is dropped.
		fake := []byte("not what the hash says")
		other := sha256.Sum256([]byte("something else"))
		otherSHA := hex.EncodeToString(other[:])
		env.mustPush(dev.Token, attachment(m, otherSHA, len(fake)))
		r = env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=0&size=%d", otherSHA, len(fake)), dev.Token, fake)
		if r.status != http.StatusBadRequest {
			t.Fatalf("mismatched content: %d %s", r.status, r.body)
		}
		if r := env.raw(http.MethodHead, "/v1/blobs/"+otherSHA, dev.Token, nil); r.status != http.StatusNotFound {
			t.Fatalf("mismatched upload kept: %d", r.status)
		}
		if r := env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=0&size=%d", sha, msync.MaxBlobBytes+1), dev.Token, nil); r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversize blob: %d", r.status)
		}
		big := make([]byte, msync.BlobChunkSize+1)
		if r := env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=0&size=%d", otherSHA, len(big)), dev.Token, big); r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversize chunk: %d", r.status)
		}
	})
}

// TestBlobFollowsItsOwner: a district-3 device that learnt the sha256 of a
// district-14 photo cannot get it by naming it in an attachment record of
// its own: the record is refused, and the content is absent to it whether
// or not such a record exists. The district's other devices and HQ read it.
func TestBlobFollowsItsOwner(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		owner := env.enrol(14, msync.RoleOfficer, "Ali")
		peer := env.enrol(14, msync.RoleSupervisor, "Sara")
		thief := env.enrol(3, msync.RoleOfficer, "Reza")
		hqDev := env.enrol(0, msync.RoleHQ, "HQ")
		content := []byte("signed attendance sheet of district 14")
		sum := sha256.Sum256(content)
		sha := hex.EncodeToString(sum[:])
		m14 := newMeeting(14, "with photo", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(owner.Token, m14, attachment(m14, sha, len(content)))

		// Before the owner uploads, the thief names the hash: accepted (HQ
		// holds nothing yet), but it gives no access once district 14 uploads.
		m3 := newMeeting(3, "mine", clockAt(time.Now(), 1, "bbbb"))
		env.mustPush(thief.Token, m3, attachment(m3, sha, len(content)))
		put := fmt.Sprintf("/v1/blobs/%s?offset=0&size=%d", sha, len(content))
		if r := env.raw(http.MethodPut, put, owner.Token, content); r.status != http.StatusOK || r.header.Get(msync.HeaderBlobComplete) != "true" {
			t.Fatalf("owner's upload: %d %s", r.status, r.body)
		}
		// Afterwards a new attachment record naming it is refused.
		env.refusedAlone("district 3 naming district 14's blob", thief, attachment(m3, sha, len(content)), msync.RefusedForbidden,
			"uploaded to HQ by a device of another district")
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			if r := env.raw(method, "/v1/blobs/"+sha, thief.Token, nil); r.status != http.StatusNotFound || bytes.Contains(r.body, content) {
				t.Fatalf("%s by district 3: %d %q, want 404", method, r.status, r.body)
			}
		}
		if r := env.raw(http.MethodGet, "/v1/blobs/"+sha, thief.Token, nil, "Range", "bytes=0-9"); r.status != http.StatusNotFound {
			t.Fatalf("ranged GET by district 3: %d", r.status)
		}
		if r := env.raw(http.MethodPut, put, thief.Token, content); r.status != http.StatusForbidden {
			t.Fatalf("PUT by district 3: %d %s", r.status, r.body)
		}
		for _, tok := range []string{owner.Token, peer.Token, hqDev.Token} {
			if r := env.raw(http.MethodGet, "/v1/blobs/"+sha, tok, nil); r.status != http.StatusOK || !bytes.Equal(r.body, content) {
				t.Fatalf("GET by a reader of district 14: %d %q", r.status, r.body)
			}
		}
	})
}

// TestBlobStreamsInChunks: a blob of several stored chunks, uploaded in
// chunks that do not line up with the reads, comes back whole and by any
// range, compared with the bytes the test made.
func TestBlobStreamsInChunks(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(5, msync.RoleOfficer, "Ali")
		content := make([]byte, 3*msync.BlobChunkSize+77)
		rand.New(rand.NewSource(7)).Read(content)
		sum := sha256.Sum256(content)
		sha := hex.EncodeToString(sum[:])
		m := newMeeting(5, "photos", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(dev.Token, m, attachment(m, sha, len(content)))
		for off := 0; off < len(content); {
			end := min(off+msync.BlobChunkSize-1000, len(content))
			r := env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=%d&size=%d", sha, off, len(content)), dev.Token, content[off:end])
			if r.status != http.StatusOK {
				t.Fatalf("chunk at %d: %d %s", off, r.status, r.body)
			}
			off = end
		}
		if r := env.raw(http.MethodGet, "/v1/blobs/"+sha, dev.Token, nil); !bytes.Equal(r.body, content) {
			t.Fatalf("whole blob: %d, %d bytes", r.status, len(r.body))
		}
		for _, rg := range [][2]int{{0, 0}, {msync.BlobChunkSize - 1001, msync.BlobChunkSize + 5}, {len(content) - 10, len(content) - 1}, {1, 2*msync.BlobChunkSize + 3}} {
			r := env.raw(http.MethodGet, "/v1/blobs/"+sha, dev.Token, nil, "Range", fmt.Sprintf("bytes=%d-%d", rg[0], rg[1]))
			if r.status != http.StatusPartialContent || !bytes.Equal(r.body, content[rg[0]:rg[1]+1]) {
				t.Fatalf("range %v: %d, %d bytes", rg, r.status, len(r.body))
			}
		}
	})
}

// TestUnverifiedBlobIsCheckedOnResend: HQ stopped after storing the last
// chunk but before checking the hash (the check runs outside the record
// lock, after the chunk is committed). HEAD says every byte is there but
// not complete; resending the last byte makes HQ check: good content
// completes, bad content is dropped.
func TestUnverifiedBlobIsCheckedOnResend(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(7, msync.RoleOfficer, "Ali")
		m := newMeeting(7, "photos", clockAt(time.Now(), 0, "aaaa"))
		env.mustPush(dev.Token, m) // HQ holds the meeting its attachments name
		for _, tc := range []struct {
			stored   string
			complete string
			status   int
		}{{"the right content", "true", http.StatusOK}, {"tampered content!", "", http.StatusBadRequest}} {
			sum := sha256.Sum256([]byte("the right content"))
			sha := hex.EncodeToString(sum[:])
			if tc.status != http.StatusOK {
				other := sha256.Sum256([]byte("another photo"))
				sha = hex.EncodeToString(other[:])
			}
			env.mustPush(dev.Token, attachment(m, sha, len(tc.stored)))
			err := env.store.Update(context.Background(), func(tx Tx) error {
				if err := tx.CreateBlob(sha, int64(len(tc.stored)), 7); err != nil {
					return err
				}
				return tx.AddBlobChunk(sha, 0, []byte(tc.stored))
			})
			if err != nil {
				t.Fatal(err)
			}
			h := env.raw(http.MethodHead, "/v1/blobs/"+sha, dev.Token, nil)
			if h.header.Get(msync.HeaderBlobReceived) != fmt.Sprint(len(tc.stored)) || h.header.Get(msync.HeaderBlobComplete) != "false" {
				t.Fatalf("HEAD of an unverified blob: %d %v", h.status, h.header)
			}
			n := len(tc.stored)
			r := env.raw(http.MethodPut, fmt.Sprintf("/v1/blobs/%s?offset=%d&size=%d", sha, n-1, n), dev.Token, []byte(tc.stored[n-1:]))
			if r.status != tc.status || r.header.Get(msync.HeaderBlobComplete) != tc.complete {
				t.Fatalf("resent last byte of %q: %d %v %s", tc.stored, r.status, r.header, r.body)
			}
			if tc.status != http.StatusOK {
				if r := env.raw(http.MethodHead, "/v1/blobs/"+sha, dev.Token, nil); r.status != http.StatusNotFound {
					t.Fatalf("tampered upload kept: %d", r.status)
				}
			}
		}
	})
}
