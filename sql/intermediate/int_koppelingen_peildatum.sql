-- Per peildatum P, the rows of the newest COA koppelingen file whose month
-- is not after P's month (the file's first day <= P), with the person's
-- dimensions where the V-nummer links to section 1.
CREATE OR REPLACE VIEW int_koppelingen_peildatum AS
WITH newest AS (
    SELECT p.peildatum, max(k.month_end) AS file_month_end
    FROM int_peildata p JOIN (SELECT DISTINCT month_end FROM stg_coa_koppelingen) k
      ON date_trunc('month', k.month_end) <= p.peildatum
    GROUP BY p.peildatum
)
-- The dimensions are int_person_peildatum's at P, taken from the person
-- register directly: the age group is the one macro, the rest do not depend
-- on P, and a join on the person alone spares building every person x
-- peildatum row (~10M nationally) to find a few hundred thousand.
SELECT n.peildatum, k.*,
       coalesce(i.doelgroep, 'Onbekend') AS doelgroep,
       coalesce(i.geslacht, 'Onbekend') AS geslacht,
       CASE WHEN i.person_key IS NULL THEN 'Onbekend'
            ELSE age_group_at(i.geboortedatum, n.peildatum) END AS leeftijdsgroep,
       coalesce(i.leerroute, 'Onbekend') AS leerroute,
       coalesce(i.cohort, 'Geen PIP') AS cohort,
       CASE WHEN i.person_key IS NULL THEN 'Onbekend'
            ELSE housing_cohort_at(i.datum_huisvesting, n.peildatum) END AS cohort_huisvesting,
       CASE WHEN i.person_key IS NULL THEN 'Onbekend'
            ELSE permit_cohort_at(i.datum_vergunning, n.peildatum) END AS cohort_vergunning,
       coalesce(i.land_van_herkomst, 'Onbekend') AS land_van_herkomst
FROM newest n
JOIN stg_coa_koppelingen k ON k.month_end = n.file_month_end
LEFT JOIN int_inburgeraars i ON i.person_key = k.person_key;
