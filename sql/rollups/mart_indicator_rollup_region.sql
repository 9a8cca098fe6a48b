-- The gemeente rollup summed over the gemeenten: the region as a whole, which
-- is what the overview shows when nobody has filtered (the default view for
-- the council). Tens of thousands of rows instead of ~2M. Reads the
-- materialised mart_indicator_rollup, which sqlrun builds first.
CREATE OR REPLACE VIEW mart_indicator_rollup_region_v AS
SELECT indicator_id, peildatum, key, median_value,
       sum(numerator)   AS numerator,
       sum(denominator) AS denominator,
       sum(persons)     AS persons
FROM mart_indicator_rollup
GROUP BY ALL
ORDER BY indicator_id, peildatum;
