-- Z-route capacity at $peildatum, per gemeente: the active Z-route persons
-- (int_person_peildatum's population, as werk.z_uren_op_schema_pct), the
-- hours per week of their ongoing activities (int_activity_peildatum), and
-- how many are behind, on or ahead of the pro-rata norm 800 x (P - PIP) /
-- 1095, at most 800 (indicators.md). Hours since the PIP are counted exactly
-- as that indicator counts them, so "op schema" + "voor" is its numerator.
-- "Voor" means more than $voor_factor times the norm. Filters as in
-- cube_cells (lists, empty = all). Needed hours (persons x norm) are made in
-- monitor.indicators, where the norm is a parameter.
WITH z AS (
    SELECT peildatum, person_key, gemeentecode, datum_pip
    FROM int_person_peildatum
    WHERE peildatum = $peildatum::DATE AND active AND leerroute = 'Z'
      AND in_filter($gemeenten::VARCHAR[], gemeentecode)
      AND in_filter($doelgroep::VARCHAR[], doelgroep)
      AND in_filter($geslacht::VARCHAR[], geslacht)
      AND in_filter($leeftijdsgroep::VARCHAR[], leeftijdsgroep)
      AND in_filter($cohort::VARCHAR[], cohort)
      AND in_filter($cohort_huisvesting::VARCHAR[], cohort_huisvesting)
      AND in_filter($cohort_vergunning::VARCHAR[], cohort_vergunning)
      AND in_filter($land_van_herkomst::VARCHAR[], land_van_herkomst)
),
weekly AS (
    -- hours per week of the activities ongoing at P
    SELECT z.person_key, sum(s.hours_per_week) AS hours_per_week
    FROM z
    JOIN int_activity_peildatum a ON a.peildatum = z.peildatum AND a.person_key = z.person_key
    JOIN stg_participatie s ON s.person_key = a.person_key AND s.activity_id = a.activity_id
    GROUP BY ALL
),
since_pip AS (
    -- overlap of [start, einde or P] with [PIP + 1 day, P], both ends counted
    SELECT z.person_key,
           sum(greatest(0, date_diff('day',
                   greatest(s.start_date, z.datum_pip + 1),
                   least(coalesce(s.end_date, z.peildatum), z.peildatum)) + 1)
               * s.hours_per_week / 7.0) AS hours
    FROM z JOIN stg_participatie s ON s.person_key = z.person_key AND s.start_date <= z.peildatum
    GROUP BY ALL
),
person AS (
    SELECT z.gemeentecode, coalesce(w.hours_per_week, 0) AS hours_per_week,
           coalesce(h.hours, 0) AS hours,
           least(800.0, 800.0 * date_diff('day', z.datum_pip, z.peildatum) / 1095.0) AS norm
    FROM z
    LEFT JOIN weekly w USING (person_key)
    LEFT JOIN since_pip h USING (person_key)
)
SELECT gemeentecode,
       count(*)                                                         AS z_personen,
       sum(hours_per_week)                                              AS uren_per_week,
       count(*) FILTER (hours < norm)                                   AS achter,
       count(*) FILTER (hours >= norm AND hours <= $voor_factor * norm) AS op_schema,
       count(*) FILTER (hours >= norm AND hours > $voor_factor * norm)  AS voor
FROM person
GROUP BY gemeentecode
ORDER BY gemeentecode
