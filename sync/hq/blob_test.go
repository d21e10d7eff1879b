package hq

import (
	"bytes"
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
