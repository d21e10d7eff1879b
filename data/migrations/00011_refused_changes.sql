-- +goose Up
-- A change HQ refused (a reference-data edit, another district's record, a
-- time far in the future, fields that fail validation) is set aside rather
-- than blocking every later push: changes.pushed becomes 2 and the reason
-- HQ gave is kept beside it, so the officer can see it and retry or discard
-- the change (mahalleh refused). 0 = waiting, 1 = applied by HQ,
-- 2 = refused (kept, not sent), 3 = discarded by a person (kept for the
-- record, never sent).
ALTER TABLE changes ADD COLUMN refused_code TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN refused_msg TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN refused_msg_fa TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN refused_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE changes DROP COLUMN refused_at;
ALTER TABLE changes DROP COLUMN refused_msg_fa;
ALTER TABLE changes DROP COLUMN refused_msg;
ALTER TABLE changes DROP COLUMN refused_code;
