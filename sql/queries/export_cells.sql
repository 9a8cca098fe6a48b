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
    sum(numerator)   AS numerator,
    sum(denominator) AS denominator,
    sum(persons)     AS persons
FROM cells
GROUP BY GROUPING SETS ((indicator_id, gemeentecode, key, median_value),
                        (indicator_id, key, median_value))
ORDER BY indicator_id, gemeente, key
