package data

import (
	"context"
	"strings"
)

// LinksFrom returns the live links whose from_id is one of ids (a meeting's
// decisions and the concerns they answer, say), oldest first.
func (s *Store) LinksFrom(ctx context.Context, fromEntity string, ids []string) ([]Link, error) {
	var out []Link
	for len(ids) > 0 {
		n := min(len(ids), 500) // SQLite's bound on parameters is far above this
		args := []any{fromEntity}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		cond := "from_entity = ? AND from_id IN (?" + strings.Repeat(", ?", n-1) + ")"
		err := s.each(ctx, "links", cond, args, "created_at", func(r Record) {
			var l Link
			fromRecord(r, &l)
			out = append(out, l)
		})
		if err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}
