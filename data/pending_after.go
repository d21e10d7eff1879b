package data

import "context"

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
