-- The population mix per gemeente that "vergelijkbare gemeenten" are found on,
-- for every peildatum: persons with a PIP per leerroute (from the cube) and per
-- land van herkomst group (from the marginals), counted as the denominator of
-- the one indicator monitor.compare.FEATURE_INDICATOR names (a share over
-- persons with a PIP). The same rows as queries/compare_features_cube.sql,
-- summed once at load time instead of a scan of the whole cube per page view;
-- tests/test_compare_marts.py holds both to the same rows and the name here
-- to the constant there.
CREATE OR REPLACE VIEW mart_compare_features_v AS
SELECT indicator_id, peildatum, gemeentecode, 'leerroute' AS dimension, leerroute AS member,
       sum(denominator) AS persons
FROM mart_indicator_cube
WHERE indicator_id = 'digitaal.digid_pct'
GROUP BY ALL
UNION ALL
SELECT indicator_id, peildatum, gemeentecode, dimension, dimension_value AS member,
       sum(denominator) AS persons
FROM mart_indicator_margins
WHERE indicator_id = 'digitaal.digid_pct' AND dimension = 'land_van_herkomst'
GROUP BY ALL
ORDER BY ALL;
