-- +goose Up
-- The HQ database. Times are Unix milliseconds (UTC). Records keep their
-- current field values and per-field clocks as JSON; seq is bumped on every
-- change of a record and is the pull cursor.

CREATE TABLE districts (
  id      INTEGER PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE devices (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  district     INTEGER NOT NULL,
  role         TEXT NOT NULL,
  officer      TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   BIGINT NOT NULL,
  revoked_at   BIGINT,
  last_seen_at BIGINT,
  last_sync_at BIGINT
);

CREATE TABLE enrol_codes (
  hash       TEXT PRIMARY KEY,
  district   INTEGER NOT NULL,
  officer    TEXT NOT NULL,
  role       TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE TABLE records (
  entity   TEXT NOT NULL,
  id       TEXT NOT NULL,
  district INTEGER NOT NULL,
  fields   TEXT NOT NULL,
  clocks   TEXT NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0,
  seq      BIGINT NOT NULL,
  blob     TEXT,
  PRIMARY KEY (entity, id)
);
CREATE UNIQUE INDEX records_seq ON records (seq);
CREATE INDEX records_district_seq ON records (district, seq);
CREATE INDEX records_blob ON records (blob) WHERE blob IS NOT NULL;

CREATE TABLE applied_changes (
  change_id  TEXT PRIMARY KEY,
  device     TEXT NOT NULL,
  applied_at BIGINT NOT NULL
);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        BIGINT NOT NULL,
  device    TEXT NOT NULL,
  officer   TEXT NOT NULL,
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  fields    TEXT NOT NULL,
  clock     TEXT NOT NULL
);
CREATE INDEX audit_record ON audit (entity, record_id);

CREATE TABLE blobs (
  sha256   TEXT PRIMARY KEY,
  size     BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  complete INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE blob_chunks (
  sha256       TEXT NOT NULL REFERENCES blobs (sha256),
  offset_bytes BIGINT NOT NULL,
  data         BLOB NOT NULL,
  PRIMARY KEY (sha256, offset_bytes)
);

INSERT INTO districts (id, name_fa, name_en) VALUES
  (1, 'منطقه ۱', 'District 1'),
  (2, 'منطقه ۲', 'District 2'),
  (3, 'منطقه ۳', 'District 3'),
  (4, 'منطقه ۴', 'District 4'),
  (5, 'منطقه ۵', 'District 5'),
  (6, 'منطقه ۶', 'District 6'),
  (7, 'منطقه ۷', 'District 7'),
  (8, 'منطقه ۸', 'District 8'),
  (9, 'منطقه ۹', 'District 9'),
  (10, 'منطقه ۱۰', 'District 10'),
  (11, 'منطقه ۱۱', 'District 11'),
  (12, 'منطقه ۱۲', 'District 12'),
  (13, 'منطقه ۱۳', 'District 13'),
  (14, 'منطقه ۱۴', 'District 14'),
  (15, 'منطقه ۱۵', 'District 15'),
  (16, 'منطقه ۱۶', 'District 16'),
  (17, 'منطقه ۱۷', 'District 17'),
  (18, 'منطقه ۱۸', 'District 18'),
  (19, 'منطقه ۱۹', 'District 19'),
  (20, 'منطقه ۲۰', 'District 20'),
  (21, 'منطقه ۲۱', 'District 21'),
  (22, 'منطقه ۲۲', 'District 22');

-- +goose Down
DROP TABLE blob_chunks;
DROP TABLE blobs;
DROP TABLE audit;
DROP TABLE applied_changes;
DROP TABLE records;
DROP TABLE enrol_codes;
DROP TABLE devices;
DROP TABLE districts;
