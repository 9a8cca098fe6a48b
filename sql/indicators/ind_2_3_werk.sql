-- Domain 2.3 Werk en inkomen. Person-based parts read int_person_cells
-- (ongoing activities, Z-route hours and the benefits file of P's month are
-- joined there); the comment above each part is the definition.
CREATE OR REPLACE VIEW ind_2_3_werk AS
-- werk.duaal_pct (reference): active persons whose leerroute started by P; %
-- with at least one ongoing activity (taal and participatie at once).
SELECT 'werk.duaal_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(duaal_num AS DOUBLE) AS numerator, CAST(duaal_den AS DOUBLE) AS denominator,
       duaal_den AS persons
FROM int_person_cells WHERE duaal_den > 0
UNION ALL
-- werk.z_uren_op_schema_pct (reference): active Z-route persons; % whose hours
-- since the PIP reach the pro-rata norm 800 x (P - PIP) / 1095, at most 800.
SELECT 'werk.z_uren_op_schema_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       z_num, z_den, z_den
FROM int_person_cells WHERE z_den > 0
UNION ALL
-- werk.uitkering_pct (reference): persons housed at least 365 days before P
-- who appear in the benefits file of P's month; % with Participatiewet J.
SELECT 'werk.uitkering_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       uitkering_num, uitkering_den, uitkering_den
FROM int_person_cells WHERE uitkering_den > 0
UNION ALL
-- werk.inkomen_uit_werk_pct: same population; % with income from work that month.
SELECT 'werk.inkomen_uit_werk_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       inkomen_num, uitkering_den, uitkering_den
FROM int_person_cells WHERE uitkering_den > 0
UNION ALL
-- werk.podium24_binnen_3mnd_pct (reference): Podium24 activity rows referred
-- at least 91 days before P; % started within 91 days of the referral.
-- Row-based: persons who moved away still count, with their dimensions.
SELECT 'werk.podium24_binnen_3mnd_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       count(*) FILTER (WHERE start_date <= referral_date + 91),
       count(*), count(DISTINCT person_key)
FROM (
    SELECT p.peildatum, i.person_key, i.gemeentecode, a.start_date, a.referral_date,
           unnest(person_cells_at(i.doelgroep, i.geslacht, i.geboortedatum, i.leerroute, i.cohort,
                                  i.datum_huisvesting, i.datum_vergunning, i.land_van_herkomst,
                                  p.peildatum), recursive := true)
    FROM stg_participatie a
    JOIN int_peildata p ON a.referral_date <= p.peildatum - 91
    JOIN int_inburgeraars i ON i.person_key = a.person_key
    WHERE a.provider = 'Podium24'
)
GROUP BY ALL
UNION ALL
-- werk.betaald_werk_pct: active persons; % with ongoing paid work at P.
SELECT 'werk.betaald_werk_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       paid_work_num, active_den, active_den
FROM int_person_cells WHERE active_den > 0
UNION ALL
-- werk.map_afgerond_pct: persons with PIP signed at least 365 days before P; %
-- with the Module Arbeidsmarkt en Participatie completed by P.
SELECT 'werk.map_afgerond_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       map_num, pvt_den, pvt_den
FROM int_person_cells WHERE pvt_den > 0;
