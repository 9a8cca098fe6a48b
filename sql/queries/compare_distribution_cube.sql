-- How many persons have each value of one median indicator per gemeente at
-- $peildatum, from the cube (a median's rows there are one per value: the
-- value in numerator, its persons in persons). Run by the export on its
-- one-date cube; the pages read the same rows from the load-time rollup
-- through compare_distribution.sql. Parameters: $indicator, $peildatum.
SELECT gemeentecode, numerator AS waarde, sum(persons) AS persons
FROM mart_indicator_cube
WHERE indicator_id = $indicator AND peildatum = $peildatum AND numerator IS NOT NULL
GROUP BY ALL
ORDER BY ALL
