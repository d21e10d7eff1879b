package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// The blob methods the sync client moves files with, a chunk at a time so
// an interrupted upload or download resumes where it stopped. A partial
// download is a blobs row with complete = 0 holding the bytes received so far.

// WantedBlob is a file an attachment record names that the store lacks
// (or holds only in part).
type WantedBlob struct {
	SHA256 string
	Size   int64 // the largest size an attachment record claims
}

func blobErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return wrap(op, err, "cannot read or write the attachments", "خواندن یا نوشتن پیوست‌ها ممکن نشد")
}

// BlobsForHQ returns the hashes of the whole files that live attachments
// name and that HQ is not yet known to hold (see MarkBlobAtHQ).
func (s *Store) BlobsForHQ(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT b.sha256 FROM blobs b
		JOIN attachments a ON a.sha256 = b.sha256 AND a.deleted = 0
		WHERE b.complete = 1 AND NOT EXISTS (SELECT 1 FROM settings s WHERE s.key = 'blob_at_hq:' || b.sha256)`)
	if err != nil {
		return nil, blobErr("list attachments", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, blobErr("list attachments", err)
		}
		out = append(out, sha)
	}
	return out, blobErr("list attachments", rows.Err())
}

// MarkBlobAtHQ remembers that HQ holds the whole file sha.
func (s *Store) MarkBlobAtHQ(ctx context.Context, sha string) error {
	return s.SetSetting(ctx, blobAtHQKey(sha), "1")
}

// MissingBlobs returns the files live attachments name that the store
// does not hold whole.
func (s *Store) MissingBlobs(ctx context.Context) ([]WantedBlob, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.sha256, max(a.size) FROM attachments a
		LEFT JOIN blobs b ON b.sha256 = a.sha256
		WHERE a.deleted = 0 AND a.sha256 <> '' AND (b.sha256 IS NULL OR b.complete = 0)
		GROUP BY a.sha256`)
	if err != nil {
		return nil, blobErr("list attachments", err)
	}
	defer rows.Close()
	var out []WantedBlob
	for rows.Next() {
		var b WantedBlob
		if err := rows.Scan(&b.SHA256, &b.Size); err != nil {
			return nil, blobErr("list attachments", err)
		}
		out = append(out, b)
	}
	return out, blobErr("list attachments", rows.Err())
}

// BlobLength is how many bytes of sha the store holds (all of a whole
// file, what arrived so far of a partial one).
func (s *Store) BlobLength(ctx context.Context, sha string) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT length(data) FROM blobs WHERE sha256 = ?", sha).Scan(&n)
	return n, blobErr("read attachment", err)
}

// BlobChunk reads at most n bytes of sha from offset.
func (s *Store) BlobChunk(ctx context.Context, sha string, offset, n int64) ([]byte, error) {
	var chunk []byte
	err := s.db.QueryRowContext(ctx, "SELECT substr(data, ?, ?) FROM blobs WHERE sha256 = ?", offset+1, n, sha).Scan(&chunk)
	return chunk, blobErr("read attachment", err)
}

// StartBlob makes room for a download of sha (size bytes) unless part of
// it is there already, and returns how many bytes are.
func (s *Store) StartBlob(ctx context.Context, sha string, size int64) (have int64, err error) {
	_, err = s.db.ExecContext(ctx, "INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, x'', 0) ON CONFLICT (sha256) DO NOTHING", sha, size)
	if err != nil {
		return 0, blobErr("store attachment", err)
	}
	return s.BlobLength(ctx, sha)
}

// AppendBlob adds the next chunk of a download.
func (s *Store) AppendBlob(ctx context.Context, sha string, chunk []byte) error {
	_, err := s.db.ExecContext(ctx, "UPDATE blobs SET data = data || ? WHERE sha256 = ? AND complete = 0", chunk, sha)
	return blobErr("store attachment", err)
}

// ReplaceBlob puts content in place of what a download received so far
// (a server that sent the whole file at once).
func (s *Store) ReplaceBlob(ctx context.Context, sha string, content []byte) error {
	_, err := s.db.ExecContext(ctx, "UPDATE blobs SET data = ? WHERE sha256 = ? AND complete = 0", content, sha)
	return blobErr("store attachment", err)
}

// FinishBlob checks a download: when its bytes have the hash sha it is
// marked whole (ok); when not, it starts again from nothing.
func (s *Store) FinishBlob(ctx context.Context, sha string) (ok bool, err error) {
	var content []byte
	var complete bool
	if err := s.db.QueryRowContext(ctx, "SELECT data, complete FROM blobs WHERE sha256 = ?", sha).Scan(&content, &complete); err != nil {
		return false, blobErr("check attachment", err)
	}
	if complete {
		return true, nil
	}
	sum := sha256.Sum256(content)
	if hex.EncodeToString(sum[:]) == sha {
		_, err := s.db.ExecContext(ctx, "UPDATE blobs SET complete = 1, size = ? WHERE sha256 = ?", len(content), sha)
		return err == nil, blobErr("check attachment", err)
	}
	_, err = s.db.ExecContext(ctx, "UPDATE blobs SET data = x'' WHERE sha256 = ?", sha)
	return false, blobErr("check attachment", err)
}
