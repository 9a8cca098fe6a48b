-- Housed persons per land van herkomst at $peildatum, after the sidebar
-- filters (lists, empty = all); largest first.
SELECT gemeentecode, land, sum(persons)::BIGINT AS persons
FROM mart_land_van_herkomst
WHERE peildatum = $peildatum::DATE
  AND in_filter($gemeenten::VARCHAR[], gemeentecode)
  AND in_filter($doelgroep::VARCHAR[], doelgroep)
  AND in_filter($geslacht::VARCHAR[], geslacht)
  AND in_filter($leeftijdsgroep::VARCHAR[], leeftijdsgroep)
  AND in_filter($leerroute::VARCHAR[], leerroute)
  AND in_filter($cohort::VARCHAR[], cohort)
  AND in_filter($cohort_huisvesting::VARCHAR[], cohort_huisvesting)
  AND in_filter($cohort_vergunning::VARCHAR[], cohort_vergunning)
  AND in_filter($land_van_herkomst::VARCHAR[], land)
GROUP BY ALL
ORDER BY gemeentecode, persons DESC, land
