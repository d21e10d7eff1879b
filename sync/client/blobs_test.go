package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	msync "mahalleh/sync"
)

// rangeHQ serves one blob the way HQ does, but answers only ranged GETs of
// at most one chunk: a client that asks for the whole file at once (one
// request whose timeout must cover the whole file) is refused.
type rangeHQ struct {
	fakeHQ
	content []byte
	ranges  []string
}

func (h *rangeHQ) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/v1/blobs/") {
		h.fakeHQ.ServeHTTP(w, r)
		return
	}
	rg := r.Header.Get("Range")
	h.ranges = append(h.ranges, rg)
	from, to, ok := strings.Cut(strings.TrimPrefix(rg, "bytes="), "-")
	a, err1 := strconv.Atoi(from)
	b, err2 := strconv.Atoi(to)
	if !ok || err1 != nil || err2 != nil || b-a+1 > msync.BlobChunkSize {
		http.Error(w, "ask for one chunk at a time", http.StatusBadRequest)
		return
	}
	w.Header().Set(msync.HeaderBlobSize, strconv.Itoa(len(h.content)))
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.content))
}

// TestDownloadIsByChunks: a 3.5-chunk photo comes down in four ranged GETs
// of one chunk each (so the request timeout bounds a chunk, not the file),
// resuming after the bytes already here, and arrives whole.
func TestDownloadIsByChunks(t *testing.T) {
	content := make([]byte, 3*msync.BlobChunkSize+msync.BlobChunkSize/2)
	rand.New(rand.NewSource(3)).Read(content)
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	h := &rangeHQ{fakeHQ: fakeHQ{statuses: []int{200}}, content: content}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	s := openStore(t)
	if _, err := Enrol(ctx, s, srv.URL, "GOOD", "laptop"); err != nil {
		t.Fatal(err)
	}
	c, err := New(s, Options{Retries: 0})
	if err != nil {
		t.Fatal(err)
	}
	// A first attempt stopped after 1000 bytes.
	if _, err := c.store.DB().Exec("INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, ?, 0)", sha, len(content), content[:1000]); err != nil {
		t.Fatal(err)
	}
	r := &round{c: c, rep: &Report{}, progress: func(Progress) {}}
	if got, err := r.download(ctx, sha, int64(len(content))); err != nil || !got {
		t.Fatalf("download: %v (ranges asked %v)", err, h.ranges)
	}
	want := []string{"bytes=1000-1049575", "bytes=1049576-2098151", "bytes=2098152-3146727", "bytes=3146728-4195303"}
	if strings.Join(h.ranges, " ") != strings.Join(want, " ") {
		t.Fatalf("ranges asked: %v, want %v", h.ranges, want)
	}
	var got []byte
	var complete bool
	if err := c.store.DB().QueryRow("SELECT data, complete FROM blobs WHERE sha256 = ?", sha).Scan(&got, &complete); err != nil {
		t.Fatal(err)
	}
	if !complete || !bytes.Equal(got, content) {
		t.Fatalf("holds %d bytes (complete %v), want the %d bytes", len(got), complete, len(content))
	}
}
