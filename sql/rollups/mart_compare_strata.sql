-- Numerator and denominator of every share indicator per peildatum, gemeente
-- and stratum (doelgroep x leeftijdsgroep x leerroute): the input of the
-- indirect standardisation in monitor.compare, summed once at load time.
-- The same rows as queries/compare_strata_cube.sql (which the export runs on
-- its one-date cube), but a page reading one indicator at one peildatum from
-- the cube scans all of it (national: ~1 s); sorted by indicator and
-- peildatum, this table's zone maps skip all other rows.
CREATE OR REPLACE VIEW mart_compare_strata_v AS
SELECT c.indicator_id, c.peildatum, c.gemeentecode, c.doelgroep, c.leeftijdsgroep, c.leerroute,
       sum(c.numerator) AS numerator, sum(c.denominator) AS denominator
FROM mart_indicator_cube c
WHERE c.denominator > 0
  AND c.indicator_id IN (SELECT id FROM ref_indicators WHERE eenheid = 'pct')
GROUP BY ALL
ORDER BY ALL;
