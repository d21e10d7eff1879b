package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Drafts keep what an officer is typing (a meeting's minutes, a whole
// unsaved form) outside the records, so that closing the window or a crash
// loses at most the seconds since the last draft was written. A draft is
// not a change: it is never synced, and it is dropped when the form is
// saved or cancelled.

// Draft is one saved draft.
type Draft struct {
	Key       string
	Text      string
	UpdatedAt time.Time
}

// SaveDraft writes (or replaces) the draft under key in its own transaction.
func (s *Store) SaveDraft(ctx context.Context, key, text string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		key, text, FormatTime(time.Now()))
	if err != nil {
		return wrap("save draft", err, "the draft could not be saved", "پیش‌نویس ذخیره نشد")
	}
	return nil
}

// LoadDraft returns the draft under key; ok is false when there is none.
func (s *Store) LoadDraft(ctx context.Context, key string) (d Draft, ok bool, err error) {
	var at string
	err = s.db.QueryRowContext(ctx, "SELECT text, updated_at FROM drafts WHERE key = ?", key).Scan(&d.Text, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, wrap("read draft", err, "the draft could not be read", "پیش‌نویس خوانده نشد")
	}
	d.Key = key
	d.UpdatedAt, _ = ParseTime(at)
	return d, true, nil
}

// DeleteDraft drops the draft under key (no error when there is none).
func (s *Store) DeleteDraft(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM drafts WHERE key = ?", key); err != nil {
		return wrap("delete draft", err, "the draft could not be removed", "پیش‌نویس پاک نشد")
	}
	return nil
}
