-- Aggregated indicator cells for the pages, one row per
-- (indicator, peildatum, key, member).
-- Parameters (lists: empty = no filter): $indicators, $peildata, $gemeenten,
-- $doelgroep, $geslacht, $leeftijdsgroep, $leerroute, $cohort;
-- $dimension: '' (no breakdown) or gemeentecode/doelgroep/geslacht/
-- leeftijdsgroep/leerroute/cohort, or $margin; $per_key: keep the key
-- (Periode/Locatie); $values: compute the medians (false: a median cell
-- only counts its persons, all that a disclosure decision reads, and the
-- window over every per-value row is skipped); $margin: '' or one of the
-- dimensions of the marginals
-- (cohort_huisvesting/cohort_vergunning/land_van_herkomst) with
-- $margin_values its filter: these combine with gemeenten and peildata only
-- (monitor.indicators checks that). $source, the smallest table that can
-- answer (DuckDB prunes the other branches): 'region' (no filter, no
-- dimension), 'rollup' (gemeenten only: no person filter or person
-- dimension), 'person' (person filters or a person dimension, but no
-- gemeente filter and not per gemeente), 'cube', and for a $margin
-- 'margin_region' (no gemeente filter, not per gemeente) or 'margin'.
-- $by_gemeente: keep the gemeente as a column of its own next to the
-- member ('cube' and 'margin' only): the cells of a breakdown per gemeente,
-- which the disclosure decision over gemeenten x members reads.
-- Returns indicator_id, peildatum, key, member, gemeentecode (NULL without
-- $by_gemeente), eenheid, teller_personen,
-- median, numerator, denominator, persons, value. `value` is the figure:
-- 100*numerator/denominator (pct, score; NULL without denominator),
-- numerator/denominator (per_cursist: a mean), numerator (aantal), or for
-- median indicators (dagen, uren) `median`, the weighted
-- median of the per-value rows, with numerator NULL and denominator =
-- persons = how many. The export reads this query too ($source 'cube' over
-- a one-date cube), so values are computed nowhere else.
-- Aggregate first; the catalogue is looked at only on the aggregate,
-- because per-row work over ~20M national rows costs ten times the scan. The
-- taakstelling's key is tested per row, in the one GROUP BY: a comparison
-- per row, the date formatting only on the taakstelling's own rows.
WITH median_ids AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
),
source AS (
    SELECT indicator_id, peildatum, key, NULL AS member, NULL AS gemeentecode,
           median_value, numerator, denominator, persons
    FROM mart_indicator_rollup_region
    WHERE $source = 'region'
      AND in_filter($indicators::VARCHAR[], indicator_id)
      AND in_filter($peildata::DATE[], peildatum)
    UNION ALL
    SELECT indicator_id, peildatum, key,
           CASE WHEN $dimension = 'gemeentecode' THEN gemeentecode END AS member,
           NULL AS gemeentecode,
           median_value, numerator, denominator, persons
    FROM mart_indicator_rollup
    WHERE $source = 'rollup'
      AND in_filter($indicators::VARCHAR[], indicator_id)
      AND in_filter($peildata::DATE[], peildatum)
      AND in_filter($gemeenten::VARCHAR[], gemeentecode)
    UNION ALL
    SELECT indicator_id, peildatum, key,
           CASE $dimension
               WHEN 'doelgroep' THEN doelgroep
               WHEN 'geslacht' THEN geslacht
               WHEN 'leeftijdsgroep' THEN leeftijdsgroep
               WHEN 'leerroute' THEN leerroute
               WHEN 'cohort' THEN cohort
           END AS member,
           NULL AS gemeentecode,
           median_value, numerator, denominator, persons
    FROM mart_indicator_rollup_person
    WHERE $source = 'person'
      AND in_filter($indicators::VARCHAR[], indicator_id)
      AND in_filter($peildata::DATE[], peildatum)
      AND in_filter($doelgroep::VARCHAR[], doelgroep)
      AND in_filter($geslacht::VARCHAR[], geslacht)
      AND in_filter($leeftijdsgroep::VARCHAR[], leeftijdsgroep)
      AND in_filter($leerroute::VARCHAR[], leerroute)
      AND in_filter($cohort::VARCHAR[], cohort)
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
           CASE WHEN $by_gemeente THEN c.gemeentecode END AS gemeentecode,
           CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
           c.numerator, c.denominator, c.persons
    FROM mart_indicator_cube c, median_ids m
    WHERE $source = 'cube'
      AND in_filter($indicators::VARCHAR[], c.indicator_id)
      AND in_filter($peildata::DATE[], c.peildatum)
      AND in_filter($gemeenten::VARCHAR[], c.gemeentecode)
      AND in_filter($doelgroep::VARCHAR[], c.doelgroep)
      AND in_filter($geslacht::VARCHAR[], c.geslacht)
      AND in_filter($leeftijdsgroep::VARCHAR[], c.leeftijdsgroep)
      AND in_filter($leerroute::VARCHAR[], c.leerroute)
      AND in_filter($cohort::VARCHAR[], c.cohort)
    UNION ALL
    SELECT indicator_id, peildatum, key,
           CASE WHEN $dimension <> '' THEN dimension_value END AS member,
           NULL AS gemeentecode,
           median_value, numerator, denominator, persons
    FROM mart_indicator_margins_region
    WHERE $source = 'margin_region'
      AND dimension = $margin
      AND in_filter($indicators::VARCHAR[], indicator_id)
      AND in_filter($peildata::DATE[], peildatum)
      AND in_filter($margin_values::VARCHAR[], dimension_value)
    UNION ALL
    SELECT c.indicator_id, c.peildatum, c.key,
           CASE WHEN $dimension = 'gemeentecode' THEN c.gemeentecode
                WHEN $dimension <> '' THEN c.dimension_value END AS member,
           CASE WHEN $by_gemeente THEN c.gemeentecode END AS gemeentecode,
           CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
           c.numerator, c.denominator, c.persons
    FROM mart_indicator_margins c, median_ids m
    WHERE $source = 'margin'
      AND c.dimension = $margin
      AND in_filter($indicators::VARCHAR[], c.indicator_id)
      AND in_filter($peildata::DATE[], c.peildatum)
      AND in_filter($gemeenten::VARCHAR[], c.gemeentecode)
      AND in_filter($margin_values::VARCHAR[], c.dimension_value)
),
cells AS (
    -- Summed as DECIMAL: a float sum depends on the order in which parallel
    -- threads add (hours are fractional), so the same store would give
    -- different 15th digits from run to run and no two exports could be diffed.
    SELECT indicator_id, peildatum, CASE WHEN $per_key THEN key END AS key, member,
           gemeentecode,
           -- without $values a median cell is its number of persons only
           CASE WHEN $values THEN median_value END AS median_value,
           CAST(sum(CAST(numerator AS DECIMAL(38, 6))) AS DOUBLE) AS numerator,
           CAST(sum(CAST(denominator AS DECIMAL(38, 6))) AS DOUBLE) AS denominator,
           sum(persons) AS persons
    FROM source
    -- without a key, the taakstelling is the half year that contains P
    WHERE $per_key OR indicator_id <> 'huisvesting.taakstelling_realisatie_pct'
          OR key = strftime(peildatum, '%Y') || '-'
                   || CASE WHEN month(peildatum) <= 6 THEN '1' ELSE '2' END
    GROUP BY ALL
),
ranked AS (
    SELECT *,
           sum(persons) OVER (PARTITION BY indicator_id, peildatum, key, member, gemeentecode
                              ORDER BY median_value ROWS UNBOUNDED PRECEDING) AS cum,
           sum(persons) OVER (PARTITION BY indicator_id, peildatum, key, member,
                                                gemeentecode) AS n
    FROM cells
    WHERE median_value IS NOT NULL
),
-- The value at 0-based position k is the first whose running count exceeds
-- k; an even count averages the two middle values.
medians AS (
    SELECT indicator_id, peildatum, key, member, gemeentecode,
           (min(median_value) FILTER (WHERE cum > (n - 1) // 2)
            + min(median_value) FILTER (WHERE cum > n // 2)) / 2 AS median,
           NULL::DOUBLE AS numerator, n::DOUBLE AS denominator, n::BIGINT AS persons
    FROM ranked
    GROUP BY indicator_id, peildatum, key, member, gemeentecode, n
),
combined AS (
    SELECT indicator_id, peildatum, key, member, gemeentecode, NULL::DOUBLE AS median,
           numerator, denominator, persons
    FROM cells WHERE median_value IS NULL
    UNION ALL
    SELECT * FROM medians
)
SELECT c.indicator_id, c.peildatum, c.key, c.member, c.gemeentecode, r.eenheid, r.teller_personen,
       c.median,
       -- a median's numerator is no number, its denominator its persons
       CASE WHEN r.eenheid IN ('dagen', 'uren') THEN NULL ELSE c.numerator END AS numerator,
       CASE WHEN r.eenheid IN ('dagen', 'uren') THEN c.persons ELSE c.denominator END
           AS denominator,
       c.persons,
       -- the figure itself, computed here only: a median as above, a count
       -- its numerator, a mean numerator / denominator, anything else
       -- 100 x numerator / denominator
       CASE WHEN r.eenheid IN ('dagen', 'uren') THEN c.median
            WHEN r.eenheid = 'aantal' THEN c.numerator
            WHEN r.eenheid = 'per_cursist' AND c.denominator > 0 THEN c.numerator / c.denominator
            WHEN c.denominator > 0 THEN 100.0 * c.numerator / c.denominator
       END AS value
FROM combined c
JOIN ref_indicators r ON r.id = c.indicator_id
ORDER BY c.indicator_id, c.peildatum, c.key, c.member, c.gemeentecode
