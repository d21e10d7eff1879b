-- +goose Up
-- The Home screen counts, for the office's neighbourhoods, the action items
-- overdue and due soon and the open concerns by department; the action items
-- screen lists them by deadline with filters. With only the indexes of
-- 00001, each count read every action item (or concern) of its status from
-- the table to check district, deadline and neighbourhood. These indexes
-- hold every column those queries test, so a count walks index entries only
-- and a list page reads its rows in deadline order.
CREATE INDEX actions_follow_up ON action_items (district, deleted, status, due_date, neighbourhood_id);
CREATE INDEX actions_by_responsible ON action_items (district, responsible_id, due_date);
CREATE INDEX actions_by_responsible_name ON action_items (district, responsible_name, due_date);
CREATE INDEX concerns_open_by_department ON concerns (district, deleted, status, department_id, neighbourhood_id);
CREATE INDEX projects_list ON projects (district, deleted, updated_at DESC, id);

-- +goose Down
DROP INDEX actions_follow_up;
DROP INDEX actions_by_responsible;
DROP INDEX actions_by_responsible_name;
DROP INDEX concerns_open_by_department;
DROP INDEX projects_list;
