-- How many persons have each value of one median indicator ($indicator, e.g.
-- days in the AZC) per gemeente at $peildatum: the input of the median's
-- order-statistic limits in monitor.compare, which pools the distributions of
-- the gemeenten a comparison shows. Never shown itself: only the group's
-- median and its limits are, and no limit is one of the four smallest or
-- largest values. Reads the per-value rows the load-time rollup keeps for
-- medians (rollups/mart_indicator_rollup.sql, sorted by indicator and
-- peildatum); the export, on its own one-date cube, runs
-- compare_distribution_cube.sql: the same rows.
SELECT gemeentecode, median_value AS waarde, sum(persons) AS persons
FROM mart_indicator_rollup
WHERE indicator_id = $indicator AND peildatum = $peildatum AND median_value IS NOT NULL
GROUP BY ALL
ORDER BY ALL
