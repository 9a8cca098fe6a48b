-- The common populations of indicators.md, one row per person of section 1
-- per peildatum P, with the breakdown dimensions as of P and one flag per
-- population (the macros of macros/populations.sql). Persons who moved away
-- keep a row (row-based indicators such as Podium24 still need their
-- dimensions) but are not in_scope, and so in no population. The cohorts by
-- year of housing and of permit are as of P; land van herkomst is grouped
-- once for the store (int_landen).
CREATE OR REPLACE VIEW int_person_peildatum AS
SELECT
    p.peildatum,
    i.person_key,
    i.vnummer_key,
    i.gemeentecode,
    i.doelgroep,
    i.geslacht,
    age_group_at(i.geboortedatum, p.peildatum) AS leeftijdsgroep,
    i.leerroute,
    i.has_leerroute,
    i.cohort,
    housing_cohort_at(i.datum_huisvesting, p.peildatum)                      AS cohort_huisvesting,
    permit_cohort_at(i.datum_vergunning, p.peildatum)                        AS cohort_vergunning,
    i.land_van_herkomst,
    i.datum_vergunning, i.datum_koppeling, i.datum_huisvesting, i.datum_brede_intake, i.datum_pip,
    i.datum_start_leerroute, i.datum_map_afgerond, i.datum_knm_afgerond, i.datum_pvt_afgerond,
    i.datum_protect, i.uitkomst_protect, i.kinderopvang_nodig, i.kinderopvang_geregeld, i.digid,
    i.wijkcode, i.status, i.datum_status,
    in_scope_at(i.status, i.datum_status, p.peildatum)                      AS in_scope,
    housed_at(i.status, i.datum_status, i.datum_huisvesting, p.peildatum)   AS housed,
    with_pip_at(i.status, i.datum_status, i.datum_pip, p.peildatum)         AS with_pip,
    active_at(i.status, i.datum_status, i.datum_pip, p.peildatum)           AS active
FROM int_peildata p
CROSS JOIN int_inburgeraars i;
