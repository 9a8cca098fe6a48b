-- The gemeenten of the configured region.
SELECT gemeentecode, naam FROM ref_gemeenten ORDER BY naam
