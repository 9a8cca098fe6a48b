-- AZC occupancy per location per monthly file, against capacity. Capacity
-- and occupancy are public COA figures (indicators.md: exempt from
-- disclosure control); the occupancy rate is made here, once.
SELECT *, CASE WHEN capaciteit > 0 THEN 100.0 * bezetting / capaciteit END AS bezettingsgraad_pct
FROM mart_azc_bezetting
ORDER BY peildatum, locatie
