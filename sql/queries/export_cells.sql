-- Cells for `python -m etl export`: every indicator at the peildata in the
-- variable `peildata` (set by the caller to [P]), per gemeente and for ALL
-- (sum over the gemeenten), per key. Read from the view, not the
-- materialised table, so any date works. Medians: one row per distinct value.
WITH cells AS (
    SELECT c.*, r.eenheid, r.teller_personen, r.domain,
           CASE WHEN r.eenheid IN ('dagen', 'uren') THEN c.numerator END AS median_value
    FROM mart_indicator_cube_v c
    JOIN ref_indicators r ON r.id = c.indicator_id
)
SELECT
    indicator_id,
    any_value(domain)          AS domain,
    coalesce(gemeentecode, 'ALL') AS gemeente,
    key,
    any_value(eenheid)         AS eenheid,
    any_value(teller_personen) AS teller_personen,
    median_value,
    -- Summed as DECIMAL: a float sum depends on the order in which parallel
    -- threads add (and hours arrive already summed that way), so the same
    -- store would export different 15th digits from run to run.
    CAST(sum(CAST(numerator AS DECIMAL(38, 6))) AS DOUBLE)   AS numerator,
    CAST(sum(CAST(denominator AS DECIMAL(38, 6))) AS DOUBLE) AS denominator,
    sum(persons)     AS persons
FROM cells
GROUP BY GROUPING SETS ((indicator_id, gemeentecode, key, median_value),
                        (indicator_id, key, median_value))
ORDER BY indicator_id, gemeente, key, median_value
