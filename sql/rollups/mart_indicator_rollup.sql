-- The cube summed over the person dimensions: what the overview and every
-- chart without a person filter read. Built from the materialised cube (so it
-- runs after it; see sqlrun.POST_LAYER) and itself materialised: the national
-- cube has ~20M rows, this one ~2M, and an unfiltered aggregate over the cube
-- takes most of a second.
CREATE OR REPLACE VIEW mart_indicator_rollup_v AS
WITH medians AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
)
SELECT
    c.indicator_id,
    c.peildatum,
    c.gemeentecode,
    c.key,
    CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
    sum(c.numerator)   AS numerator,
    sum(c.denominator) AS denominator,
    sum(c.persons)     AS persons
FROM mart_indicator_cube c, medians m
GROUP BY ALL
ORDER BY c.indicator_id, c.peildatum;
