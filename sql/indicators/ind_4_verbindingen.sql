-- Domains 4.1 Banden, 4.2 Connecties, 4.3 Bruggen (cluster Sociale verbindingen);
-- their survey indicators are in ind_enquete.
CREATE OR REPLACE VIEW ind_4_verbindingen AS
-- verbindingen.nareizigers_gehuisvest_aantal (4.1): nareizigers (family
-- reunited) housed in (P-365, P].
SELECT 'verbindingen.nareizigers_gehuisvest_aantal' AS indicator_id, peildatum, gemeentecode,
       CAST(NULL AS VARCHAR) AS key, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(nareizigers_num AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
       nareizigers_num AS persons
FROM int_person_cells WHERE nareizigers_num > 0
UNION ALL
-- verbindingen.vrijwilligerswerk_taalmaatje_pct (4.2): active persons; % with
-- ongoing volunteer work or a taalmaatje (contact with residents).
SELECT 'verbindingen.vrijwilligerswerk_taalmaatje_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       volunteer_buddy_num, active_den, active_den
FROM int_person_cells WHERE active_den > 0
UNION ALL
-- verbindingen.meedoenbalie_pct (4.2): rows of the newest koppelingen file
-- (month <= P); % registered at the #Meedoenbalie.
SELECT 'verbindingen.meedoenbalie_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht,
       leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(meedoenbalie AS DOUBLE), CAST(koppelingen AS DOUBLE), koppelingen
FROM int_koppelingen_cells WHERE koppelingen > 0;
