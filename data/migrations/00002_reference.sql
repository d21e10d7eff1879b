-- +goose Up
-- Built-in reference data (Tehran's 22 districts, the departments) used to be
-- inserted here. It now lives in one Go table, data/builtin.go, that seeds
-- both this store (at every Open, inserting only what is missing) and the HQ
-- database, so the two cannot drift. Stores that ran this migration before
-- keep the rows it inserted, which are the same.
SELECT 1;

-- +goose Down
SELECT 1;
