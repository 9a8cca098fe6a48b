-- The peildata for which the cube was materialised (month ends + latest file date).
SELECT peildatum FROM mart_peildata ORDER BY peildatum
