-- The person register with land van herkomst in the store's one grouping
-- (int_landen): what every view that gives a person's dimensions joins, so
-- the grouping is applied in one place.
CREATE OR REPLACE VIEW int_inburgeraars AS
SELECT s.*, coalesce(l.land_van_herkomst, 'Onbekend') AS land_van_herkomst
FROM stg_inburgeraars s
LEFT JOIN int_landen l ON l.country_of_origin = s.country_of_origin;
