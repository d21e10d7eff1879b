-- +goose Up
-- Enrolment is idempotent for one device: a code remembers the hash of the
-- nonce the device sent with it and the device it made, so that the same
-- code and nonce again (the reply was lost after HQ committed) gives the
-- same device a fresh token instead of "bad code" and an orphan device.
ALTER TABLE enrol_codes ADD COLUMN nonce_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE enrol_codes ADD COLUMN device_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE enrol_codes DROP COLUMN device_id;
ALTER TABLE enrol_codes DROP COLUMN nonce_hash;
