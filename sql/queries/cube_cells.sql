-- Aggregated indicator cells for the pages, one row per
-- (indicator, peildatum, key, member).
-- Parameters (lists: empty = no filter): $indicators, $peildata, $gemeenten,
-- $doelgroep, $geslacht, $leeftijdsgroep, $leerroute, $cohort;
-- $dimension: '' (no breakdown) or gemeentecode/doelgroep/geslacht/
-- leeftijdsgroep/leerroute/cohort; $per_key: keep the key (Periode/Locatie);
-- $source: 'region' (no filter at all, no dimension), 'rollup' (no person
-- filter or person dimension) or 'cube'; DuckDB prunes the branches not taken.
-- Additive indicators: the caller computes 100*numerator/denominator (pct) or
-- numerator (aantal). Median indicators: `median` is the weighted median of
-- the per-value rows, denominator = persons = how many.
-- Aggregate first; the catalogue and the taakstelling key are looked at only
-- on the aggregate, because per-row work over ~20M national rows costs ten
-- times the scan.
WITH median_ids AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
),
source AS (
    SELECT indicator_id, peildatum, key, NULL AS member,
           median_value, numerator, denominator, persons
    FROM mart_indicator_rollup_region
    WHERE $source = 'region'
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], indicator_id))
      AND (len($peildata::DATE[]) = 0 OR list_contains($peildata::DATE[], peildatum))
    UNION ALL
    SELECT indicator_id, peildatum, key,
           CASE WHEN $dimension = 'gemeentecode' THEN gemeentecode END AS member,
           median_value, numerator, denominator, persons
    FROM mart_indicator_rollup
    WHERE $source = 'rollup'
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], indicator_id))
      AND (len($peildata::DATE[]) = 0 OR list_contains($peildata::DATE[], peildatum))
      AND (len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], gemeentecode))
    UNION ALL
    SELECT c.indicator_id, c.peildatum, c.key,
           CASE $dimension
               WHEN 'gemeentecode' THEN c.gemeentecode
               WHEN 'doelgroep' THEN c.doelgroep
               WHEN 'geslacht' THEN c.geslacht
               WHEN 'leeftijdsgroep' THEN c.leeftijdsgroep
               WHEN 'leerroute' THEN c.leerroute
               WHEN 'cohort' THEN c.cohort
           END AS member,
           CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
           c.numerator, c.denominator, c.persons
    FROM mart_indicator_cube c, median_ids m
    WHERE $source = 'cube'
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], c.indicator_id))
      AND (len($peildata::DATE[]) = 0 OR list_contains($peildata::DATE[], c.peildatum))
      AND (len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], c.gemeentecode))
      AND (len($doelgroep::VARCHAR[]) = 0 OR list_contains($doelgroep::VARCHAR[], c.doelgroep))
      AND (len($geslacht::VARCHAR[]) = 0 OR list_contains($geslacht::VARCHAR[], c.geslacht))
      AND (len($leeftijdsgroep::VARCHAR[]) = 0
           OR list_contains($leeftijdsgroep::VARCHAR[], c.leeftijdsgroep))
      AND (len($leerroute::VARCHAR[]) = 0 OR list_contains($leerroute::VARCHAR[], c.leerroute))
      AND (len($cohort::VARCHAR[]) = 0 OR list_contains($cohort::VARCHAR[], c.cohort))
),
cells AS (
    SELECT indicator_id, peildatum, key, member, median_value,
           sum(numerator) AS numerator, sum(denominator) AS denominator, sum(persons) AS persons
    FROM source
    GROUP BY ALL
),
keyed AS (
    SELECT indicator_id, peildatum, CASE WHEN $per_key THEN key END AS key, member, median_value,
           sum(numerator) AS numerator, sum(denominator) AS denominator, sum(persons) AS persons
    FROM cells
    -- without a key, the taakstelling is the half year that contains P
    WHERE $per_key OR indicator_id <> 'huisvesting.taakstelling_realisatie_pct'
          OR key = strftime(peildatum, '%Y') || '-'
                   || CASE WHEN month(peildatum) <= 6 THEN '1' ELSE '2' END
    GROUP BY ALL
),
ranked AS (
    SELECT *,
           sum(persons) OVER (PARTITION BY indicator_id, peildatum, key, member
                              ORDER BY median_value ROWS UNBOUNDED PRECEDING) AS cum,
           sum(persons) OVER (PARTITION BY indicator_id, peildatum, key, member) AS n
    FROM keyed
    WHERE median_value IS NOT NULL
),
-- The value at 0-based position k is the first whose running count exceeds
-- k; an even count averages the two middle values.
medians AS (
    SELECT indicator_id, peildatum, key, member,
           (min(median_value) FILTER (WHERE cum > (n - 1) // 2)
            + min(median_value) FILTER (WHERE cum > n // 2)) / 2 AS median,
           NULL::DOUBLE AS numerator, n::DOUBLE AS denominator, n::BIGINT AS persons
    FROM ranked
    GROUP BY indicator_id, peildatum, key, member, n
),
combined AS (
    SELECT indicator_id, peildatum, key, member, NULL::DOUBLE AS median,
           numerator, denominator, persons
    FROM keyed WHERE median_value IS NULL
    UNION ALL
    SELECT * FROM medians
)
SELECT c.indicator_id, c.peildatum, c.key, c.member, r.eenheid, r.teller_personen,
       c.median, c.numerator, c.denominator, c.persons
FROM combined c
JOIN ref_indicators r ON r.id = c.indicator_id
ORDER BY c.indicator_id, c.peildatum, c.key, c.member
