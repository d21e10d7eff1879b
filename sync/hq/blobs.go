package hq

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"mahalleh/data"
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

// Blob access follows the blob's owner, the district whose device started
// its upload, never merely a record that names the hash: a device that
// learnt another district's sha256 must not get the content by naming it.
// HQ devices read every blob. A blob an HQ device uploaded (owner 0) is
// read by the districts whose live attachment records name it.

// blobVisible reports whether dev may read (and name in a new attachment
// record) the blob b.
func blobVisible(tx Tx, dev *Device, b *Blob) (bool, error) {
	if dev.Role == msync.RoleHQ || b.District == dev.District {
		return true, nil
	}
	if b.District != 0 {
		return false, nil
	}
	districts, err := tx.BlobDistricts(b.SHA256)
	return slices.Contains(districts, dev.District), err
}

// mayStartBlob: a device starts the upload of a blob HQ does not have only
// once an attachment record of its district names it (role hq: any).
func mayStartBlob(tx Tx, dev *Device, sha string) error {
	if dev.Role == msync.RoleHQ {
		return nil
	}
	districts, err := tx.BlobDistricts(sha)
	if err != nil {
		return err
	}
	if !slices.Contains(districts, dev.District) {
		return forbiddenf("هیچ پیوستی از منطقه این دستگاه به این محتوا اشاره نمی‌کند. اول رکورد پیوست را همگام‌سازی کنید.",
			"No attachment record of this device's district names this content. Sync the attachment record first, then upload its content.")
	}
	return nil
}

var errBlobOfOtherDistrict = forbiddenf("این محتوا را دستگاهی از منطقه دیگری به ستاد فرستاده است و میان منطقه‌ها به اشتراک گذاشته نمی‌شود. پیوست را از پرونده خودتان دوباره بیفزایید یا به ستاد خبر دهید.",
	"This content was uploaded to HQ by a device of another district and is not shared across districts. Add the attachment again from your own file, or report this to HQ.")

// checkAttachmentBlob refuses a change that makes an attachment record of a
// district name a blob that district may not read (another district's).
// A hash HQ does not hold yet is accepted: the first district to upload
// it owns it.
func checkAttachmentBlob(tx Tx, dev *Device, i int, c *data.Change) error {
	sha, _ := c.Fields["sha256"].(string)
	if c.Entity != "attachments" || sha == "" || dev.Role == msync.RoleHQ {
		return nil
	}
	b, err := tx.Blob(sha)
	if err != nil || b == nil {
		return err
	}
	ok, err := blobVisible(tx, dev, b)
	if err != nil || ok {
		return err
	}
	return forbiddenf(whereFa(i)+": "+errBlobOfOtherDistrict.MessageFa, "%s: %s", where(i, c), errBlobOfOtherDistrict.Message)
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
	verify := false
	err = s.store.Update(r.Context(), func(tx Tx) error {
		if err := tx.LockRecords(); err != nil {
			return err
		}
		b, err := tx.Blob(sha)
		if err != nil {
			return err
		}
		if b == nil {
			if err := mayStartBlob(tx, dev, sha); err != nil {
				return err
			}
		} else if ok, err := blobVisible(tx, dev, b); err != nil || !ok {
			if err == nil {
				err = errBlobOfOtherDistrict
			}
			return err
		}
		st, verify, err = storeChunk(tx, b, dev, sha, offset, size, chunk)
		return err
	})
	if err != nil {
		return err
	}
	if verify {
		if st, err = s.verifyBlob(r.Context(), sha); err != nil {
			return err
		}
	}
	setBlobHeaders(w, st)
	writeJSON(w, http.StatusOK, msync.BlobStatus{SHA256: sha, Size: st.Size, Received: st.Received, Complete: st.Complete})
	return nil
}

// storeChunk appends chunk at offset to the upload b (nil: none yet, which
// it starts, owned by the device's district). A chunk HQ already holds is
// acknowledged without writing; one past the bytes received is refused.
// verify says every byte is there and the hash is still to be checked,
// which verifyBlob does outside the record lock.
func storeChunk(tx Tx, b *Blob, dev *Device, sha string, offset, size int64, chunk []byte) (_ *Blob, verify bool, _ error) {
	if b == nil {
		if err := tx.CreateBlob(sha, size, dev.District); err != nil {
			return nil, false, err
		}
		b = &Blob{SHA256: sha, Size: size, District: dev.District}
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
	return b, b.Received == b.Size, nil
}

// verifyBlob hashes a fully received upload chunk by chunk, holding no lock
// and at most one chunk in memory, then marks it complete or, on a
// mismatch, drops it. A second finisher (a resent last chunk, a server
// that crashed before this step) only repeats the same verdict.
func (s *server) verifyBlob(ctx context.Context, sha string) (*Blob, error) {
	h := sha256.New()
	err := s.store.View(ctx, func(tx Tx) error {
		h.Reset()
		return tx.BlobChunks(sha, func(c []byte) error { h.Write(c); return nil })
	})
	if err != nil {
		return nil, err
	}
	good := hex.EncodeToString(h.Sum(nil)) == sha
	var b *Blob
	err = s.store.Update(ctx, func(tx Tx) error {
		var err error
		if b, err = tx.Blob(sha); err != nil || b == nil || b.Complete || b.Received != b.Size {
			return err
		}
		if !good {
			b = nil
			return tx.DeleteBlob(sha)
		}
		b.Complete = true
		return tx.CompleteBlob(sha)
	})
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, errBlobMismatch
	}
	return b, nil
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

// getBlob answers HEAD with the upload state and GET with the content,
// streamed from the stored chunks (Range supported): never more than one
// chunk of it in memory. A blob the device may not read is answered as
// absent, so that naming a hash tells nothing about another district.
func (s *server) getBlob(w http.ResponseWriter, r *http.Request, sha string) error {
	dev := deviceOf(r)
	var b *Blob
	err := s.store.View(r.Context(), func(tx Tx) error {
		var err error
		if b, err = tx.Blob(sha); err != nil || b == nil {
			return err
		}
		ok, err := blobVisible(tx, dev, b)
		if !ok {
			b = nil
		}
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
	http.ServeContent(w, r, "", time.Time{}, &blobReader{ctx: r.Context(), store: s.store, sha: sha, size: b.Size})
	return nil
}

// blobReader reads a complete blob from the store one stored chunk at a
// time, each in its own short read transaction: a complete blob never
// changes, so the pieces fit together.
type blobReader struct {
	ctx   context.Context
	store Store
	sha   string
	size  int64
	pos   int64
	buf   []byte // the bytes from pos on, read but not yet returned
}

func (br *blobReader) Read(p []byte) (int, error) {
	if br.pos >= br.size {
		return 0, io.EOF
	}
	if len(br.buf) == 0 {
		err := br.store.View(br.ctx, func(tx Tx) error {
			var err error
			br.buf, err = tx.BlobRange(br.sha, br.pos, msync.BlobChunkSize)
			return err
		})
		if err != nil {
			return 0, err
		}
		if len(br.buf) == 0 {
			return 0, io.ErrUnexpectedEOF
		}
	}
	n := copy(p, br.buf)
	br.buf = br.buf[n:]
	br.pos += int64(n)
	return n, nil
}

func (br *blobReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += br.pos
	case io.SeekEnd:
		offset += br.size
	}
	if offset < 0 {
		return 0, errors.New("seek before the start of the blob")
	}
	if offset != br.pos {
		br.pos, br.buf = offset, nil
	}
	return offset, nil
}

var blobNotFound = &apiError{Status: http.StatusNotFound, Code: "not_found",
	Message:   "HQ does not have this attachment's content (yet). The device that added it uploads it on its next sync.",
	MessageFa: "محتوای این پیوست (هنوز) در ستاد نیست. دستگاهی که آن را افزوده در همگام‌سازی بعدی می‌فرستد."}
