-- +goose Up
-- The register in Persian alphabetical order, and duplicate detection by
-- telephone number. sort_key is persian.SortKey(name) (its byte order is
-- dictionary order: پ after ب, چ after ج, ژ after ز, گ after ک), phone_norm
-- is persian.PhoneKey(phone). Both are derived in Go on every write
-- (data/rows.go); SQL cannot compute them, so rows that existed before this
-- migration are filled in by the store when it opens (data/derived.go),
-- which also recomputes them when the key's definition changes.
ALTER TABLE people ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN phone_norm TEXT NOT NULL DEFAULT '';
CREATE INDEX people_by_sort ON people (district, sort_key, id);
CREATE INDEX people_by_sort_all ON people (sort_key, id);
CREATE INDEX people_by_phone ON people (district, phone_norm);

-- The attendee picker finds a person by the first letters of any word of
-- the name: one row per (normalised word, person), read as a prefix range.
CREATE TABLE person_words (
  word      TEXT NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (word, person_id)
) WITHOUT ROWID;
CREATE INDEX person_words_by_person ON person_words (person_id);

-- A person's page lists the concerns they raised, newest first.
CREATE INDEX concerns_by_raiser ON concerns (raised_by_id, created_at DESC, id DESC);

-- The trash lists tombstoned meetings and people, newest deletion first.
CREATE INDEX meetings_deleted ON meetings (updated_at, id) WHERE deleted = 1;
CREATE INDEX people_deleted ON people (updated_at, id) WHERE deleted = 1;

-- +goose Down
DROP INDEX concerns_by_raiser;
DROP TABLE person_words;
DROP INDEX people_deleted;
DROP INDEX meetings_deleted;
DROP INDEX people_by_phone;
DROP INDEX people_by_sort_all;
DROP INDEX people_by_sort;
ALTER TABLE people DROP COLUMN phone_norm;
ALTER TABLE people DROP COLUMN sort_key;
