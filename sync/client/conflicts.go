package client

import (
	"context"

	"mahalleh/data"
)

// Conflicts lists the open conflicts of the store, oldest first: two
// people changed the same text, one version was kept in the record and the
// other (LostValue, by LostBy) waits here for someone to decide.
func (c *Client) Conflicts(ctx context.Context) ([]data.Conflict, error) {
	return OpenConflicts(ctx, c.store)
}

// OpenConflicts is Conflicts for a store without a Client (an unenrolled
// store has none, but the command line lists them all the same).
func OpenConflicts(ctx context.Context, s *data.Store) ([]data.Conflict, error) {
	out, err := s.Conflicts(ctx, "open")
	if err != nil {
		return nil, AsError(err)
	}
	return out, nil
}

// Resolve settles a conflict in one transaction: the record's field gets
// keepValue (the kept version, the lost one, or a text merged by hand) and
// the conflict is marked resolved with that value. Both changes sync up, so
// HQ and the district's other devices see the decision.
func (c *Client) Resolve(ctx context.Context, conflictID, keepValue, author string) error {
	return ResolveIn(ctx, c.store, conflictID, keepValue, author)
}

// ResolveIn is Resolve for a store without a Client.
func ResolveIn(ctx context.Context, s *data.Store, conflictID, keepValue, author string) error {
	err := s.Write(ctx, author, func(w *data.Writer) error {
		conf, err := s.Get(ctx, "conflicts", conflictID)
		if err != nil {
			return err
		}
		if conf["state"] != "open" {
			return &Error{Kind: KindRejected,
				Msg:   "This conflict was already resolved (perhaps on another device); refresh the list.",
				MsgFa: "این ناسازگاری پیش‌تر (شاید روی دستگاه دیگری) حل شده است؛ فهرست را تازه کنید."}
		}
		entity, _ := conf["entity"].(string)
		recordID, _ := conf["record_id"].(string)
		field, _ := conf["field"].(string)
		rec, err := s.Get(ctx, entity, recordID)
		if err != nil {
			return err
		}
		if rec["deleted"] != true { // a deleted record keeps the decision in the conflict only
			if _, err := w.Save(entity, map[string]any{"id": recordID, field: keepValue}); err != nil {
				return err
			}
		}
		_, err = w.Save("conflicts", map[string]any{"id": conflictID, "state": "resolved", "resolution": keepValue})
		return err
	})
	if err != nil {
		return AsError(err)
	}
	return nil
}
