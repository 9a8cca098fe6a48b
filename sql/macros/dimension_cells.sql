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

-- dimension_cells of a person of int_inburgeraars as of peildatum p, with the
-- dimensions int_person_peildatum gives it at p: for row-based parts that
-- join the register directly instead of every person x peildatum.
CREATE OR REPLACE MACRO person_cells_at(doelgroep, geslacht, geboortedatum, leerroute, cohort,
                                        datum_huisvesting, datum_vergunning, land_van_herkomst, p) AS
    dimension_cells(doelgroep, geslacht, age_group_at(geboortedatum, p), leerroute, cohort,
                    housing_cohort_at(datum_huisvesting, p), permit_cohort_at(datum_vergunning, p),
                    land_van_herkomst);
