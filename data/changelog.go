package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The states of a row of the change log (changes.pushed).
const (
	changeWaiting   = 0 // not yet acknowledged by HQ
	changePushed    = 1 // applied by HQ: rows of older versions, deleted at the next Open (upkeep.go)
	changeRefused   = 2 // refused by HQ (or unreadable here): set aside, kept, not sent
	changeDiscarded = 3 // a refused change a person chose to drop: kept, never sent
)

// ChangeError names a change of the local change log that cannot be read
// back (its fields no longer pass validation, or its JSON is damaged). It
// is wrapped in an *Error; the sync client sets such a change aside as
// refused instead of sending a change with no fields.
type ChangeError struct {
	Seq      int64
	ChangeID string
	Entity   string
	RecordID string
	Err      error
}

func (e *ChangeError) Error() string {
	return fmt.Sprintf("change %s (%s %s): %v", e.ChangeID, e.Entity, e.RecordID, e.Err)
}

func (e *ChangeError) Unwrap() error { return e.Err }

func badChange(c *Change, err error) error {
	ce := &ChangeError{Seq: c.Seq, ChangeID: c.ChangeID, Entity: c.Entity, RecordID: c.ID, Err: err}
	return &Error{Op: "changes", Code: ErrInvalid, Err: ce,
		Msg: fmt.Sprintf("the local change %s (%s %s) cannot be read back (%v); it must be set aside (mahalleh refused lists it)",
			c.ChangeID, c.Entity, c.ID, err),
		MsgFa: fmt.Sprintf("تغییر %s (%s) در فهرست تغییرات این دستگاه خوانده نمی‌شود؛ باید کنار گذاشته شود (فرمان mahalleh refused آن را نشان می‌دهد)",
			c.ChangeID, c.Entity)}
}

// PendingChanges returns up to limit changes not yet acknowledged by HQ,
// oldest first, without those set aside as refused. A change whose fields
// cannot be decoded is an error naming it (errors.As gives a *ChangeError),
// never a change with no fields.
func (s *Store) PendingChanges(ctx context.Context, limit int) ([]Change, error) {
	return s.PendingChangesAfter(ctx, 0, limit) // seq starts at 1
}

// PendingChangesAfter is PendingChanges for the changes after the change
// log's seq after: the sync client reads and encodes the next batch while
// the previous one is still on its way to HQ, before it is marked pushed.
func (s *Store) PendingChangesAfter(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, change_id, entity, record_id, district, hlc, author, fields, base
		FROM changes WHERE pushed = 0 AND seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, wrap("changes", err, "cannot read the change log", "خواندن فهرست تغییرات ممکن نشد")
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var fields, base string
		if err := rows.Scan(&c.Seq, &c.ChangeID, &c.Entity, &c.ID, &c.District, &c.Clock, &c.Author, &fields, &base); err != nil {
			return nil, wrap("changes", err, "cannot read the change log", "خواندن فهرست تغییرات ممکن نشد")
		}
		if err := decodeChange(&c, fields, base); err != nil {
			return nil, badChange(&c, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// decodeChange reads a logged change's fields back in canonical form
// (JSON numbers back to int64) and its base clocks.
func decodeChange(c *Change, fields, base string) error {
	e := EntityByName(c.Entity)
	if e == nil {
		return fmt.Errorf("unknown record type %q", c.Entity)
	}
	var raw map[string]any
	dec := json.NewDecoder(strings.NewReader(fields))
	dec.UseNumber() // numbers exactly: 2^53+1 must not come back as 2^53
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("damaged fields: %w", err)
	}
	if len(raw) == 0 {
		return fmt.Errorf("the change has no fields")
	}
	rec, err := CheckFields(e, raw)
	if err != nil {
		return err
	}
	c.Fields = rec
	if err := json.Unmarshal([]byte(base), &c.Base); err != nil {
		return fmt.Errorf("damaged base clocks: %w", err)
	}
	return nil
}

// Refusal is HQ's (or this store's) reason for not taking one change.
type Refusal struct {
	ChangeID  string
	Code      string // "forbidden", "invalid", "future", "unreadable", …
	Message   string
	MessageFa string
}

// MarkPushed records that HQ has applied every waiting change up to seq,
// except those it refused, which are set aside in the same transaction
// (kept with their reason, no longer sent; see RefusedChanges).
//
// The applied changes are deleted: HQ holds them durably, and nothing on
// the device reads them again. What the log keeps is what is still needed:
//   - waiting changes (pushed = 0), until HQ acknowledges them;
//   - refused and discarded ones (2, 3), for the person to retry or read;
//   - nothing for conflict detection: a change carries, from the moment it
//     is written, the clocks its fields had before (base, read from
//     record_clocks), and HQ tells a concurrent edit from a later one by
//     them; merging a pull reads record_clocks, never the log;
//   - nothing for a re-push after restoring this device's backup: the
//     backup holds the changes that were waiting when it was taken, with
//     their change ids, and HQ acknowledges those it already applied as
//     duplicates;
//   - the clock's high-water mark, which Open used to read from the log,
//     lives in the settings (upkeep.go).
func (s *Store) MarkPushed(ctx context.Context, seq int64, refused ...Refusal) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := setAside(ctx, tx, refused); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM changes WHERE pushed = 0 AND seq <= ?", seq)
		if err != nil {
			return wrap("changes", err, "cannot mark changes as sent", "ثبت ارسال تغییرات ممکن نشد")
		}
		return nil
	})
}

// SetAside sets waiting changes aside as refused, with their reasons: a
// change this store cannot read back, which must not block the others.
func (s *Store) SetAside(ctx context.Context, refused ...Refusal) error {
	return s.Tx(ctx, func(tx *sql.Tx) error { return setAside(ctx, tx, refused) })
}

func setAside(ctx context.Context, tx *sql.Tx, refused []Refusal) error {
	at := FormatTime(time.Now())
	for _, r := range refused {
		_, err := tx.ExecContext(ctx, `UPDATE changes SET pushed = 2, refused_code = ?, refused_msg = ?, refused_msg_fa = ?, refused_at = ?
			WHERE change_id = ? AND pushed = 0`, r.Code, r.Message, r.MessageFa, at, r.ChangeID)
		if err != nil {
			return wrap("changes", err, "cannot set a refused change aside", "کنار گذاشتن تغییر ردشده ممکن نشد")
		}
	}
	return nil
}

// PendingCount is the number of changes waiting to be pushed (refused ones
// not included: see RefusedCount).
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM changes WHERE pushed = 0").Scan(&n)
	return n, err
}
