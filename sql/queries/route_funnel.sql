-- The inburgeringsroute at $peildatum: per step the in-scope persons who
-- reached it by P (`persons`), and the median lead time in days from the
-- previous step (`mediaan_dagen`, an even count averages the two middle
-- values) over the `mediaan_n` of them for whom both dates are known.
-- Populations and age groups are int_person_peildatum's, at one of the
-- peildata it holds (the pages offer only those). Filters as in cube_cells
-- (lists, empty = all). $per_gemeente: one row per step and gemeente
-- (`gemeentecode`; NULL otherwise), the cells disclosure control decides
-- over (monitor.indicators.route).
WITH filtered AS (
    SELECT *, CASE WHEN $per_gemeente THEN gemeentecode END AS place
    FROM int_person_peildatum
    WHERE peildatum = $peildatum::DATE AND in_scope
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
steps AS (
    -- step order, the step's date, and the date of the step before it
    SELECT 1 AS stap, 'koppeling' AS step, datum_koppeling AS d, datum_vergunning AS prev, place FROM filtered
    UNION ALL SELECT 2, 'huisvesting', datum_huisvesting, datum_koppeling, place FROM filtered
    UNION ALL SELECT 3, 'brede_intake', datum_brede_intake,
                     coalesce(datum_huisvesting, datum_vergunning), place FROM filtered
    UNION ALL SELECT 4, 'pip', datum_pip, datum_brede_intake, place FROM filtered
    UNION ALL SELECT 5, 'leerroute', datum_start_leerroute, datum_pip, place FROM filtered
    UNION ALL SELECT 6, 'map', datum_map_afgerond, datum_pip, place FROM filtered
    UNION ALL SELECT 7, 'knm', datum_knm_afgerond, datum_pip, place FROM filtered
    UNION ALL SELECT 8, 'pvt', datum_pvt_afgerond, datum_pip, place FROM filtered
    UNION ALL SELECT 9, 'voldaan', CASE WHEN status = 'Voldaan' THEN datum_status END, datum_pip,
              place FROM filtered
    -- termijn: active persons whose three years from the PIP run / have run out
    UNION ALL SELECT 10, 'termijn_lopend', datum_pip, NULL, place FROM filtered
              WHERE active AND CAST(datum_pip + INTERVAL 3 YEAR AS DATE) >= peildatum
    UNION ALL SELECT 11, 'termijn_verstreken', datum_pip, NULL, place FROM filtered
              WHERE active AND CAST(datum_pip + INTERVAL 3 YEAR AS DATE) < peildatum
),
-- The median from a count per (step, lead time): a few thousand rows instead
-- of sorting every person's lead time (~1,2M rows nationally). Even counts
-- average the two middle values, as median() does.
days AS (
    SELECT stap, step, place, date_diff('day', prev, d) AS days, count(*) AS n
    FROM steps
    WHERE d <= $peildatum::DATE
    GROUP BY ALL
),
ranked AS (
    SELECT *,
           sum(n) OVER (PARTITION BY stap, place ORDER BY days NULLS LAST ROWS UNBOUNDED PRECEDING) AS cum,
           sum(n) FILTER (WHERE days IS NOT NULL) OVER (PARTITION BY stap, place) AS known
    FROM days
)
SELECT stap, step, place AS gemeentecode, CAST(sum(n) AS BIGINT) AS persons,
       (min(days) FILTER (WHERE cum > (known - 1) // 2)
        + min(days) FILTER (WHERE cum > known // 2)) / 2 AS mediaan_dagen,
       CAST(coalesce(sum(n) FILTER (WHERE days IS NOT NULL), 0) AS BIGINT) AS mediaan_n
FROM ranked
GROUP BY ALL
ORDER BY stap, gemeentecode
