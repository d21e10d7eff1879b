package data

import (
	"context"
	"database/sql"
	"errors"
)

// Deleted is one entry of the trash: a tombstoned meeting or person.
type Deleted struct {
	Entity    string // "meetings" or "people"
	ID        string
	District  int
	Title     string // the meeting's title or the person's name
	DeletedAt string // when it was deleted (its last update)
	DeletedBy string
}

// trashEntities are what the trash shows. Other records are deleted with
// their meeting in the editor and restored there.
var trashEntities = map[string]string{"meetings": "title", "people": "name"}

// ListDeleted lists tombstoned meetings and people, newest deletion first.
// entity is "meetings", "people", or "" for both.
func (s *Store) ListDeleted(ctx context.Context, entity string, p Page) ([]Deleted, string, error) {
	op := "list deleted"
	if _, ok := trashEntities[entity]; !ok && entity != "" {
		return nil, "", invalid(op, "the trash holds meetings and people, not "+entity, "سطل بازیافت فقط نشست‌ها و افراد را نگه می‌دارد")
	}
	var parts []string
	var args []any
	for _, e := range []string{"meetings", "people"} {
		if entity != "" && e != entity {
			continue
		}
		var w where
		w.add("deleted = 1")
		key, id, ok := splitCursor(p.After)
		if ok {
			w.add("updated_at <= ? AND (updated_at < ? OR id < ?)", key, key, id)
		}
		parts = append(parts, "SELECT '"+e+"', id, district, "+trashEntities[e]+", updated_at, updated_by FROM "+e+w.sql())
		args = append(args, w.args...)
	}
	q := parts[0]
	if len(parts) > 1 {
		q += " UNION ALL " + parts[1]
	}
	q += " ORDER BY 5 DESC, 2 DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(args, p.limit()+1)...)
	if err != nil {
		return nil, "", wrap(op, err, "cannot read the trash", "سطل بازیافت خوانده نشد")
	}
	defer rows.Close()
	var out []Deleted
	for rows.Next() {
		var d Deleted
		if err := rows.Scan(&d.Entity, &d.ID, &d.District, &d.Title, &d.DeletedAt, &d.DeletedBy); err != nil {
			return nil, "", wrap(op, err, "cannot read the trash", "سطل بازیافت خوانده نشد")
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, "", wrap(op, err, "cannot read the trash", "سطل بازیافت خوانده نشد")
	}
	next := ""
	if len(out) > p.limit() {
		out = out[:p.limit()]
		last := out[len(out)-1]
		next = cursor(last.DeletedAt, last.ID)
	}
	return out, next, nil
}

// Restore takes a record out of the trash. It is an ordinary edit (deleted
// becomes false) through Save, so it is logged and syncs like any other,
// and the record is searchable again. A meeting comes back with the records
// DeleteMeeting took to the trash with it (see RestoreMeeting). Restoring a
// record that is not deleted changes nothing.
func (s *Store) Restore(ctx context.Context, author, entity, id string) error {
	op := "restore " + entity
	e := EntityByName(entity)
	if e == nil || e.Reference {
		return invalid(op, "records of type "+entity+" cannot be restored here", "این نوع رکورد را نمی‌توان بازگرداند")
	}
	var found int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM "+entity+" WHERE id = ?", id).Scan(&found)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Op: op, Code: ErrNotFound, Msg: "there is no such record to restore; it may have been emptied from the trash on another device",
			MsgFa: "چنین رکوردی برای بازگرداندن وجود ندارد"}
	}
	if err != nil {
		return wrap(op, err, "cannot read the record to restore", "خواندن رکورد برای بازگرداندن ممکن نشد")
	}
	if entity == "meetings" {
		return s.RestoreMeeting(ctx, author, id)
	}
	return s.Write(ctx, author, func(w *Writer) error {
		_, err := w.Save(entity, map[string]any{"id": id, "deleted": false})
		return err
	})
}
