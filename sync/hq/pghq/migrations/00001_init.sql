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
  id        BIGSERIAL PRIMARY KEY,
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
  data         BYTEA NOT NULL,
  PRIMARY KEY (sha256, offset_bytes)
);

-- The 22 districts are inserted by the Go seed (data.BuiltinDistricts), the
-- one table the desktop store is seeded from too.

-- +goose Down
DROP TABLE blob_chunks;
DROP TABLE blobs;
DROP TABLE audit;
DROP TABLE applied_changes;
DROP TABLE records;
DROP TABLE enrol_codes;
DROP TABLE devices;
DROP TABLE districts;
