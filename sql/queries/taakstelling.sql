-- Taakstelling per half year per gemeente; $gemeenten list, empty = all.
SELECT * FROM mart_taakstelling
WHERE in_filter($gemeenten::VARCHAR[], gemeentecode)
ORDER BY periode, gemeentecode
