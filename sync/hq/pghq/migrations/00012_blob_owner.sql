-- +goose Up
-- A blob belongs to the district whose device started its upload (0: an HQ
-- device): only that district and HQ may read it or name it in a new
-- attachment record. Blobs uploaded before this rule go to the district of
-- the oldest attachment record naming them.
ALTER TABLE blobs ADD COLUMN district INTEGER NOT NULL DEFAULT 0;
UPDATE blobs SET district = COALESCE((SELECT r.district FROM records r
  WHERE r.blob = blobs.sha256 AND r.entity = 'attachments' ORDER BY r.seq LIMIT 1), 0);

-- +goose Down
ALTER TABLE blobs DROP COLUMN district;
