-- A row-based indicator's row once for the classic cube (the five person
-- dimensions, dimension NULL) and once per one-dimension marginal (the five
-- NULL, dimension and dimension_value set): the same cells int_person_cells
-- makes with GROUPING SETS. Use as
--   SELECT ... EXCLUDE (<the eight>), unnest(dimension_cells(<the eight>), recursive := true)
-- and GROUP BY ALL after it.
CREATE OR REPLACE MACRO dimension_cells(doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
                                        cohort_huisvesting, cohort_vergunning, land_van_herkomst) AS [
    {doelgroep: doelgroep, geslacht: geslacht, leeftijdsgroep: leeftijdsgroep,
     leerroute: leerroute, cohort: cohort,
     dimension: NULL::VARCHAR, dimension_value: NULL::VARCHAR},
    {doelgroep: NULL, geslacht: NULL, leeftijdsgroep: NULL, leerroute: NULL, cohort: NULL,
     dimension: 'cohort_huisvesting', dimension_value: cohort_huisvesting},
    {doelgroep: NULL, geslacht: NULL, leeftijdsgroep: NULL, leerroute: NULL, cohort: NULL,
     dimension: 'cohort_vergunning', dimension_value: cohort_vergunning},
    {doelgroep: NULL, geslacht: NULL, leeftijdsgroep: NULL, leerroute: NULL, cohort: NULL,
     dimension: 'land_van_herkomst', dimension_value: land_van_herkomst}
];
