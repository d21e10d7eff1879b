-- +goose Up
-- Built-in reference data: Tehran's 22 districts and the departments
-- concerns and action items are routed to. Department ids are fixed UUIDv7
-- values so that every device and HQ agree on them without a sync.

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

INSERT INTO departments (id, district, created_at, updated_at, created_by, updated_by, code, name_fa, name_en) VALUES
  ('0193f000-0000-7000-8000-000000000001', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'civil_works', 'عمرانی', 'Civil works'),
  ('0193f000-0000-7000-8000-000000000002', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'urban_services', 'خدمات شهری', 'Urban services'),
  ('0193f000-0000-7000-8000-000000000003', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'green_space', 'فضای سبز', 'Green space'),
  ('0193f000-0000-7000-8000-000000000004', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'traffic', 'حمل و نقل و ترافیک', 'Transport and traffic'),
  ('0193f000-0000-7000-8000-000000000005', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'cultural', 'فرهنگی', 'Cultural'),
  ('0193f000-0000-7000-8000-000000000006', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'social', 'اجتماعی', 'Social'),
  ('0193f000-0000-7000-8000-000000000007', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'urban_planning', 'شهرسازی و معماری', 'Urban planning and building'),
  ('0193f000-0000-7000-8000-000000000008', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'crisis', 'مدیریت بحران', 'Crisis management'),
  ('0193f000-0000-7000-8000-000000000009', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'sports', 'ورزش', 'Sports'),
  ('0193f000-0000-7000-8000-000000000010', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'hq', 'hq', 'health', 'سلامت', 'Health');

-- +goose Down
SELECT 1;
