-- All VISTA indicators in one aggregation over int_vista_peildatum (the
-- newest VISTA file at P), per peildatum x gemeente x dimensions and per
-- one-dimension marginal, as int_person_cells does for the person-based
-- ones: one pass instead of one GROUP BY per indicator, each of which would
-- rebuild the learners x peildata rows. The ind_3_2_taal parts pick their
-- columns and carry the definitions; a part keeps only the groups in which
-- its own population is not empty (<population> > 0), the cells its own
-- GROUP BY would have made.
CREATE OR REPLACE VIEW int_vista_cells AS
SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
    CASE WHEN grouping(cohort_huisvesting) = 0 THEN 'cohort_huisvesting'
         WHEN grouping(cohort_vergunning) = 0 THEN 'cohort_vergunning'
         WHEN grouping(land_van_herkomst) = 0 THEN 'land_van_herkomst' END  AS dimension,
    coalesce(cohort_huisvesting, cohort_vergunning, land_van_herkomst)      AS dimension_value,
    count(*)                                                                AS learners,
    count(*) FILTER (uitgevallen)                                           AS uitgevallen,
    count(*) FILTER (NOT uitgevallen)                                       AS attending,
    sum(attended_hours) FILTER (NOT uitgevallen)                            AS attended_hours,
    sum(planned_hours) FILTER (NOT uitgevallen)                             AS planned_hours,
    count(*) FILTER (exam_date <= peildatum AND exam_passed IS NOT NULL)    AS exam_taken,
    count(*) FILTER (exam_date <= peildatum AND exam_passed)                AS exam_passed,
    count(*) FILTER (NOT uitgevallen AND wants_evening_classes)             AS wants_evening,
    count(*) FILTER (NOT uitgevallen AND timetable_changes > 0)             AS timetable_changed,
    count(*) FILTER (NOT uitgevallen AND timetable_changes IS NOT NULL)     AS timetable_known,
    sum(timetable_changes) FILTER (NOT uitgevallen AND timetable_changes IS NOT NULL)
                                                                            AS timetable_changes,
    count(*) FILTER (uitgevallen AND uitval_categorie = 'Verhuisd of vertrokken')
                                                                            AS uitval_verhuisd,
    count(*) FILTER (uitgevallen AND uitval_categorie = 'Gezondheid')       AS uitval_gezondheid,
    count(*) FILTER (uitgevallen AND uitval_categorie = 'Werk of zorgtaken') AS uitval_werk_zorg,
    count(*) FILTER (uitgevallen AND uitval_categorie = 'Ontheffing')       AS uitval_ontheffing
FROM int_vista_peildatum
-- the cells of int_person_cells: the cube's and the marginals'
GROUP BY GROUPING SETS (
    (peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort),
    (peildatum, gemeentecode, cohort_huisvesting),
    (peildatum, gemeentecode, cohort_vergunning),
    (peildatum, gemeentecode, land_van_herkomst)
);
