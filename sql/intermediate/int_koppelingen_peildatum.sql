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
SELECT n.peildatum, k.*,
       coalesce(pp.doelgroep, 'Onbekend') AS doelgroep,
       coalesce(pp.geslacht, 'Onbekend') AS geslacht,
       coalesce(pp.leeftijdsgroep, 'Onbekend') AS leeftijdsgroep,
       coalesce(pp.leerroute, 'Onbekend') AS leerroute,
       coalesce(pp.cohort, 'Geen PIP') AS cohort,
       coalesce(pp.cohort_huisvesting, 'Onbekend') AS cohort_huisvesting,
       coalesce(pp.cohort_vergunning, 'Onbekend') AS cohort_vergunning,
       coalesce(pp.land_van_herkomst, 'Onbekend') AS land_van_herkomst
FROM newest n
JOIN stg_coa_koppelingen k ON k.month_end = n.file_month_end
LEFT JOIN int_person_peildatum pp ON pp.person_key = k.person_key AND pp.peildatum = n.peildatum;
