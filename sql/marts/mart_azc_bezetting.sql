-- AZC occupancy per location over time vs capacity (seed 001: AZC Maastricht
-- at most 650 residents). One row per location per monthly file.
CREATE OR REPLACE VIEW mart_azc_bezetting AS
SELECT b.peildatum, b.month_end, b.locatie, b.gemeentecode, g.naam AS gemeente, b.type_opvang,
       b.capaciteit, b.bezetting, b.vergunninghouders, b.niet_in_brp, b.minderjarig
FROM stg_coa_bezetting b LEFT JOIN ref_gemeenten g USING (gemeentecode);
