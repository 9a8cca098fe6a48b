-- The peildata the cube was materialised for, as a table of a few dozen rows
-- (the pages ask for them on every run; the cube has ~20M rows nationally).
-- Read from the region rollup, which holds every peildatum of the cube.
CREATE OR REPLACE VIEW mart_peildata_v AS
SELECT DISTINCT peildatum FROM mart_indicator_rollup_region ORDER BY peildatum;
