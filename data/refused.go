package data

import (
	"context"
	"database/sql"
)

// RefusedChange is a change of the local log that HQ refused (or that this
// store could not read back), set aside with the reason: kept, shown to the
// officer, retried or discarded by a person (mahalleh refused).
type RefusedChange struct {
	Seq       int64
	ChangeID  string
	Entity    string
	RecordID  string
	District  int
	Clock     string
	Author    string
	Fields    string // the logged fields as JSON, verbatim (they may not decode)
	Code      string
	Message   string
	MessageFa string
	RefusedAt string
}

// RefusedChanges lists the changes set aside as refused, oldest first.
func (s *Store) RefusedChanges(ctx context.Context) ([]RefusedChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, change_id, entity, record_id, district, hlc, author, fields,
		refused_code, refused_msg, refused_msg_fa, refused_at FROM changes WHERE pushed = 2 ORDER BY seq`)
	if err != nil {
		return nil, wrap("refused", err, "cannot read the refused changes", "خواندن تغییرات ردشده ممکن نشد")
	}
	defer rows.Close()
	var out []RefusedChange
	for rows.Next() {
		var r RefusedChange
		if err := rows.Scan(&r.Seq, &r.ChangeID, &r.Entity, &r.RecordID, &r.District, &r.Clock, &r.Author, &r.Fields,
			&r.Code, &r.Message, &r.MessageFa, &r.RefusedAt); err != nil {
			return nil, wrap("refused", err, "cannot read the refused changes", "خواندن تغییرات ردشده ممکن نشد")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RefusedCount is the number of changes set aside as refused.
func (s *Store) RefusedCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM changes WHERE pushed = 2").Scan(&n)
	if err != nil {
		return 0, wrap("refused", err, "cannot read the refused changes", "خواندن تغییرات ردشده ممکن نشد")
	}
	return n, nil
}

// RetryRefused puts a refused change back in the queue: the next sync sends
// it again (after, say, HQ fixed what made it refuse). It keeps its place in
// the log (its seq), so it goes before later changes.
func (s *Store) RetryRefused(ctx context.Context, changeID string) error {
	return s.moveRefused(ctx, "retry", changeID, changeWaiting)
}

// DiscardRefused drops a refused change from the queue for good. The row
// stays in the log (state "discarded") so that nothing vanishes without a
// trace, but it is never sent. The local record keeps its value until HQ
// sends a newer version of it.
func (s *Store) DiscardRefused(ctx context.Context, changeID string) error {
	return s.moveRefused(ctx, "discard", changeID, changeDiscarded)
}

// RetryAllRefused puts every refused change back in the queue and returns
// how many there were.
func (s *Store) RetryAllRefused(ctx context.Context) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE changes SET pushed = 0, refused_code = '', refused_msg = '', refused_msg_fa = '', refused_at = ''
		WHERE pushed = 2`)
	if err != nil {
		return 0, wrap("retry refused", err, "cannot put the refused changes back in the queue", "برگرداندن تغییرات ردشده به صف ممکن نشد")
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (s *Store) moveRefused(ctx context.Context, op, changeID string, to int) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		q := "UPDATE changes SET pushed = ? WHERE change_id = ? AND pushed = 2"
		if to == changeWaiting {
			q = "UPDATE changes SET pushed = ?, refused_code = '', refused_msg = '', refused_msg_fa = '', refused_at = '' WHERE change_id = ? AND pushed = 2"
		}
		res, err := tx.ExecContext(ctx, q, to, changeID)
		if err != nil {
			return wrap(op+" refused", err, "cannot change the refused change", "تغییر ردشده به‌روز نشد")
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return &Error{Op: op + " refused", Code: ErrNotFound, Err: err,
				Msg:   "there is no refused change " + changeID + "; mahalleh refused --db FILE lists them",
				MsgFa: "تغییر ردشده‌ای با شناسه " + changeID + " وجود ندارد؛ فرمان mahalleh refused --db FILE فهرست آن‌ها را نشان می‌دهد"}
		}
		return nil
	})
}
