-- Domain 2.5 Vrije tijd.
CREATE OR REPLACE VIEW ind_2_5_vrije_tijd AS
-- vrijetijd.sport_cultuur_pct: active persons; % with an ongoing Sport en cultuur activity.
SELECT 'vrijetijd.sport_cultuur_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(sport_culture_num AS DOUBLE) AS numerator, CAST(active_den AS DOUBLE) AS denominator,
       active_den AS persons
FROM int_person_cells WHERE active_den > 0;
