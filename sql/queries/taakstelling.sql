-- Taakstelling per half year: per gemeente, and `ALL` for the chosen
-- gemeenten together ($gemeenten list, empty = the whole region). Public
-- figures (indicators.md: exempt from disclosure control), so the sums and
-- the realisation are made here, once.
WITH chosen AS (
    SELECT * FROM mart_taakstelling
    WHERE in_filter($gemeenten::VARCHAR[], gemeentecode)
),
summed AS (
    SELECT coalesce(gemeentecode, 'ALL') AS gemeentecode,
           CASE WHEN gemeentecode IS NULL THEN NULL ELSE any_value(gemeente) END AS gemeente,
           periode, any_value(period_start) AS period_start, any_value(period_end) AS period_end,
           sum(taakstelling) AS taakstelling, sum(achterstand_begin) AS achterstand_begin,
           sum(gehuisvest) AS gehuisvest, sum(opgave) AS opgave,
           sum(achterstand_eind) AS achterstand_eind
    FROM chosen
    GROUP BY GROUPING SETS ((gemeentecode, periode), (periode))
)
SELECT *, CASE WHEN opgave > 0 THEN 100.0 * gehuisvest / opgave END AS realisatie_pct
FROM summed
ORDER BY periode, gemeentecode = 'ALL' DESC, gemeentecode
