-- The cube summed over gemeenten and person dimensions: the region as a
-- whole, which is what the overview shows when nobody has filtered (the
-- default view for the council). Tens of thousands of rows instead of ~2M.
CREATE OR REPLACE VIEW mart_indicator_region_v AS
WITH medians AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
)
SELECT
    c.indicator_id,
    c.peildatum,
    c.key,
    CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
    sum(c.numerator)   AS numerator,
    sum(c.denominator) AS denominator,
    sum(c.persons)     AS persons
FROM mart_indicator_cube c, medians m
GROUP BY ALL
ORDER BY c.indicator_id, c.peildatum;
