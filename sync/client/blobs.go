package client

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Attachments (photos of signed attendance sheets) travel by content hash,
// outside the change log: the attachment record syncs like any record, the
// file follows. Local files live in the store's blobs, reached through the
// store's blob methods (data/blobsync.go). A file HQ is known to have is
// remembered (MarkBlobAtHQ), so a quiet round costs no request.

// attachments uploads the files of local attachment records that HQ lacks,
// then downloads the files of attachment records this store lacks.
func (r *round) attachments(ctx context.Context) error {
	up, err := r.toUpload(ctx)
	if err != nil {
		return err
	}
	for i, sha := range up {
		sent, err := r.upload(ctx, sha)
		if err != nil {
			return err
		}
		if sent {
			r.rep.Uploaded++
		}
		r.progress(Progress{Phase: PhaseUpload, Done: i + 1, Total: len(up)})
	}
	down, err := r.toDownload(ctx)
	if err != nil {
		return err
	}
	for i, b := range down {
		got, err := r.download(ctx, b.SHA256, b.Size)
		if err != nil {
			return err
		}
		if got {
			r.rep.Downloaded++
		}
		r.progress(Progress{Phase: PhaseDownload, Done: i + 1, Total: len(down)})
	}
	return nil
}

func (r *round) toUpload(ctx context.Context) ([]string, error) {
	return r.c.store.BlobsForHQ(ctx)
}

func (r *round) toDownload(ctx context.Context) ([]data.WantedBlob, error) {
	return r.c.store.MissingBlobs(ctx)
}

// upload sends one file in chunks from where HQ stopped receiving it. A
// file HQ refuses (403: another district's content, or an attachment
// record HQ refused) is left for a later round instead of failing this one.
func (r *round) upload(ctx context.Context, sha string) (sent bool, err error) {
	path := "/" + msync.Version + "/blobs/" + sha
	size, err := r.c.store.BlobLength(ctx, sha)
	if err != nil {
		return false, err
	}
	resp, err := r.c.wire.rc.R().SetContext(ctx).Head(path)
	if err != nil {
		return false, wireErr(ctx, err)
	}
	offset := int64(0)
	switch {
	case resp.StatusCode() == http.StatusOK && resp.Header().Get(msync.HeaderBlobComplete) == "true":
		return true, r.c.store.MarkBlobAtHQ(ctx, sha)
	case resp.StatusCode() == http.StatusOK:
		offset, _ = strconv.ParseInt(resp.Header().Get(msync.HeaderBlobReceived), 10, 64)
		// Every byte is there but HQ has not checked the hash (it stopped
		// before it could): resending the last byte makes it check.
		offset = max(0, min(offset, size-1))
	case resp.StatusCode() == http.StatusForbidden:
		return false, nil
	case resp.StatusCode() != http.StatusNotFound:
		return false, fromResponse(resp.StatusCode(), resp.Body())
	}
	for {
		chunk, err := r.c.store.BlobChunk(ctx, sha, offset, msync.BlobChunkSize)
		if err != nil {
			return false, err
		}
		var st msync.BlobStatus
		resp, err := r.c.wire.rc.R().SetContext(ctx).SetBody(chunk).SetResult(&st).
			SetHeader("Content-Type", "application/octet-stream").
			Put(path + "?" + msync.QueryBlobOffset + "=" + strconv.FormatInt(offset, 10) + "&" + msync.QueryBlobSize + "=" + strconv.FormatInt(size, 10))
		if err != nil {
			return false, wireErr(ctx, err)
		}
		if resp.StatusCode() == http.StatusForbidden {
			return false, nil
		}
		if resp.StatusCode() > 299 {
			return false, fromResponse(resp.StatusCode(), resp.Body())
		}
		if st.Complete {
			break
		}
		if st.Received <= offset {
			return false, fromResponse(http.StatusConflict, nil) // HQ did not move: stop, the next round asks again
		}
		offset = st.Received
	}
	return true, r.c.store.MarkBlobAtHQ(ctx, sha)
}

// download fetches one file a chunk at a time (a ranged GET each, so the
// request timeout bounds one chunk, not the whole file: a large photo
// finishes on a slow link), resuming after the bytes already here, and
// keeps it only if its hash is the one the attachment record names. A file
// HQ does not have yet, or will not give this device, is left for later
// (got is false: it is not counted as downloaded).
func (r *round) download(ctx context.Context, sha string, size int64) (got bool, err error) {
	have, err := r.c.store.StartBlob(ctx, sha, size)
	if err != nil {
		return false, err
	}
	for first := true; first || have < size; first = false {
		end := have + msync.BlobChunkSize - 1
		resp, err := r.c.wire.rc.R().SetContext(ctx).
			SetHeader("Range", "bytes="+strconv.FormatInt(have, 10)+"-"+strconv.FormatInt(end, 10)).
			Get("/" + msync.Version + "/blobs/" + sha)
		if err != nil {
			return false, wireErr(ctx, err)
		}
		if n, err := strconv.ParseInt(resp.Header().Get(msync.HeaderBlobSize), 10, 64); err == nil {
			size = n // HQ's size, not the record's claim, says when to stop
		}
		switch resp.StatusCode() {
		case http.StatusOK: // the whole file (an empty one, or a server that ignores Range)
			err = r.c.store.ReplaceBlob(ctx, sha, resp.Body())
			have = size
		case http.StatusPartialContent:
			if len(resp.Body()) == 0 {
				return false, fromResponse(http.StatusConflict, nil)
			}
			err = r.c.store.AppendBlob(ctx, sha, resp.Body())
			have += int64(len(resp.Body()))
		case http.StatusRequestedRangeNotSatisfiable: // more here than HQ has: start again
			have = size
		case http.StatusNotFound, http.StatusForbidden:
			return false, nil // not uploaded yet by the device that has it, or not this district's: next round
		default:
			return false, fromResponse(resp.StatusCode(), resp.Body())
		}
		if err != nil {
			return false, err
		}
	}
	return true, r.verifyBlob(ctx, sha)
}

// verifyBlob marks a downloaded file complete if its hash matches, and
// starts it again from nothing if it does not.
func (r *round) verifyBlob(ctx context.Context, sha string) error {
	ok, err := r.c.store.FinishBlob(ctx, sha)
	if err != nil {
		return err
	}
	if ok {
		return r.c.store.MarkBlobAtHQ(ctx, sha)
	}
	return &Error{Kind: KindServer, Err: errors.New("attachment " + sha + " arrived damaged"),
		Msg:   "An attachment arrived damaged and will be fetched again on the next sync.",
		MsgFa: "یک پیوست ناقص رسید و در همگام‌سازی بعدی دوباره دریافت می‌شود."}
}

func wireErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return canceled(ctx.Err())
	}
	return offline(err)
}
