-- Domain 3.3 Digitale vaardigheden.
CREATE OR REPLACE VIEW ind_3_3_digitaal AS
-- digitaal.digid_pct (reference): persons with PIP; % with Digid J.
SELECT 'digitaal.digid_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(digid_num AS DOUBLE) AS numerator, CAST(with_pip_den AS DOUBLE) AS denominator,
       with_pip_den AS persons
FROM int_person_cells WHERE with_pip_den > 0;
