-- Domain 2.1 Huisvesting.
CREATE OR REPLACE VIEW ind_2_1_huisvesting AS
-- huisvesting.taakstelling_realisatie_pct (reference): per gemeente and half
-- year that has started by P; 100 x Gehuisvest / (Taakstelling + Achterstand
-- begin). Additive, so ALL = sums over the gemeenten. persons = Gehuisvest.
SELECT 'huisvesting.taakstelling_realisatie_pct' AS indicator_id, p.peildatum, t.gemeentecode,
       t.periode AS key, NULL AS doelgroep, NULL AS geslacht, NULL AS leeftijdsgroep,
       NULL AS leerroute, NULL AS cohort,
       CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value,
       CAST(t.gehuisvest AS DOUBLE) AS numerator,
       CAST(t.taakstelling + t.achterstand_begin AS DOUBLE) AS denominator,
       t.gehuisvest AS persons
FROM int_peildata p JOIN stg_taakstelling t ON t.period_start <= p.peildatum
UNION ALL
-- huisvesting.azc_bezettingsgraad_pct (reference): per location in the newest
-- bezetting file with peildatum <= P; key = Locatie (exported for ALL only).
SELECT 'huisvesting.azc_bezettingsgraad_pct', peildatum, gemeentecode, locatie, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, CAST(bezetting AS DOUBLE), CAST(capaciteit AS DOUBLE), bezetting
FROM int_azc_peildatum
UNION ALL
-- huisvesting.wachttijd_azc_mediaan_dagen (reference): median days from
-- koppeling to huisvesting over persons housed in (P-365, P]. Stored as one
-- row per distinct wait (numerator = days, denominator = persons with it) so
-- a weighted median can be taken after any filter; never person rows.
SELECT 'huisvesting.wachttijd_azc_mediaan_dagen', peildatum, gemeentecode, NULL, doelgroep,
       geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(datum_huisvesting - datum_koppeling AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM (
    SELECT p.peildatum, i.gemeentecode, i.datum_huisvesting, i.datum_koppeling,
           unnest(person_cells_at(i.doelgroep, i.geslacht, i.geboortedatum, i.leerroute, i.cohort,
                                  i.datum_huisvesting, i.datum_vergunning, i.land_van_herkomst,
                                  p.peildatum), recursive := true)
    FROM int_peildata p
    JOIN int_inburgeraars i
      ON i.datum_huisvesting > p.peildatum - INTERVAL 365 DAY AND i.datum_huisvesting <= p.peildatum
    WHERE in_scope_at(i.status, i.datum_status, p.peildatum) AND i.datum_koppeling IS NOT NULL
)
GROUP BY ALL
UNION ALL
-- huisvesting.gehuisvest_12mnd_aantal: in-scope persons housed in (P-365, P].
SELECT 'huisvesting.gehuisvest_12mnd_aantal', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       gehuisvest_12mnd_num, NULL, gehuisvest_12mnd_num
FROM int_person_cells WHERE gehuisvest_12mnd_num > 0
UNION ALL
-- huisvesting.wacht_op_woning_aantal: in-scope persons linked (koppeling <= P)
-- and not yet housed at P: still in the AZC waiting for a home.
SELECT 'huisvesting.wacht_op_woning_aantal', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       wacht_op_woning_num, NULL, wacht_op_woning_num
FROM int_person_cells WHERE wacht_op_woning_num > 0;
