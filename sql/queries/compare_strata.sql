-- Numerator and denominator of one share indicator at one peildatum per
-- gemeente and stratum (doelgroep x leeftijdsgroep x leerroute): the input of
-- the indirect standardisation in monitor.compare. Aggregates only; they
-- never reach a page: only the expected value made from them does.
-- Reads the load-time mart (rollups/mart_compare_strata.sql); the export,
-- on its own one-date cube, runs compare_strata_cube.sql: the same rows.
-- Parameters: $indicator, $peildatum.
SELECT gemeentecode, doelgroep, leeftijdsgroep, leerroute, numerator, denominator
FROM mart_compare_strata
WHERE indicator_id = $indicator AND peildatum = $peildatum
ORDER BY ALL
