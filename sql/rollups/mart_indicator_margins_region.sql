-- The one-dimension marginals summed over the gemeenten: what a page reads
-- when it filters or breaks down by cohort_huisvesting, cohort_vergunning or
-- land_van_herkomst without choosing gemeenten, so such a query does not
-- scan the per-gemeente marginals.
CREATE OR REPLACE VIEW mart_indicator_margins_region_v AS
WITH medians AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
)
SELECT
    c.indicator_id,
    c.peildatum,
    c.key,
    c.dimension,
    c.dimension_value,
    CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
    sum(c.numerator)   AS numerator,
    sum(c.denominator) AS denominator,
    sum(c.persons)     AS persons
FROM mart_indicator_margins c, medians m
GROUP BY ALL
ORDER BY c.dimension, c.indicator_id, c.peildatum;
