-- Taakstelling per half year per gemeente; $gemeenten list, empty = all.
SELECT * FROM mart_taakstelling
WHERE len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], gemeentecode)
ORDER BY periode, gemeentecode
