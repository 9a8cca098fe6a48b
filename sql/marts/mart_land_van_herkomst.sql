-- Land van herkomst (section 1) of the housed persons (the common population
-- `housed` of int_person_peildatum) per peildatum, with the person dimensions
-- as of that peildatum so every sidebar filter applies. The country is the
-- register's own text; unknown is 'Onbekend'. Rare countries are grouped
-- into 'Overig' after filtering, by monitor.indicators.land_van_herkomst,
-- because what is rare depends on the selection.
CREATE OR REPLACE VIEW mart_land_van_herkomst AS
SELECT pp.peildatum, pp.gemeentecode, pp.doelgroep, pp.geslacht, pp.leeftijdsgroep,
       pp.leerroute, pp.cohort, coalesce(i.country_of_origin, 'Onbekend') AS land,
       count(*) AS persons
FROM int_person_peildatum pp
JOIN stg_inburgeraars i USING (person_key)
WHERE pp.housed
GROUP BY ALL;
