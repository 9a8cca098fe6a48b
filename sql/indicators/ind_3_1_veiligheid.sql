-- Domain 3.1 Veiligheid en stabiliteit.
CREATE OR REPLACE VIEW ind_3_1_veiligheid AS
-- veiligheid.ontzorging_pct: persons housed in (P-183, P] who appear in the
-- benefits file of P's month; % with ontzorging (budget management by
-- Kredietbank Limburg in the first six months: financial stability).
SELECT 'veiligheid.ontzorging_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(ontzorging_num AS DOUBLE) AS numerator, CAST(ontzorging_den AS DOUBLE) AS denominator,
       ontzorging_den AS persons
FROM int_person_cells WHERE ontzorging_den > 0;
