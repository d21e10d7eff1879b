-- +goose Up
-- The first schema of the local store. Entity tables mirror data/entity.go;
-- references are not FOREIGN KEYs on purpose: sync may deliver a child before
-- its parent, and a tombstone never removes a row. Foreign keys are still on
-- for the store's own bookkeeping tables.

CREATE TABLE districts (
  id      INTEGER PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE subdistricts (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  number INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE neighbourhoods (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  subdistrict_id TEXT,
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE departments (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL DEFAULT '',
  name_fa TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE people (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  neighbourhood_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  name_norm TEXT NOT NULL DEFAULT ''
);

CREATE TABLE meetings (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  neighbourhood_id TEXT,
  kind TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL DEFAULT '',
  ends_at TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  organiser_id TEXT,
  minutes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE attendance (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  person_id TEXT,
  guest_name TEXT NOT NULL DEFAULT '',
  present INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE agenda_items (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL DEFAULT ''
);

CREATE TABLE concerns (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  neighbourhood_id TEXT,
  department_id TEXT,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  priority TEXT NOT NULL DEFAULT '',
  raised_by_id TEXT,
  status TEXT NOT NULL DEFAULT ''
);

CREATE TABLE decisions (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  text TEXT NOT NULL DEFAULT ''
);

CREATE TABLE action_items (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  decision_id TEXT,
  neighbourhood_id TEXT,
  department_id TEXT,
  title TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  responsible_id TEXT,
  responsible_name TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT ''
);

CREATE TABLE follow_ups (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  action_item_id TEXT NOT NULL,
  noted_at TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  new_status TEXT NOT NULL DEFAULT ''
);

CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  neighbourhood_id TEXT,
  department_id TEXT,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  progress INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE links (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  from_entity TEXT NOT NULL DEFAULT '',
  from_id TEXT NOT NULL,
  to_entity TEXT NOT NULL DEFAULT '',
  to_id TEXT NOT NULL,
  relation TEXT NOT NULL DEFAULT ''
);

CREATE TABLE attachments (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL DEFAULT 0,
  mime TEXT NOT NULL DEFAULT ''
);

CREATE TABLE conflicts (
  id          TEXT PRIMARY KEY,
  district    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_by  TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0,
  entity TEXT NOT NULL DEFAULT '',
  record_id TEXT NOT NULL,
  field TEXT NOT NULL DEFAULT '',
  kept_value TEXT NOT NULL DEFAULT '',
  lost_value TEXT NOT NULL DEFAULT '',
  lost_by TEXT NOT NULL DEFAULT '',
  lost_clock TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT ''
);

CREATE INDEX meetings_list ON meetings (district, deleted, starts_at DESC, id);
CREATE INDEX meetings_by_neighbourhood ON meetings (neighbourhood_id, starts_at DESC);
CREATE INDEX meetings_by_kind ON meetings (kind, starts_at DESC);
CREATE INDEX people_by_name ON people (district, name_norm);
CREATE INDEX people_by_neighbourhood ON people (neighbourhood_id);
CREATE INDEX attendance_by_meeting ON attendance (meeting_id);
CREATE INDEX attendance_by_person ON attendance (person_id);
CREATE INDEX agenda_by_meeting ON agenda_items (meeting_id, position);
CREATE INDEX concerns_list ON concerns (district, deleted, created_at DESC);
CREATE INDEX concerns_by_meeting ON concerns (meeting_id);
CREATE INDEX concerns_by_neighbourhood ON concerns (neighbourhood_id, created_at DESC);
CREATE INDEX concerns_by_status ON concerns (status, created_at DESC);
CREATE INDEX decisions_by_meeting ON decisions (meeting_id);
CREATE INDEX actions_list ON action_items (district, deleted, due_date);
CREATE INDEX actions_by_meeting ON action_items (meeting_id);
CREATE INDEX actions_by_status ON action_items (status, due_date);
CREATE INDEX actions_by_department ON action_items (department_id, due_date);
CREATE INDEX actions_by_neighbourhood ON action_items (neighbourhood_id, due_date);
CREATE INDEX follow_ups_by_action ON follow_ups (action_item_id, noted_at);
CREATE INDEX projects_by_neighbourhood ON projects (neighbourhood_id);
CREATE INDEX links_from ON links (from_id);
CREATE INDEX links_to ON links (to_id);
CREATE INDEX attachments_by_meeting ON attachments (meeting_id);
CREATE INDEX conflicts_by_state ON conflicts (state, created_at);

-- The change log: every local change, written in the transaction that makes
-- it. Sync pushes rows with pushed = 0 in seq order. fields holds the new
-- values of the changed fields; base holds, per field, the clock the editor
-- saw before the edit, so the server can tell a concurrent edit from a later one.
CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  district  INTEGER NOT NULL,
  hlc       TEXT NOT NULL,
  author    TEXT NOT NULL DEFAULT '',
  fields    TEXT NOT NULL,
  base      TEXT NOT NULL DEFAULT '{}',
  pushed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX changes_unpushed ON changes (pushed, seq);
CREATE INDEX changes_by_record ON changes (entity, record_id);

-- The clock of the last write of each field of each record (JSON object
-- field -> hybrid logical clock), for field-by-field merging.
CREATE TABLE record_clocks (
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  clocks    TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

-- Small settings: this device's id, its sync token and cursor, the clock.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Attachment contents by SHA-256, filled in chunks so uploads and downloads resume.
CREATE TABLE blobs (
  sha256   TEXT PRIMARY KEY,
  size     INTEGER NOT NULL,
  data     BLOB NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0
);

-- Drafts of long texts (minutes), saved while typing so a crash loses little.
CREATE TABLE drafts (
  key        TEXT PRIMARY KEY,
  text       TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text search over normalised text (see data/persian). search_rows maps
-- a record to the rowid of its row in search_index.
CREATE TABLE search_rows (
  rowid     INTEGER PRIMARY KEY,
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  district  INTEGER NOT NULL,
  UNIQUE (entity, record_id)
);
CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

-- +goose Down
-- A store is never migrated down: restore a backup instead.
SELECT 1;
