-- VISTA levels per skill at $peildatum: of the learners not uitgevallen in
-- the newest VISTA file with peildatum <= P (int_vista_peildatum), how many
-- have each last measured level; an empty level is "nog niet gemeten".
-- Every skill x level pair is returned, also with 0, so the chart's
-- categories never shift. Filters as in cube_cells (lists, empty = all).
-- Per gemeente: the disclosure decision is taken over gemeenten x levels
-- (monitor.vista); a pair with no learners in a gemeente is left out there.
WITH learners AS (
    SELECT gemeentecode, niveau_lezen, niveau_luisteren, niveau_spreken, niveau_schrijven
    FROM int_vista_peildatum
    WHERE peildatum = $peildatum::DATE AND NOT uitgevallen
      AND in_filter($gemeenten::VARCHAR[], gemeentecode)
      AND in_filter($doelgroep::VARCHAR[], doelgroep)
      AND in_filter($geslacht::VARCHAR[], geslacht)
      AND in_filter($leeftijdsgroep::VARCHAR[], leeftijdsgroep)
      AND in_filter($leerroute::VARCHAR[], leerroute)
      AND in_filter($cohort::VARCHAR[], cohort)
      AND in_filter($cohort_huisvesting::VARCHAR[], cohort_huisvesting)
      AND in_filter($cohort_vergunning::VARCHAR[], cohort_vergunning)
      AND in_filter($land_van_herkomst::VARCHAR[], land_van_herkomst)
),
levels AS (
    SELECT gemeentecode, 'lezen' AS vaardigheid, niveau_lezen AS niveau FROM learners
    UNION ALL SELECT gemeentecode, 'luisteren', niveau_luisteren FROM learners
    UNION ALL SELECT gemeentecode, 'spreken', niveau_spreken FROM learners
    UNION ALL SELECT gemeentecode, 'schrijven', niveau_schrijven FROM learners
),
grid AS (
    SELECT s.vaardigheid, s.volgorde, l.niveau, l.niveau_volgorde
    FROM (VALUES ('lezen', 1), ('luisteren', 2), ('spreken', 3), ('schrijven', 4))
             s(vaardigheid, volgorde),
         (VALUES ('A0', 1), ('A1', 2), ('A2', 3), ('B1', 4), ('B2', 5), ('nog niet gemeten', 6))
             l(niveau, niveau_volgorde)
)
SELECT x.gemeentecode, g.vaardigheid, g.niveau, count(x.vaardigheid) AS persons
FROM grid g
LEFT JOIN (SELECT gemeentecode, vaardigheid,
                  coalesce(nullif(niveau, ''), 'nog niet gemeten') AS niveau
           FROM levels) x
  ON x.vaardigheid = g.vaardigheid AND x.niveau = g.niveau
GROUP BY x.gemeentecode, g.vaardigheid, g.niveau, g.volgorde, g.niveau_volgorde
ORDER BY g.volgorde, g.niveau_volgorde, x.gemeentecode
