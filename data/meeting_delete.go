package data

import (
	"context"
	"encoding/json"
	"strings"
)

// meetingChildren are the records that belong to a meeting and go to the
// trash with it, in the order they are deleted (children of children first).
var meetingChildren = []string{"action_items", "decisions", "concerns", "agenda_items", "attendance", "attachments"}

// DeleteMeeting moves a meeting and everything recorded in it to the trash
// in one transaction. The ids of the children it deleted are kept on this
// device, so that RestoreMeeting brings back exactly those and not the ones
// an officer had removed earlier.
func (s *Store) DeleteMeeting(ctx context.Context, author, id string) error {
	if _, err := s.Get(ctx, "meetings", id); err != nil {
		return err
	}
	var deleted []string
	return s.Write(ctx, author, func(w *Writer) error {
		for _, entity := range meetingChildren {
			var ids []string
			if err := s.each(ctx, entity, "meeting_id = ?", []any{id}, "created_at", func(r Record) { ids = append(ids, r.ID()) }); err != nil {
				return err
			}
			for _, child := range ids {
				if err := w.Delete(entity, child); err != nil {
					return err
				}
				deleted = append(deleted, entity+"/"+child)
			}
		}
		if err := w.Delete("meetings", id); err != nil {
			return err
		}
		b, _ := json.Marshal(deleted)
		return setSetting(ctx, w.tx, "deleted_with:"+id, string(b))
	})
}

// RestoreMeeting brings a meeting back from the trash with the records
// DeleteMeeting took with it, in one transaction. Restoring syncs like any
// other change.
func (s *Store) RestoreMeeting(ctx context.Context, author, id string) error {
	with, err := s.Setting(ctx, "deleted_with:"+id)
	if err != nil {
		return err
	}
	var children []string
	_ = json.Unmarshal([]byte(with), &children) // none kept: the meeting alone
	return s.Write(ctx, author, func(w *Writer) error {
		if _, err := w.Save("meetings", map[string]any{"id": id, "deleted": false}); err != nil {
			return err
		}
		for i := len(children) - 1; i >= 0; i-- {
			entity, child, _ := strings.Cut(children[i], "/")
			if _, err := w.Save(entity, map[string]any{"id": child, "deleted": false}); err != nil {
				return err
			}
		}
		_, err := w.tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", "deleted_with:"+id)
		return err
	})
}
