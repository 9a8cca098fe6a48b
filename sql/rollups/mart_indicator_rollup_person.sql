-- The cube summed over the gemeenten, keeping the person dimensions: what a
-- page reads when it filters or breaks down by doelgroep, geslacht,
-- leeftijdsgroep, leerroute or cohort without choosing gemeenten (e.g. the
-- overview with only a doelgroep). Nationally the cube is ~20M rows; this
-- is a fraction, so such a query no longer scans the whole cube.
CREATE OR REPLACE VIEW mart_indicator_rollup_person_v AS
WITH medians AS (
    SELECT list(id) AS ids FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')
)
SELECT
    c.indicator_id,
    c.peildatum,
    c.key,
    c.doelgroep, c.geslacht, c.leeftijdsgroep, c.leerroute, c.cohort,
    CASE WHEN list_contains(m.ids, c.indicator_id) THEN c.numerator END AS median_value,
    sum(c.numerator)   AS numerator,
    sum(c.denominator) AS denominator,
    sum(c.persons)     AS persons
FROM mart_indicator_cube c, medians m
GROUP BY ALL
ORDER BY c.indicator_id, c.peildatum;
