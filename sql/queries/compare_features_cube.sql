-- The population mix per gemeente that "vergelijkbare gemeenten" are found
-- on: persons with a PIP (the denominator of $indicator, a share over
-- persons with PIP) per leerroute, from the cube, and per land van herkomst
-- group, from the marginals, at $peildatum. Aggregates per gemeente; the page
-- shows only which gemeenten come out nearest, never these counts.
-- Run by the export on its one-date cube; the pages read the same rows from
-- the load-time mart through compare_features.sql.
SELECT gemeentecode, 'leerroute' AS dimension, leerroute AS member,
       sum(denominator) AS persons
FROM mart_indicator_cube
WHERE indicator_id = $indicator AND peildatum = $peildatum
GROUP BY ALL
UNION ALL
SELECT gemeentecode, dimension, dimension_value AS member, sum(denominator) AS persons
FROM mart_indicator_margins
WHERE indicator_id = $indicator AND peildatum = $peildatum
  AND dimension = 'land_van_herkomst'
GROUP BY ALL
ORDER BY ALL
