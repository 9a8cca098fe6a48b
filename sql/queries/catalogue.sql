-- The indicators of the cube (sql/seeds/indicator_catalogue.csv, view an
-- ind_ view) in domain order; the blocks are in catalogue_blocks.sql.
SELECT *
FROM ref_indicators
WHERE starts_with("view", 'ind_')
ORDER BY CAST(split_part(domain, '.', 1) AS INTEGER), coalesce(TRY_CAST(split_part(domain, '.', 2) AS INTEGER), 0), id
