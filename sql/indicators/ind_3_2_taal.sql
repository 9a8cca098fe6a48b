-- Domain 3.2 Taal en communicatie. The VISTA and koppelingen parts read
-- int_vista_cells / int_koppelingen_cells (one aggregation each).
CREATE OR REPLACE VIEW ind_3_2_taal AS
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
       CAST(voorinburgering_gestart AS DOUBLE), CAST(koppelingen AS DOUBLE), koppelingen
FROM int_koppelingen_cells WHERE koppelingen > 0
UNION ALL
-- taal.aanwezigheid_pct (reference): learners not uitgevallen in the VISTA
-- file with peildatum <= P; 100 x attended / planned hours. Numerator and
-- denominator are hours; persons = learners.
SELECT 'taal.aanwezigheid_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       attended_hours, planned_hours, attending
FROM int_vista_cells WHERE attending > 0
UNION ALL
-- taal.examen_behaald_pct: learners with an exam taken by P; % passed.
SELECT 'taal.examen_behaald_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(exam_passed AS DOUBLE), CAST(exam_taken AS DOUBLE), exam_taken
FROM int_vista_cells WHERE exam_taken > 0
UNION ALL
-- taal.uitval_pct: learners in the VISTA file; % uitgevallen (dropped out).
SELECT 'taal.uitval_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(uitgevallen AS DOUBLE), CAST(learners AS DOUBLE), learners
FROM int_vista_cells WHERE learners > 0
UNION ALL
-- taal.avondonderwijs_wens_pct: learners not uitgevallen in the VISTA file;
-- % who want evening classes.
SELECT 'taal.avondonderwijs_wens_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(wants_evening AS DOUBLE), CAST(attending AS DOUBLE), attending
FROM int_vista_cells WHERE attending > 0
UNION ALL
-- taal.roosterwijziging_pct: learners not uitgevallen in the VISTA file; %
-- who had at least one timetable change so far.
SELECT 'taal.roosterwijziging_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(timetable_changed AS DOUBLE), CAST(attending AS DOUBLE), attending
FROM int_vista_cells WHERE attending > 0
UNION ALL
-- taal.roosterwijzigingen_gemiddeld: learners not uitgevallen in the VISTA
-- file whose count is known; the mean number of timetable changes so far.
-- A mean is not additive, so the cube keeps its parts: numerator = the sum
-- of their changes, denominator = persons = the learners; cube_cells divides.
SELECT 'taal.roosterwijzigingen_gemiddeld', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(timetable_changes AS DOUBLE), CAST(timetable_known AS DOUBLE), timetable_known
FROM int_vista_cells WHERE timetable_known > 0
UNION ALL
-- taal.uitval_reden_<groep>_pct: uitgevallen learners in the VISTA file; %
-- whose reason falls in the group (stg_vista_voortgang.uitval_categorie).
SELECT r.indicator_id, peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep,
       leerroute, cohort, dimension, dimension_value,
       CAST(r.numerator AS DOUBLE), CAST(uitgevallen AS DOUBLE), uitgevallen
FROM int_vista_cells,
     unnest([{indicator_id: 'taal.uitval_reden_verhuisd_pct', numerator: uitval_verhuisd},
             {indicator_id: 'taal.uitval_reden_gezondheid_pct', numerator: uitval_gezondheid},
             {indicator_id: 'taal.uitval_reden_werk_zorg_pct', numerator: uitval_werk_zorg},
             {indicator_id: 'taal.uitval_reden_ontheffing_pct', numerator: uitval_ontheffing}]) u(r)
WHERE uitgevallen > 0;
