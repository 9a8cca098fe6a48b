-- The latest load, for the banner, the freshness notes on every page, the
-- region's name in titles and the budget's gemeente: run_id, loaded_at,
-- drop_name, is_demo, demo_key, region_file, gemeenten, duration_s, regio,
-- begroting_gemeente. Every column, so a store from before a column was added
-- still opens (the missing one reads as absent).
SELECT *
FROM load_runs
ORDER BY loaded_at DESC
LIMIT 1
