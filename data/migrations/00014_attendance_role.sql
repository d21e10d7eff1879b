-- +goose Up
-- An attendee's role in the meeting (chair, secretary, guest…), which the
-- minutes print beside the name. Empty for records made before it existed.
ALTER TABLE attendance ADD COLUMN meeting_role TEXT NOT NULL DEFAULT '';

-- +goose Down
SELECT 1;
