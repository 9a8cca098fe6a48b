-- Housed persons per gemeente x wijk at $peildatum (spread over the
-- municipality); $gemeenten / $doelgroep lists, empty = all.
SELECT w.gemeentecode, g.naam AS gemeente, w.wijkcode, sum(w.persons) AS persons
FROM mart_huisvesting_wijk w
LEFT JOIN ref_gemeenten g USING (gemeentecode)
WHERE w.peildatum = $peildatum::DATE
  AND in_filter($gemeenten::VARCHAR[], w.gemeentecode)
  AND in_filter($doelgroep::VARCHAR[], w.doelgroep)
GROUP BY ALL
ORDER BY w.gemeentecode, w.wijkcode
