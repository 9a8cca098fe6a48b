-- The population mix per gemeente that "vergelijkbare gemeenten" are found
-- on (persons with a PIP per leerroute and land van herkomst group) at
-- $peildatum; $indicator is monitor.compare.FEATURE_INDICATOR. Reads the
-- load-time mart (rollups/mart_compare_features.sql); the export, on its own
-- one-date cube, runs compare_features_cube.sql: the same rows. The page
-- shows only which gemeenten come out nearest, never these counts.
SELECT gemeentecode, dimension, member, persons
FROM mart_compare_features
WHERE indicator_id = $indicator AND peildatum = $peildatum
ORDER BY ALL
