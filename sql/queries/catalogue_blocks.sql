-- The catalogue rows of the blocks (sql/seeds/indicator_catalogue.csv, view
-- the query file that makes them: z_route, vista_niveaus, cohort_curves,
-- azc_bezetting): figures a page shows as a chart of their own, not cube
-- indicators, so no card, overview or cube_cells row. Their passport reads
-- these rows.
SELECT *
FROM ref_indicators
WHERE NOT starts_with("view", 'ind_')
ORDER BY CAST(split_part(domain, '.', 1) AS INTEGER), coalesce(TRY_CAST(split_part(domain, '.', 2) AS INTEGER), 0), id
