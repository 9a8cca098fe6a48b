-- AZC occupancy per location per monthly file, against capacity.
SELECT * FROM mart_azc_bezetting ORDER BY peildatum, locatie
