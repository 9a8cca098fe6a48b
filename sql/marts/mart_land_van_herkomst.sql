-- Land van herkomst (section 1) of the housed persons (the common population
-- `housed` of int_person_peildatum) per peildatum, with every person
-- dimension as of that peildatum so each sidebar filter applies. The land is
-- the store's one grouping (int_landen: rare countries 'Overig', unknown
-- 'Onbekend'), the same as the land van herkomst breakdown of the indicators.
CREATE OR REPLACE VIEW mart_land_van_herkomst AS
SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       cohort_huisvesting, cohort_vergunning, land_van_herkomst AS land, count(*) AS persons
FROM int_person_peildatum
WHERE housed
GROUP BY ALL;
