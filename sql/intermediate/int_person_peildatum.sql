-- The common populations of indicators.md, one row per person of section 1
-- per peildatum P, with the breakdown dimensions as of P and one flag per
-- population. Persons who moved away (Verhuisd/Vertrokken with Datum status
-- <= P) keep a row (row-based indicators such as Podium24 still need their
-- dimensions) but are not in_scope, and so in no population.
CREATE OR REPLACE VIEW int_person_peildatum AS
WITH joined AS (
    SELECT p.peildatum, i.*
    FROM int_peildata p
    CROSS JOIN stg_inburgeraars i
),
scoped AS (
    SELECT *, NOT coalesce(status IN ('Verhuisd', 'Vertrokken') AND datum_status <= peildatum, false)
              AS in_scope,
           ((year(peildatum) * 10000 + month(peildatum) * 100 + day(peildatum))
            - (year(geboortedatum) * 10000 + month(geboortedatum) * 100 + day(geboortedatum)))
           // 10000 AS age
    FROM joined
)
SELECT
    peildatum,
    person_key,
    vnummer_key,
    gemeentecode,
    doelgroep,
    geslacht,
    -- age at P in whole years (integer yyyymmdd arithmetic: cheap on millions
    -- of person-peildatum rows), in the groups the pages offer
    CASE
        WHEN geboortedatum IS NULL THEN 'Onbekend'
        WHEN age < 18 THEN '0-17'
        WHEN age < 27 THEN '18-26'
        WHEN age < 40 THEN '27-39'
        WHEN age < 55 THEN '40-54'
        ELSE '55+'
    END AS leeftijdsgroep,
    leerroute,
    has_leerroute,
    cohort,
    datum_koppeling, datum_huisvesting, datum_brede_intake, datum_pip, datum_start_leerroute,
    datum_map_afgerond, datum_knm_afgerond, datum_pvt_afgerond, datum_protect, uitkomst_protect,
    kinderopvang_nodig, kinderopvang_geregeld, digid, wijkcode, status, datum_status,
    in_scope,
    in_scope AND coalesce(datum_huisvesting <= peildatum, false)     AS housed,
    in_scope AND coalesce(datum_pip <= peildatum, false)             AS with_pip,
    in_scope AND coalesce(datum_pip <= peildatum, false)
        AND NOT coalesce(status IN ('Voldaan', 'Ontheffing') AND datum_status <= peildatum, false)
                                                                     AS active
FROM scoped;
