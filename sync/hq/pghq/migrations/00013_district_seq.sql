-- +goose Up
-- Writes scale with districts: each district has its own sequence of record
-- numbers (district_seq), and a push locks only the rows of the districts
-- it writes, so pushes of different districts commit side by side. A pull
-- cursor holds one number per district (see sync/PROTOCOL.md, Pull).
--
-- Every district's sequence starts above the highest number given out so
-- far, so that a cursor of the old, global form ("1834": everything up to
-- 1834 seen) still means the same thing in every district.
CREATE TABLE district_seq (
  district INTEGER PRIMARY KEY,
  seq      BIGINT NOT NULL
);
INSERT INTO district_seq (district, seq)
  SELECT d.id, (SELECT COALESCE(MAX(seq), 0) FROM records) FROM districts d;
INSERT INTO district_seq (district, seq)
  SELECT 0, (SELECT COALESCE(MAX(seq), 0) FROM records)
  WHERE NOT EXISTS (SELECT 1 FROM district_seq WHERE district = 0);

-- A record's number is unique within its district only.
DROP INDEX records_seq;
DROP INDEX records_district_seq;
CREATE UNIQUE INDEX records_district_seq ON records (district, seq);

-- The device whose pushes made the whole current state of a record ('' when
-- another device, HQ or a merge of several had a part in it). That device
-- holds the record already: a pull does not send it back to it.
ALTER TABLE records ADD COLUMN origin TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE records DROP COLUMN origin;
DROP INDEX records_district_seq;
CREATE UNIQUE INDEX records_seq ON records (seq);
CREATE INDEX records_district_seq ON records (district, seq);
DROP TABLE district_seq;
