-- Domain 2.4 Onderwijs.
CREATE OR REPLACE VIEW ind_2_4_onderwijs AS
-- onderwijs.onderwijsroute_aantal: active persons on the Onderwijs leerroute.
SELECT 'onderwijs.onderwijsroute_aantal' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(onderwijsroute_num AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
       onderwijsroute_num AS persons
FROM int_person_cells WHERE onderwijsroute_num > 0
UNION ALL
-- onderwijs.opleiding_pct: active persons; % with an ongoing Opleiding activity.
SELECT 'onderwijs.opleiding_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       education_num, active_den, active_den
FROM int_person_cells WHERE active_den > 0;
