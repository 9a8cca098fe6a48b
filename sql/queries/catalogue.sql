-- The indicator catalogue (sql/seeds/indicator_catalogue.csv) in domain order.
SELECT *
FROM ref_indicators
ORDER BY CAST(split_part(domain, '.', 1) AS INTEGER), coalesce(TRY_CAST(split_part(domain, '.', 2) AS INTEGER), 0), id
