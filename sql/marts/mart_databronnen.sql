-- Data sources: the files of the latest load (load_runs is written after the
-- SQL layer, so this stays a view, evaluated when read) and the rejections
-- grouped per file and reason.
CREATE OR REPLACE VIEW mart_databronnen AS
WITH latest AS (
    SELECT run_id, loaded_at FROM load_runs ORDER BY loaded_at DESC LIMIT 1
),
reasons AS (
    SELECT file, "column" AS kolom, reason, count(*) AS rows_rejected
    FROM load_rejections GROUP BY ALL
)
SELECT f.run_id, l.loaded_at, f.file, f.extract, f.used, f.file_date, f.rows_read,
       f.rows_loaded, f.rows_rejected, f.error, r.kolom, r.reason,
       r.rows_rejected AS rows_with_reason
FROM load_files f
JOIN latest l USING (run_id)
LEFT JOIN reasons r USING (file);
