-- +goose Up
-- The full-text index stored a copy of every record's normalised text
-- beside the records (a tenth of a store); it becomes contentless: the
-- index keeps the words, the rows keep the text (data/searchindex.go).
-- Its rowids become time-ordered (a meeting's start, another record's
-- creation, in Unix seconds, shifted left 24 bits, over the old rowid's
-- low bits), so that a list filtered by a word reads its matches newest
-- first and stops after a page; and a tags column holds each record's
-- type and district as words. The copy is rebuilt once from the old
-- index, whose text is already normalised.
CREATE TABLE search_rows_v2 (
  rowid     INTEGER PRIMARY KEY,
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  district  INTEGER NOT NULL,
  UNIQUE (entity, record_id)
);
INSERT INTO search_rows_v2 (rowid, entity, record_id, district)
  SELECT (coalesce(max(CAST(strftime('%s', CASE r.entity
      WHEN 'neighbourhoods' THEN (SELECT created_at FROM neighbourhoods WHERE id = r.record_id)
      WHEN 'people' THEN (SELECT created_at FROM people WHERE id = r.record_id)
      WHEN 'meetings' THEN (SELECT starts_at FROM meetings WHERE id = r.record_id)
      WHEN 'concerns' THEN (SELECT created_at FROM concerns WHERE id = r.record_id)
      WHEN 'decisions' THEN (SELECT created_at FROM decisions WHERE id = r.record_id)
      WHEN 'action_items' THEN (SELECT created_at FROM action_items WHERE id = r.record_id)
      WHEN 'projects' THEN (SELECT created_at FROM projects WHERE id = r.record_id)
    END) AS INTEGER), 0), 0) << 24) | (r.rowid & 16777215), r.entity, r.record_id, r.district
  FROM search_rows r;
CREATE VIRTUAL TABLE search_index_v2 USING fts5(title, body, tags, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search_index_v2 (rowid, title, body, tags)
  SELECT n.rowid, i.title, i.body,
    'e' || replace(n.entity, '_', '') || ' e' || replace(n.entity, '_', '') || 'd' || n.district || ' d' || n.district
  FROM search_rows_v2 n JOIN search_rows r ON r.entity = n.entity AND r.record_id = n.record_id
  JOIN search_index i ON i.rowid = r.rowid
  ORDER BY n.rowid;
DROP TABLE search_index;
DROP TABLE search_rows;
ALTER TABLE search_rows_v2 RENAME TO search_rows;
ALTER TABLE search_index_v2 RENAME TO search_index;

-- +goose Down
-- A store is never migrated down: restore a backup instead.
SELECT 1;
