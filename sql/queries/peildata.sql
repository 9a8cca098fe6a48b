-- The peildata for which the cube was materialised (month ends + latest file date).
SELECT DISTINCT peildatum FROM mart_indicator_cube ORDER BY peildatum
