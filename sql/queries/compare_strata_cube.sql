-- Numerator and denominator of one share indicator at one peildatum per
-- gemeente and stratum (doelgroep x leeftijdsgroep x leerroute): the input of
-- the indirect standardisation in monitor.compare. Aggregates only; they
-- never reach a page: only the expected value made from them does.
-- Parameters: $indicator, $peildatum.
-- Run by the export on its one-date cube; the pages read the same rows from
-- the load-time mart through compare_strata.sql.
SELECT gemeentecode, doelgroep, leeftijdsgroep, leerroute,
       sum(numerator) AS numerator, sum(denominator) AS denominator
FROM mart_indicator_cube
WHERE indicator_id = $indicator AND peildatum = $peildatum AND denominator > 0
GROUP BY ALL
ORDER BY ALL
