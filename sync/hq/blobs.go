package hq

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	msync "mahalleh/sync"
)

// errBlobMismatch says a completed upload did not hash to its name.
var errBlobMismatch = invalidf("محتوای پیوست با شناسه‌اش (sha256) یکی نیست و کنار گذاشته شد. پیوست را از ابتدا دوباره بفرستید.",
	"The attachment's content does not match its sha256 and was dropped. Upload it again from offset 0.")

// blobRoute serves PUT, HEAD and GET of /v1/blobs/{sha}. Answers are not
// gzipped: photos are compressed already, and Range needs the raw bytes.
func (s *server) blobRoute() http.Handler {
	return s.handle(s.authenticated(func(w http.ResponseWriter, r *http.Request) error {
		sha := r.PathValue("sha")
		if !validSHA(sha) {
			return invalidf("شناسه پیوست باید ۶۴ نویسه شانزده‌شانزدهی کوچک باشد.", "%q is not a sha256 in lower-case hex (64 characters).", clip(sha))
		}
		switch r.Method {
		case http.MethodPut:
			return s.putBlob(w, r, sha)
		case http.MethodGet, http.MethodHead:
			return s.getBlob(w, r, sha)
		}
		w.Header().Set("Allow", "PUT, GET, HEAD")
		return errMethod
	}))
}

func validSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// mayAccessBlob: HQ reads every blob; a district's device only blobs that an
// attachment record of its district names.
func mayAccessBlob(tx Tx, dev *Device, sha string) error {
	if dev.Role == msync.RoleHQ {
		return nil
	}
	districts, err := tx.BlobDistricts(sha)
	if err != nil {
		return err
	}
	if !slices.Contains(districts, dev.District) {
		return forbiddenf("هیچ پیوستی از منطقه این دستگاه به این محتوا اشاره نمی‌کند. اول رکورد پیوست را همگام‌سازی کنید.",
			"No attachment record of this device's district names this content. Sync the attachment record first, then upload or read its content.")
	}
	return nil
}

func (s *server) putBlob(w http.ResponseWriter, r *http.Request, sha string) error {
	offset, size, err := blobParams(r)
	if err != nil {
		return err
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && enc != "identity" {
		return &apiError{Status: http.StatusUnsupportedMediaType, Code: "invalid",
			Message: "Send attachment content uncompressed. Update the app.", MessageFa: "محتوای پیوست را بدون فشرده‌سازی بفرستید. برنامه را به‌روز کنید."}
	}
	chunk, err := io.ReadAll(io.LimitReader(r.Body, msync.BlobChunkSize+1))
	if err != nil {
		return invalidf("بخشی از پیوست کامل نرسید. دوباره بفرستید.", "The chunk could not be read (%v). Send it again.", err)
	}
	if len(chunk) > msync.BlobChunkSize {
		return tooLarge(fmt.Sprintf("A chunk may have at most %d bytes.", msync.BlobChunkSize))
	}
	dev := deviceOf(r)
	var st *Blob
	mismatch := false
	err = s.store.Update(r.Context(), func(tx Tx) error {
		if err := tx.LockRecords(); err != nil {
			return err
		}
		if err := mayAccessBlob(tx, dev, sha); err != nil {
			return err
		}
		st, mismatch, err = storeChunk(tx, sha, offset, size, chunk)
		return err
	})
	if err != nil {
		return err
	}
	if mismatch {
		return errBlobMismatch
	}
	setBlobHeaders(w, st)
	writeJSON(w, http.StatusOK, msync.BlobStatus{SHA256: sha, Size: st.Size, Received: st.Received, Complete: st.Complete})
	return nil
}

// storeChunk appends chunk at offset. A chunk HQ already holds is
// acknowledged without writing; one past the bytes received is refused.
// When the last byte arrives the hash is checked; on a mismatch the upload
// is dropped (and mismatch reported, the drop committed).
func storeChunk(tx Tx, sha string, offset, size int64, chunk []byte) (*Blob, bool, error) {
	b, err := tx.Blob(sha)
	if err != nil {
		return nil, false, err
	}
	if b == nil {
		if err := tx.CreateBlob(sha, size); err != nil {
			return nil, false, err
		}
		b = &Blob{SHA256: sha, Size: size}
	}
	if b.Size != size {
		return nil, false, &apiError{Status: http.StatusConflict, Code: "conflict",
			Message:   fmt.Sprintf("This upload was started with size %d, not %d. Upload it again with the first size.", b.Size, size),
			MessageFa: "اندازه این پیوست با آغاز بارگذاری یکی نیست."}
	}
	if b.Complete {
		return b, false, nil
	}
	if offset > b.Received {
		return nil, false, &apiError{Status: http.StatusConflict, Code: "conflict",
			Message:   fmt.Sprintf("HQ holds %d bytes of this attachment; send the chunk that starts there, not at %d.", b.Received, offset),
			MessageFa: "بارگذاری باید از جایی ادامه یابد که ستاد دارد."}
	}
	end := offset + int64(len(chunk))
	if end > size {
		return nil, false, invalidf("این بخش از اندازه اعلام‌شده پیوست فراتر می‌رود.",
			"The chunk ends at byte %d, beyond the declared size %d.", end, size)
	}
	if end > b.Received {
		if err := tx.AddBlobChunk(sha, b.Received, chunk[b.Received-offset:]); err != nil {
			return nil, false, err
		}
		b.Received = end
	}
	if b.Received < b.Size {
		return b, false, nil
	}
	content, err := tx.BlobData(sha)
	if err != nil {
		return nil, false, err
	}
	if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != sha {
		return nil, true, tx.DeleteBlob(sha)
	}
	b.Complete = true
	return b, false, tx.CompleteBlob(sha)
}

func blobParams(r *http.Request) (offset, size int64, err error) {
	q := r.URL.Query()
	offset, err1 := strconv.ParseInt(q.Get(msync.QueryBlobOffset), 10, 64)
	size, err2 := strconv.ParseInt(q.Get(msync.QueryBlobSize), 10, 64)
	if err1 != nil || err2 != nil || offset < 0 || size < 0 || offset > size {
		return 0, 0, invalidf("پارامترهای offset و size بارگذاری نامعتبرند. برنامه را به‌روز کنید.",
			"PUT of a blob needs ?offset=N&size=TOTAL, whole numbers with 0 ≤ offset ≤ size. Update the app.")
	}
	if size > msync.MaxBlobBytes {
		return 0, 0, tooLarge(fmt.Sprintf("An attachment may have at most %d bytes, not %d.", msync.MaxBlobBytes, size))
	}
	return offset, size, nil
}

func setBlobHeaders(w http.ResponseWriter, b *Blob) {
	h := w.Header()
	h.Set(msync.HeaderBlobSize, strconv.FormatInt(b.Size, 10))
	h.Set(msync.HeaderBlobReceived, strconv.FormatInt(b.Received, 10))
	h.Set(msync.HeaderBlobComplete, strconv.FormatBool(b.Complete))
}

func (s *server) getBlob(w http.ResponseWriter, r *http.Request, sha string) error {
	dev := deviceOf(r)
	var b *Blob
	var content []byte
	err := s.store.View(r.Context(), func(tx Tx) error {
		if err := mayAccessBlob(tx, dev, sha); err != nil {
			return err
		}
		var err error
		if b, err = tx.Blob(sha); err != nil || b == nil || !b.Complete || r.Method == http.MethodHead {
			return err
		}
		content, err = tx.BlobData(sha)
		return err
	})
	if err != nil {
		return err
	}
	if b == nil {
		w.Header().Set(msync.HeaderBlobReceived, "0")
		return blobNotFound
	}
	setBlobHeaders(w, b)
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return nil
	}
	if !b.Complete {
		return blobNotFound
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("ETag", `"`+sha+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
	return nil
}

var blobNotFound = &apiError{Status: http.StatusNotFound, Code: "not_found",
	Message:   "HQ does not have this attachment's content (yet). The device that added it uploads it on its next sync.",
	MessageFa: "محتوای این پیوست (هنوز) در ستاد نیست. دستگاهی که آن را افزوده در همگام‌سازی بعدی می‌فرستد."}
