-- The inburgeringsroute at $peildatum: per step the in-scope persons who
-- reached it by P, and the lead time in days from the previous step as one
-- row per distinct value (weighted median in Python; never person rows).
-- Filters as in cube_cells (lists, empty = all).
WITH persons AS (
    SELECT *,
        CASE
            WHEN geboortedatum IS NULL THEN 'Onbekend'
            WHEN date_sub('year', geboortedatum, $peildatum::DATE) < 18 THEN '0-17'
            WHEN date_sub('year', geboortedatum, $peildatum::DATE) < 27 THEN '18-26'
            WHEN date_sub('year', geboortedatum, $peildatum::DATE) < 40 THEN '27-39'
            WHEN date_sub('year', geboortedatum, $peildatum::DATE) < 55 THEN '40-54'
            ELSE '55+'
        END AS leeftijdsgroep
    FROM stg_inburgeraars
    WHERE NOT coalesce(status IN ('Verhuisd', 'Vertrokken') AND datum_status <= $peildatum::DATE, false)
),
filtered AS (
    SELECT * FROM persons
    WHERE (len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], gemeentecode))
      AND (len($doelgroep::VARCHAR[]) = 0 OR list_contains($doelgroep::VARCHAR[], doelgroep))
      AND (len($geslacht::VARCHAR[]) = 0 OR list_contains($geslacht::VARCHAR[], geslacht))
      AND (len($leeftijdsgroep::VARCHAR[]) = 0
           OR list_contains($leeftijdsgroep::VARCHAR[], leeftijdsgroep))
      AND (len($leerroute::VARCHAR[]) = 0 OR list_contains($leerroute::VARCHAR[], leerroute))
      AND (len($cohort::VARCHAR[]) = 0 OR list_contains($cohort::VARCHAR[], cohort))
),
steps AS (
    -- step order, the step's date, and the date of the step before it
    SELECT 1 AS stap, 'koppeling' AS step, datum_koppeling AS d, datum_vergunning AS prev FROM filtered
    UNION ALL SELECT 2, 'huisvesting', datum_huisvesting, datum_koppeling FROM filtered
    UNION ALL SELECT 3, 'brede_intake', datum_brede_intake,
                     coalesce(datum_huisvesting, datum_vergunning) FROM filtered
    UNION ALL SELECT 4, 'pip', datum_pip, datum_brede_intake FROM filtered
    UNION ALL SELECT 5, 'leerroute', datum_start_leerroute, datum_pip FROM filtered
    UNION ALL SELECT 6, 'map', datum_map_afgerond, datum_pip FROM filtered
    UNION ALL SELECT 7, 'knm', datum_knm_afgerond, datum_pip FROM filtered
    UNION ALL SELECT 8, 'pvt', datum_pvt_afgerond, datum_pip FROM filtered
    UNION ALL SELECT 9, 'voldaan', CASE WHEN status = 'Voldaan' THEN datum_status END, datum_pip
              FROM filtered
    -- termijn: active persons whose three years from the PIP run / have run out
    UNION ALL SELECT 10, 'termijn_lopend', datum_pip, NULL FROM filtered
              WHERE datum_pip <= $peildatum::DATE
                AND NOT coalesce(status IN ('Voldaan', 'Ontheffing') AND datum_status <= $peildatum::DATE, false)
                AND CAST(datum_pip + INTERVAL 3 YEAR AS DATE) >= $peildatum::DATE
    UNION ALL SELECT 11, 'termijn_verstreken', datum_pip, NULL FROM filtered
              WHERE datum_pip <= $peildatum::DATE
                AND NOT coalesce(status IN ('Voldaan', 'Ontheffing') AND datum_status <= $peildatum::DATE, false)
                AND CAST(datum_pip + INTERVAL 3 YEAR AS DATE) < $peildatum::DATE
)
SELECT stap, step, date_diff('day', prev, d) AS lead_days, count(*) AS persons
FROM steps
WHERE d <= $peildatum::DATE
GROUP BY ALL
ORDER BY stap, lead_days
