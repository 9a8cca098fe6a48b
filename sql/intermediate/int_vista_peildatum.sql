-- Per peildatum P, the learners of the newest VISTA file that already
-- describes P (its rows' peildatum <= P), with the person's dimensions as
-- of P. Every file is the complete state on its own date (contract section
-- 7), so exactly one file speaks for P; older files give the history.
CREATE OR REPLACE VIEW int_vista_peildatum AS
WITH files AS (
    SELECT source_file, file_date, min(peildatum) AS first_peildatum
    FROM stg_vista_voortgang
    GROUP BY ALL
),
newest AS (
    SELECT p.peildatum, arg_max(f.source_file, f.file_date) AS source_file
    FROM int_peildata p JOIN files f ON f.first_peildatum <= p.peildatum
    GROUP BY p.peildatum
)
SELECT pp.peildatum, pp.gemeentecode, pp.doelgroep, pp.geslacht, pp.leeftijdsgroep,
       pp.leerroute, pp.cohort, pp.cohort_huisvesting, pp.cohort_vergunning,
       pp.land_van_herkomst, v.person_key,
       v.* EXCLUDE (person_key, peildatum, source_file, file_date),
       v.peildatum AS vista_peildatum
FROM newest n
JOIN stg_vista_voortgang v ON v.source_file = n.source_file AND v.peildatum <= n.peildatum
JOIN int_person_peildatum pp ON pp.person_key = v.person_key AND pp.peildatum = n.peildatum;
