-- +goose Up
-- Fields of a record that this version does not know: added by a later
-- version of Mahalleh and received from HQ in a pull (sync/PROTOCOL.md,
-- "Forward compatibility"). They are kept verbatim, each with its clock, so
-- that a pull carrying them never stops an older device and an upgrade
-- finds them here (data.Store.ExtraFields); fields is a JSON object of the
-- values as HQ sent them, clocks one of their clocks.
CREATE TABLE extra_fields (
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  fields    TEXT NOT NULL,
  clocks    TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE extra_fields;
