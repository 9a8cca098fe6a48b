-- The one grouping of land van herkomst, fixed for the whole store: a
-- country keeps its name when at least 10 persons of the register come from
-- it (the fewest a percentage is shown over, monitor.disclosure.
-- MIN_DENOMINATOR); rarer countries are 'Overig', a missing one 'Onbekend'.
-- It depends on no peildatum and no filter, so a person is in the same group
-- on every page, in every breakdown and in the export.
CREATE OR REPLACE VIEW int_landen AS
SELECT country_of_origin,
       CASE WHEN country_of_origin IS NULL THEN 'Onbekend'
            WHEN count(*) >= 10 THEN country_of_origin
            ELSE 'Overig' END AS land_van_herkomst
FROM stg_inburgeraars
GROUP BY country_of_origin;
