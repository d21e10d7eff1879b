package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
)

// Attachment is a file kept with a meeting: a photo or scan of the signed
// attendance sheet, a document. The record syncs like any other; its
// content lives in the blobs table under its SHA-256, once however many
// attachments name it, and travels by the resumable blob protocol.
type Attachment struct {
	Meta
	MeetingID string `json:"meeting_id"`
	FileName  string `json:"file_name"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MIME      string `json:"mime"`
}

// blobAtHQKey is the setting that remembers HQ holds a blob, so a quiet
// sync round asks nothing about it (the name older versions wrote).
func blobAtHQKey(sha string) string { return "blob_at_hq:" + sha }

func tooLarge(op string) error {
	return invalid(op, "the file is larger than 64 MB; scan or photograph it at a lower resolution",
		"پرونده بزرگ‌تر از ۶۴ مگابایت است؛ آن را با کیفیت کمتری اسکن یا عکس‌برداری کنید")
}

// AddAttachment stores the content of r with meeting meetingID as a file
// called name: the content once by its hash (a second copy of the same
// scan adds a record, not a second copy), the record through the normal
// write path so it syncs. One transaction.
func (s *Store) AddAttachment(ctx context.Context, author, meetingID, name, mime string, r io.Reader) (Attachment, error) {
	const op = "add attachment"
	content, err := io.ReadAll(io.LimitReader(r, MaxAttachmentBytes+1))
	if err != nil {
		return Attachment{}, wrap(op, err, "cannot read the file", "پرونده خوانده نشد")
	}
	if len(content) > MaxAttachmentBytes {
		return Attachment{}, tooLarge(op)
	}
	sum := sha256.Sum256(content)
	a := Attachment{MeetingID: meetingID, FileName: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content)), MIME: mime}
	err = s.Write(ctx, author, func(w *Writer) error {
		m, err := getRecord(ctx, w.tx, EntityByName("meetings"), meetingID)
		if err != nil {
			return err
		}
		if m == nil || m["deleted"] == true {
			return &Error{Op: op, Code: ErrNotFound, Msg: "save the meeting before attaching files to it", MsgFa: "پیش از افزودن پیوست، نشست را ذخیره کنید"}
		}
		a.District = m.District()
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, ?, 1)
			ON CONFLICT (sha256) DO UPDATE SET data = excluded.data, size = excluded.size, complete = 1 WHERE blobs.complete = 0`,
			a.SHA256, a.Size, content); err != nil {
			return wrap(op, err, "cannot store the file", "پرونده ذخیره نشد")
		}
		return w.Put("attachments", &a)
	})
	return a, err
}

// Attachments returns the live attachments of a meeting, oldest first.
func (s *Store) Attachments(ctx context.Context, meetingID string) ([]Attachment, error) {
	var out []Attachment
	err := s.each(ctx, "attachments", "meeting_id = ?", []any{meetingID}, "created_at", func(r Record) {
		var a Attachment
		fromRecord(r, &a)
		out = append(out, a)
	})
	return out, err
}

// HasBlob says whether the whole content of sha is in the store.
func (s *Store) HasBlob(ctx context.Context, sha string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM blobs WHERE sha256 = ? AND complete = 1", sha).Scan(&n)
	if err != nil {
		return false, wrap("read attachment", err, "cannot read the attachments", "پیوست‌ها خوانده نشد")
	}
	return n > 0, nil
}

// OpenBlob opens the content of sha. A file the store has not received
// whole yet (it arrives with the next sync) is ErrNotFound.
func (s *Store) OpenBlob(ctx context.Context, sha string) (io.ReadCloser, error) {
	var content []byte
	err := s.db.QueryRowContext(ctx, "SELECT data FROM blobs WHERE sha256 = ? AND complete = 1", sha).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Op: "open attachment", Code: ErrNotFound, Msg: "this file has not arrived yet; it comes with the next sync",
			MsgFa: "این پرونده هنوز نرسیده است؛ با همگام‌سازی بعدی می‌رسد"}
	}
	if err != nil {
		return nil, wrap("open attachment", err, "cannot read the file", "پرونده خوانده نشد")
	}
	return io.NopCloser(bytes.NewReader(content)), nil
}

// PutBlob stores a whole file received from elsewhere (a download, a
// restore) if its content has the hash sha; a file that does not is
// refused and nothing is stored.
func (s *Store) PutBlob(ctx context.Context, sha string, r io.Reader) error {
	content, err := io.ReadAll(io.LimitReader(r, MaxAttachmentBytes+1))
	if err != nil {
		return wrap("store attachment", err, "cannot read the file", "پرونده خوانده نشد")
	}
	if len(content) > MaxAttachmentBytes {
		return tooLarge("store attachment")
	}
	if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != sha {
		return invalid("store attachment", "the file is damaged (its content does not match its hash)", "پرونده آسیب دیده است")
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO blobs (sha256, size, data, complete) VALUES (?, ?, ?, 1)
		ON CONFLICT (sha256) DO UPDATE SET data = excluded.data, size = excluded.size, complete = 1`, sha, len(content), content)
	if err != nil {
		return wrap("store attachment", err, "cannot store the file", "پرونده ذخیره نشد")
	}
	return nil
}
