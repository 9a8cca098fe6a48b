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
-- The dimensions are int_person_peildatum's at P, taken from the person
-- register directly (the age group is the one macro, the rest do not depend
-- on P): a join on the person alone spares building every person x
-- peildatum row (~10M nationally).
SELECT n.peildatum, i.gemeentecode, i.doelgroep, i.geslacht,
       age_group_at(i.geboortedatum, n.peildatum) AS leeftijdsgroep,
       i.leerroute, i.cohort,
       housing_cohort_at(i.datum_huisvesting, n.peildatum) AS cohort_huisvesting,
       permit_cohort_at(i.datum_vergunning, n.peildatum) AS cohort_vergunning,
       i.land_van_herkomst, v.person_key,
       v.* EXCLUDE (person_key, peildatum, source_file, file_date),
       v.peildatum AS vista_peildatum
FROM newest n
JOIN stg_vista_voortgang v ON v.source_file = n.source_file AND v.peildatum <= n.peildatum
JOIN int_inburgeraars i ON i.person_key = v.person_key;
