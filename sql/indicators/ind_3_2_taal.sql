-- Domain 3.2 Taal en communicatie.
CREATE OR REPLACE VIEW ind_3_2_taal AS
WITH vista AS (
    -- the newest VISTA file with peildatum <= P
    SELECT * FROM int_vista_peildatum
)
-- taal.wachtlijst_pip (reference): housed persons without PIP at P, Doelgroep
-- not Overig, excluding Ontheffing with Datum status <= P.
SELECT 'taal.wachtlijst_pip' AS indicator_id, peildatum, gemeentecode,
       CAST(NULL AS VARCHAR) AS key, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       CAST(wachtlijst_num AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
       wachtlijst_num AS persons
FROM int_person_cells WHERE wachtlijst_num > 0
UNION ALL
-- taal.leerroute_b1_pct (reference): persons with PIP and a leerroute; % B1 or B1-Entree.
SELECT 'taal.leerroute_b1_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       leerroute_b1_num, leerroute_den, leerroute_den
FROM int_person_cells WHERE leerroute_den > 0
UNION ALL
-- taal.voorinburgering_gestart_pct (reference): rows of the newest koppelingen
-- file with a month <= P; % with Voorinburgering gestart Ja.
SELECT 'taal.voorinburgering_gestart_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort,
       CAST(count(*) FILTER (WHERE voorinburgering_gestart) AS DOUBLE), CAST(count(*) AS DOUBLE),
       count(*)
FROM int_koppelingen_peildatum
GROUP BY ALL
UNION ALL
-- taal.aanwezigheid_pct (reference): learners not uitgevallen in the VISTA
-- file with peildatum <= P; 100 x attended / planned hours. Numerator and
-- denominator are hours; persons = learners.
SELECT 'taal.aanwezigheid_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort,
       sum(attended_hours), sum(planned_hours), count(*)
FROM vista WHERE NOT uitgevallen
GROUP BY ALL
UNION ALL
-- taal.examen_behaald_pct: learners with an exam taken by P; % passed.
SELECT 'taal.examen_behaald_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort,
       CAST(count(*) FILTER (WHERE exam_passed) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM vista WHERE exam_date <= peildatum AND exam_passed IS NOT NULL
GROUP BY ALL
UNION ALL
-- taal.uitval_pct: learners in the VISTA file; % uitgevallen (dropped out).
SELECT 'taal.uitval_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort,
       CAST(count(*) FILTER (WHERE uitgevallen) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM vista
GROUP BY ALL;
