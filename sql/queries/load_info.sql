-- The latest load, for the banner and the freshness notes on every page.
SELECT run_id, loaded_at, drop_name, is_demo, demo_key, region_file, gemeenten, duration_s
FROM load_runs
ORDER BY loaded_at DESC
LIMIT 1
