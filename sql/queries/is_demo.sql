-- Whether the latest load was the synthetic demo drop (export banner).
SELECT coalesce(any_value(is_demo ORDER BY loaded_at DESC), false) AS is_demo FROM load_runs
