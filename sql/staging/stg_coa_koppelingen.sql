-- One row per linked statushouder per monthly COA file (section 6), with the
-- person_key of section 1 where the V-nummer is known there.
CREATE OR REPLACE VIEW stg_coa_koppelingen AS
SELECT
    p.person_key,
    k.vnummer_key,
    k.gemeentecode,
    k.datum_koppeling,
    k.locatie,
    coalesce(k.voorinburgering_gestart, false)  AS voorinburgering_gestart,
    coalesce(k.voorinburgering_afgerond, false) AS voorinburgering_afgerond,
    k.uren_voorinburgering,
    coalesce(k.meedoenbalie, false)             AS meedoenbalie,
    k.datum_uitstroom,
    k.file_date AS month_end
FROM raw_coa_koppelingen k
LEFT JOIN (SELECT DISTINCT ON (vnummer_key) vnummer_key, person_key
           FROM raw_inburgeraars WHERE vnummer_key IS NOT NULL) p USING (vnummer_key);
