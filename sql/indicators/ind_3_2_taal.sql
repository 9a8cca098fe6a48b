-- Domain 3.2 Taal en communicatie.
CREATE OR REPLACE VIEW ind_3_2_taal AS
WITH vista AS (
    -- the newest VISTA file with peildatum <= P, each learner once per cell
    -- (dimension_cells)
    SELECT * EXCLUDE (doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, cohort_huisvesting,
                 cohort_vergunning, land_van_herkomst),
           unnest(dimension_cells(doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, cohort_huisvesting,
                 cohort_vergunning, land_van_herkomst), recursive := true)
    FROM int_vista_peildatum
),
koppelingen AS (
    SELECT * EXCLUDE (doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, cohort_huisvesting,
                 cohort_vergunning, land_van_herkomst),
           unnest(dimension_cells(doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, cohort_huisvesting,
                 cohort_vergunning, land_van_herkomst), recursive := true)
    FROM int_koppelingen_peildatum
)
-- taal.wachtlijst_pip (reference): housed persons without PIP at P, Doelgroep
-- not Overig, excluding Ontheffing with Datum status <= P.
SELECT 'taal.wachtlijst_pip' AS indicator_id, peildatum, gemeentecode,
       CAST(NULL AS VARCHAR) AS key, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(wachtlijst_num AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
       wachtlijst_num AS persons
FROM int_person_cells WHERE wachtlijst_num > 0
UNION ALL
-- taal.leerroute_b1_pct (reference): persons with PIP and a leerroute; % B1 or B1-Entree.
SELECT 'taal.leerroute_b1_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       leerroute_b1_num, leerroute_den, leerroute_den
FROM int_person_cells WHERE leerroute_den > 0
UNION ALL
-- taal.voorinburgering_gestart_pct (reference): rows of the newest koppelingen
-- file with a month <= P; % with Voorinburgering gestart Ja.
SELECT 'taal.voorinburgering_gestart_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(count(*) FILTER (WHERE voorinburgering_gestart) AS DOUBLE), CAST(count(*) AS DOUBLE),
       count(*)
FROM koppelingen
GROUP BY ALL
UNION ALL
-- taal.aanwezigheid_pct (reference): learners not uitgevallen in the VISTA
-- file with peildatum <= P; 100 x attended / planned hours. Numerator and
-- denominator are hours; persons = learners.
SELECT 'taal.aanwezigheid_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       sum(attended_hours), sum(planned_hours), count(*)
FROM vista WHERE NOT uitgevallen
GROUP BY ALL
UNION ALL
-- taal.examen_behaald_pct: learners with an exam taken by P; % passed.
SELECT 'taal.examen_behaald_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(count(*) FILTER (WHERE exam_passed) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM vista WHERE exam_date <= peildatum AND exam_passed IS NOT NULL
GROUP BY ALL
UNION ALL
-- taal.uitval_pct: learners in the VISTA file; % uitgevallen (dropped out).
SELECT 'taal.uitval_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(count(*) FILTER (WHERE uitgevallen) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM vista
GROUP BY ALL
UNION ALL
-- taal.avondonderwijs_wens_pct: learners not uitgevallen in the VISTA file;
-- % who want evening classes.
SELECT 'taal.avondonderwijs_wens_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(count(*) FILTER (WHERE wants_evening_classes) AS DOUBLE), CAST(count(*) AS DOUBLE),
       count(*)
FROM vista WHERE NOT uitgevallen
GROUP BY ALL
UNION ALL
-- taal.roosterwijziging_pct: learners not uitgevallen in the VISTA file; %
-- who had at least one timetable change so far.
SELECT 'taal.roosterwijziging_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(count(*) FILTER (WHERE timetable_changes > 0) AS DOUBLE), CAST(count(*) AS DOUBLE),
       count(*)
FROM vista WHERE NOT uitgevallen
GROUP BY ALL
UNION ALL
-- taal.roosterwijzigingen_gemiddeld: learners not uitgevallen in the VISTA
-- file whose count is known; the mean number of timetable changes so far.
-- A mean is not additive, so the cube keeps its parts: numerator = the sum
-- of their changes, denominator = persons = the learners; cube_cells divides.
SELECT 'taal.roosterwijzigingen_gemiddeld', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(sum(timetable_changes) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM vista WHERE NOT uitgevallen AND timetable_changes IS NOT NULL
GROUP BY ALL
UNION ALL
-- taal.uitval_reden_<groep>_pct: uitgevallen learners in the VISTA file; %
-- whose reason falls in the group (stg_vista_voortgang.uitval_categorie).
SELECT CASE g.categorie WHEN 'Verhuisd of vertrokken' THEN 'taal.uitval_reden_verhuisd_pct'
                        WHEN 'Gezondheid' THEN 'taal.uitval_reden_gezondheid_pct'
                        WHEN 'Werk of zorgtaken' THEN 'taal.uitval_reden_werk_zorg_pct'
                        WHEN 'Ontheffing' THEN 'taal.uitval_reden_ontheffing_pct' END,
       v.peildatum, v.gemeentecode, NULL, v.doelgroep, v.geslacht, v.leeftijdsgroep, v.leerroute,
       v.cohort, v.dimension, v.dimension_value,
       CAST(count(*) FILTER (WHERE v.uitval_categorie = g.categorie) AS DOUBLE),
       CAST(count(*) AS DOUBLE), count(*)
FROM vista v
CROSS JOIN (VALUES ('Verhuisd of vertrokken'), ('Gezondheid'), ('Werk of zorgtaken'),
                   ('Ontheffing')) g(categorie)
WHERE v.uitgevallen
GROUP BY ALL;
