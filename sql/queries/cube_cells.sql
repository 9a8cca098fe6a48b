-- Aggregated cells of the indicator cube for the pages.
-- Parameters (lists: empty = no filter): $indicators, $peildata, $gemeenten,
-- $doelgroep, $geslacht, $leeftijdsgroep, $leerroute, $cohort;
-- $dimension: '' (no breakdown) or gemeentecode/doelgroep/geslacht/
-- leeftijdsgroep/leerroute/cohort; $per_key: keep the key (Periode/Locatie).
-- Additive: value = 100*numerator/denominator (pct) or numerator (aantal),
-- computed by the caller; medians come back as one row per distinct value
-- (median_value, persons = how many) for a weighted median after filtering.
WITH filtered AS (
    SELECT c.*, r.eenheid, r.teller_personen
    FROM mart_indicator_cube c
    JOIN ref_indicators r ON r.id = c.indicator_id
    WHERE (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], c.indicator_id))
      AND (len($peildata::DATE[]) = 0 OR list_contains($peildata::DATE[], c.peildatum))
      AND (len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], c.gemeentecode))
      AND (len($doelgroep::VARCHAR[]) = 0 OR list_contains($doelgroep::VARCHAR[], c.doelgroep))
      AND (len($geslacht::VARCHAR[]) = 0 OR list_contains($geslacht::VARCHAR[], c.geslacht))
      AND (len($leeftijdsgroep::VARCHAR[]) = 0
           OR list_contains($leeftijdsgroep::VARCHAR[], c.leeftijdsgroep))
      AND (len($leerroute::VARCHAR[]) = 0 OR list_contains($leerroute::VARCHAR[], c.leerroute))
      AND (len($cohort::VARCHAR[]) = 0 OR list_contains($cohort::VARCHAR[], c.cohort))
      -- without a key, the taakstelling is the half year that contains P
      AND ($per_key OR c.indicator_id <> 'huisvesting.taakstelling_realisatie_pct'
           OR c.key = strftime(c.peildatum, '%Y') || '-'
                      || CASE WHEN month(c.peildatum) <= 6 THEN '1' ELSE '2' END)
)
SELECT
    indicator_id,
    peildatum,
    CASE WHEN $per_key THEN key END AS key,
    CASE $dimension
        WHEN 'gemeentecode' THEN gemeentecode
        WHEN 'doelgroep' THEN doelgroep
        WHEN 'geslacht' THEN geslacht
        WHEN 'leeftijdsgroep' THEN leeftijdsgroep
        WHEN 'leerroute' THEN leerroute
        WHEN 'cohort' THEN cohort
    END AS member,
    eenheid,
    teller_personen,
    CASE WHEN eenheid IN ('dagen', 'uren') THEN numerator END AS median_value,
    sum(numerator)   AS numerator,
    sum(denominator) AS denominator,
    sum(persons)     AS persons
FROM filtered
GROUP BY ALL
ORDER BY indicator_id, peildatum, key, member
