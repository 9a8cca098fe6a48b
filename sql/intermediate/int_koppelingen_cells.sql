-- The COA koppelingen indicators in one aggregation over
-- int_koppelingen_peildatum (the newest koppelingen file at P), in the cells
-- of int_person_cells (see int_vista_cells for why one pass).
CREATE OR REPLACE VIEW int_koppelingen_cells AS
SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
    CASE WHEN grouping(cohort_huisvesting) = 0 THEN 'cohort_huisvesting'
         WHEN grouping(cohort_vergunning) = 0 THEN 'cohort_vergunning'
         WHEN grouping(land_van_herkomst) = 0 THEN 'land_van_herkomst' END  AS dimension,
    coalesce(cohort_huisvesting, cohort_vergunning, land_van_herkomst)      AS dimension_value,
    count(*)                                                                AS koppelingen,
    count(*) FILTER (voorinburgering_gestart)                               AS voorinburgering_gestart,
    count(*) FILTER (meedoenbalie)                                          AS meedoenbalie
FROM int_koppelingen_peildatum
GROUP BY GROUPING SETS (
    (peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort),
    (peildatum, gemeentecode, cohort_huisvesting),
    (peildatum, gemeentecode, cohort_vergunning),
    (peildatum, gemeentecode, land_van_herkomst)
);
