-- Domain 1 Rechten en verantwoordelijkheden.
-- Every ind_ view returns the cube's columns: indicator_id, peildatum,
-- gemeentecode, key, the five person dimensions, numerator, denominator, persons.
-- Person-based indicators read their population/numerator counts from
-- int_person_cells (one pass over persons x peildata); the comment above each
-- part is the definition.
CREATE OR REPLACE VIEW ind_1_basis AS
-- basis.pvt_afgerond_pct (reference): persons with PIP signed at least 365 days
-- before P; % with the PVT completed by P.
SELECT 'basis.pvt_afgerond_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(pvt_num AS DOUBLE) AS numerator, CAST(pvt_den AS DOUBLE) AS denominator,
       pvt_den AS persons
FROM int_person_cells WHERE pvt_den > 0
UNION ALL
-- basis.termijn_verstreken_aantal: active persons whose three-year termijn from
-- the PIP has passed at P without Voldaan/Ontheffing.
SELECT 'basis.termijn_verstreken_aantal', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       termijn_verstreken_num, NULL, termijn_verstreken_num
FROM int_person_cells WHERE termijn_verstreken_num > 0;
