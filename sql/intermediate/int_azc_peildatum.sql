-- Per peildatum P, the locations of the newest bezetting file whose
-- peildatum is <= P (indicators.md, huisvesting.azc_bezettingsgraad_pct).
CREATE OR REPLACE VIEW int_azc_peildatum AS
WITH newest AS (
    SELECT p.peildatum, max(b.peildatum) AS file_peildatum
    FROM int_peildata p JOIN (SELECT DISTINCT peildatum FROM stg_coa_bezetting) b
      ON b.peildatum <= p.peildatum
    GROUP BY p.peildatum
)
SELECT n.peildatum, b.locatie, b.gemeentecode, b.type_opvang, b.capaciteit, b.bezetting,
       b.vergunninghouders, b.niet_in_brp, b.minderjarig, b.peildatum AS file_peildatum
FROM newest n JOIN stg_coa_bezetting b ON b.peildatum = n.file_peildatum;
