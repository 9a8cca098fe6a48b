-- Domains 4.1 Banden, 4.2 Connecties, 4.3 Bruggen (cluster Sociale verbindingen).
CREATE OR REPLACE VIEW ind_4_verbindingen AS
-- verbindingen.banden_eens_pct (4.1, reference): survey file of P's year; %
-- of non-empty Banden answers that are 4 or 5.
SELECT 'verbindingen.banden_eens_pct' AS indicator_id, peildatum, gemeentecode,
       CAST(NULL AS VARCHAR) AS key, NULL AS doelgroep, NULL AS geslacht, NULL AS leeftijdsgroep,
       NULL AS leerroute, NULL AS cohort,
       CAST(agree AS DOUBLE) AS numerator, CAST(answered AS DOUBLE) AS denominator,
       answered AS persons
FROM int_enquete_peildatum WHERE statement = 'banden'
UNION ALL
-- verbindingen.banden_oneens_pct (4.1): % answering 1 or 2: no one of the
-- same background to turn to (isolation signal).
SELECT 'verbindingen.banden_oneens_pct', peildatum, gemeentecode, NULL, NULL, NULL, NULL, NULL,
       NULL, disagree, answered, answered
FROM int_enquete_peildatum WHERE statement = 'banden'
UNION ALL
-- verbindingen.nareizigers_gehuisvest_aantal (4.1): nareizigers (family
-- reunited) housed in (P-365, P].
SELECT 'verbindingen.nareizigers_gehuisvest_aantal', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       nareizigers_num, NULL, nareizigers_num
FROM int_person_cells WHERE nareizigers_num > 0
UNION ALL
-- verbindingen.connecties_eens_pct (4.2): survey, regular contact with residents.
SELECT 'verbindingen.connecties_eens_pct', peildatum, gemeentecode, NULL, NULL, NULL, NULL, NULL,
       NULL, agree, answered, answered
FROM int_enquete_peildatum WHERE statement = 'connecties'
UNION ALL
-- verbindingen.vrijwilligerswerk_taalmaatje_pct (4.2): active persons; % with
-- ongoing volunteer work or a taalmaatje (contact with residents).
SELECT 'verbindingen.vrijwilligerswerk_taalmaatje_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       volunteer_buddy_num, active_den, active_den
FROM int_person_cells WHERE active_den > 0
UNION ALL
-- verbindingen.meedoenbalie_pct (4.2): rows of the newest koppelingen file
-- (month <= P); % registered at the #Meedoenbalie.
SELECT 'verbindingen.meedoenbalie_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort,
       CAST(count(*) FILTER (WHERE meedoenbalie) AS DOUBLE), CAST(count(*) AS DOUBLE), count(*)
FROM int_koppelingen_peildatum
GROUP BY ALL
UNION ALL
-- verbindingen.bruggen_eens_pct (4.3, reference): same for Bruggen.
SELECT 'verbindingen.bruggen_eens_pct', peildatum, gemeentecode, NULL, NULL, NULL, NULL, NULL,
       NULL, agree, answered, answered
FROM int_enquete_peildatum WHERE statement = 'bruggen'
UNION ALL
-- verbindingen.vertrouwen_gemeente_eens_pct (4.3): survey, "Ik vertrouw de gemeente".
SELECT 'verbindingen.vertrouwen_gemeente_eens_pct', peildatum, gemeentecode, NULL, NULL, NULL,
       NULL, NULL, NULL, agree, answered, answered
FROM int_enquete_peildatum WHERE statement = 'vertrouwen_gemeente';
