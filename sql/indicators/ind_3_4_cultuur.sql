-- Domain 3.4 Cultuur en interculturele vaardigheden.
CREATE OR REPLACE VIEW ind_3_4_cultuur AS
-- cultuur.knm_afgerond_pct: persons with PIP signed at least 365 days before P;
-- % with Kennis van de Nederlandse Maatschappij completed by P.
SELECT 'cultuur.knm_afgerond_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(knm_num AS DOUBLE) AS numerator, CAST(pvt_den AS DOUBLE) AS denominator,
       pvt_den AS persons
FROM int_person_cells WHERE pvt_den > 0;
