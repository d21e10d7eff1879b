-- +goose Up
-- The meetings screen filters by neighbourhood and kind together, newest
-- first. With only the single-column indexes of 00001, SQLite walks every
-- meeting of that kind in the date range and drops those of other
-- neighbourhoods: ~30 ms for a quiet neighbourhood at 20,000 meetings, and
-- five times that with a year of data. This index answers the filter
-- directly, in page order (starts_at, then id, both descending), so a page
-- costs the same whatever the neighbourhood.
CREATE INDEX meetings_by_neighbourhood_kind ON meetings (neighbourhood_id, kind, starts_at DESC, id DESC);

-- +goose Down
DROP INDEX meetings_by_neighbourhood_kind;
