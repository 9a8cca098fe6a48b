-- Domain 2.2 Zorg en welzijn.
CREATE OR REPLACE VIEW ind_2_2_zorg AS
-- zorg.protect_afgenomen_pct (reference): persons with PIP; % with Protect taken by P.
SELECT 'zorg.protect_afgenomen_pct' AS indicator_id, peildatum, gemeentecode, CAST(NULL AS VARCHAR) AS key,
       doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       CAST(protect_num AS DOUBLE) AS numerator, CAST(with_pip_den AS DOUBLE) AS denominator,
       with_pip_den AS persons
FROM int_person_cells WHERE with_pip_den > 0
UNION ALL
-- zorg.protect_signaal_pct: in-scope persons who took Protect by P; % with outcome
-- Signaal or Doorverwezen (psychische klachten, attention point of seed 002).
SELECT 'zorg.protect_signaal_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       protect_signaal_num, protect_signaal_den, protect_signaal_den
FROM int_person_cells WHERE protect_signaal_den > 0
UNION ALL
-- zorg.kinderopvang_geregeld_pct: active persons who need childcare; % for whom
-- it is arranged (attention point kinderopvang of seed 002).
SELECT 'zorg.kinderopvang_geregeld_pct', peildatum, gemeentecode, NULL, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort, dimension, dimension_value,
       kinderopvang_num, kinderopvang_den, kinderopvang_den
FROM int_person_cells WHERE kinderopvang_den > 0;
