-- All person-based indicators in one pass: per peildatum x gemeente x
-- dimensions (and the marginals of dimension/dimension_value, see the GROUP
-- BY), for each indicator the number of persons in its population
-- (<name>_den) and how many of them meet it (<name>_num). One wide
-- aggregation instead of one GROUP BY per indicator keeps the national load
-- fast; sqlrun materialises this view once while it builds the cube. The
-- ind_ views pick their pair of columns and carry the definition comments.
CREATE OR REPLACE VIEW int_person_cells AS
WITH activity AS (
    -- ongoing activities per person and P, by kind
    SELECT peildatum, person_key,
           bool_or(activity_type = 'Betaald werk')                         AS paid_work,
           bool_or(activity_type = 'Opleiding')                            AS education,
           bool_or(activity_type = 'Sport en cultuur')                     AS sport_culture,
           bool_or(activity_type IN ('Vrijwilligerswerk', 'Taalmaatje'))   AS volunteer_buddy
    FROM int_activity_peildatum
    GROUP BY ALL
),
z_hours AS (
    -- Z-route hours since the PIP: overlap of [start, einde or P] with
    -- [PIP + 1 day, P], both ends counted, x uren per week / 7
    SELECT pp.peildatum, pp.person_key,
           sum(greatest(0, date_diff('day',
                   greatest(a.start_date, pp.datum_pip + 1),
                   least(coalesce(a.end_date, pp.peildatum), pp.peildatum)) + 1)
               * a.hours_per_week / 7.0) AS hours
    FROM int_person_peildatum pp
    JOIN stg_participatie a ON a.person_key = pp.person_key AND a.start_date <= pp.peildatum
    WHERE pp.active AND pp.leerroute = 'Z'
    GROUP BY ALL
),
benefits AS (
    -- the section-3 file of P's month
    SELECT p.peildatum, u.person_key, u.participatiewet, u.inkomen_uit_werk, u.ontzorging
    FROM int_peildata p JOIN stg_uitkeringen u ON u.maand = strftime(p.peildatum, '%Y-%m')
),
narrow AS (
    -- only what the flags need: joins below carry ~10M person-peildatum rows
    -- nationally, so wide rows would dominate the load time
    SELECT peildatum, person_key, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute,
           cohort, cohort_huisvesting, cohort_vergunning, land_van_herkomst, has_leerroute,
           in_scope, housed, with_pip, active, datum_pip,
           datum_huisvesting, datum_koppeling, datum_start_leerroute, datum_pvt_afgerond,
           datum_knm_afgerond, datum_map_afgerond, datum_protect, uitkomst_protect,
           kinderopvang_nodig, kinderopvang_geregeld, digid, status, datum_status
    FROM int_person_peildatum
    -- Only rows that meet at least one population of the counts below (every
    -- FILTER implies with_pip, housed, a koppeling or a ProTect by P): about
    -- half of the persons x peildata are persons before their arrival, and
    -- groups in which nobody counts are read by no ind_ view (each keeps a
    -- count > 0). A new count whose population lies outside these four
    -- widens this condition.
    WHERE in_scope
      AND (with_pip OR housed OR datum_koppeling <= peildatum OR datum_protect <= peildatum)
),
flags AS (
    SELECT pp.peildatum, pp.gemeentecode, pp.doelgroep, pp.geslacht, pp.leeftijdsgroep,
           pp.leerroute, pp.cohort, pp.cohort_huisvesting, pp.cohort_vergunning,
           pp.land_van_herkomst,
           -- populations
           pp.with_pip AND pp.datum_pip <= pp.peildatum - INTERVAL 365 DAY      AS pip_year_old,
           pp.active AND pp.datum_start_leerroute <= pp.peildatum               AS active_started,
           pp.active AND pp.leerroute = 'Z'                                      AS active_z,
           pp.housed AND pp.datum_huisvesting <= pp.peildatum - INTERVAL 365 DAY
               AND b.person_key IS NOT NULL                                      AS housed_year_benefits,
           pp.housed AND pp.datum_huisvesting > pp.peildatum - INTERVAL 183 DAY
               AND b.person_key IS NOT NULL                                      AS housed_halfyear_benefits,
           pp.in_scope AND pp.datum_huisvesting > pp.peildatum - INTERVAL 365 DAY
               AND pp.datum_huisvesting <= pp.peildatum                          AS housed_last_year,
           pp.in_scope, pp.housed, pp.with_pip, pp.active, pp.has_leerroute, pp.datum_pip,
           pp.datum_koppeling, pp.datum_pvt_afgerond, pp.datum_knm_afgerond,
           pp.datum_map_afgerond, pp.datum_protect, pp.uitkomst_protect,
           pp.kinderopvang_nodig, pp.kinderopvang_geregeld, pp.digid, pp.status, pp.datum_status,
           a.person_key IS NOT NULL                                              AS any_activity,
           coalesce(a.paid_work, false)       AS paid_work,
           coalesce(a.education, false)       AS education,
           coalesce(a.sport_culture, false)   AS sport_culture,
           coalesce(a.volunteer_buddy, false) AS volunteer_buddy,
           coalesce(z.hours, 0) >= least(800.0, 800.0 * date_diff('day', pp.datum_pip, pp.peildatum)
                                              / 1095.0)                          AS z_on_schedule,
           coalesce(b.participatiewet, false)  AS participatiewet,
           coalesce(b.inkomen_uit_werk, false) AS inkomen_uit_werk,
           coalesce(b.ontzorging, false)       AS ontzorging
    FROM narrow pp
    LEFT JOIN activity a ON a.peildatum = pp.peildatum AND a.person_key = pp.person_key
    LEFT JOIN z_hours z ON z.peildatum = pp.peildatum AND z.person_key = pp.person_key
    LEFT JOIN benefits b ON b.peildatum = pp.peildatum AND b.person_key = pp.person_key
),
counted AS (
    -- one boolean per count: computed once here, not once per grouping set
    SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
           cohort_huisvesting, cohort_vergunning, land_van_herkomst,
           pip_year_old AS pvt_den,
           pip_year_old AND datum_pvt_afgerond <= peildatum AS pvt_num,
           pip_year_old AND datum_knm_afgerond <= peildatum AS knm_num,
           pip_year_old AND datum_map_afgerond <= peildatum AS map_num,
           active AND CAST(datum_pip + INTERVAL 3 YEAR AS DATE) < peildatum AS termijn_verstreken_num,
           housed_last_year AS gehuisvest_12mnd_num,
           housed_last_year AND doelgroep = 'Nareiziger' AS nareizigers_num,
           in_scope AND datum_koppeling <= peildatum AND NOT housed AS wacht_op_woning_num,
           with_pip AS with_pip_den,
           with_pip AND datum_protect <= peildatum AS protect_num,
           with_pip AND digid AS digid_num,
           in_scope AND datum_protect <= peildatum AS protect_signaal_den,
           in_scope AND datum_protect <= peildatum
               AND uitkomst_protect IN ('Signaal', 'Doorverwezen') AS protect_signaal_num,
           active AND kinderopvang_nodig AS kinderopvang_den,
           active AND kinderopvang_nodig AND kinderopvang_geregeld AS kinderopvang_num,
           active_started AS duaal_den,
           active_started AND any_activity AS duaal_num,
           active_z AS z_den,
           active_z AND z_on_schedule AS z_num,
           housed_year_benefits AS uitkering_den,
           housed_year_benefits AND participatiewet AS uitkering_num,
           housed_year_benefits AND inkomen_uit_werk AS inkomen_num,
           housed_halfyear_benefits AS ontzorging_den,
           housed_halfyear_benefits AND ontzorging AS ontzorging_num,
           active AS active_den,
           active AND paid_work AS paid_work_num,
           active AND education AS education_num,
           active AND sport_culture AS sport_culture_num,
           active AND volunteer_buddy AS volunteer_buddy_num,
           active AND leerroute = 'Onderwijs' AS onderwijsroute_num,
           housed AND NOT with_pip AND doelgroep <> 'Overig'
               AND NOT coalesce(status = 'Ontheffing' AND datum_status <= peildatum, false) AS wachtlijst_num,
           with_pip AND has_leerroute AS leerroute_den,
           with_pip AND has_leerroute AND leerroute IN ('B1', 'B1-Entree') AS leerroute_b1_num
    FROM flags
),
cells AS (
    -- The classic cells, and per gemeente each combination of the three
    -- marginal dimensions: the marginals are summed from those below, a
    -- quarter of the rows of counting each marginal over the persons.
    SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
           cohort_huisvesting, cohort_vergunning, land_van_herkomst,
           grouping(cohort_huisvesting) = 0 AS marginal,
           count(*) FILTER (pvt_den)                 AS pvt_den,
           count(*) FILTER (pvt_num)                 AS pvt_num,
           count(*) FILTER (knm_num)                 AS knm_num,
           count(*) FILTER (map_num)                 AS map_num,
           count(*) FILTER (termijn_verstreken_num)  AS termijn_verstreken_num,
           count(*) FILTER (gehuisvest_12mnd_num)    AS gehuisvest_12mnd_num,
           count(*) FILTER (nareizigers_num)         AS nareizigers_num,
           count(*) FILTER (wacht_op_woning_num)     AS wacht_op_woning_num,
           count(*) FILTER (with_pip_den)            AS with_pip_den,
           count(*) FILTER (protect_num)             AS protect_num,
           count(*) FILTER (digid_num)               AS digid_num,
           count(*) FILTER (protect_signaal_den)     AS protect_signaal_den,
           count(*) FILTER (protect_signaal_num)     AS protect_signaal_num,
           count(*) FILTER (kinderopvang_den)        AS kinderopvang_den,
           count(*) FILTER (kinderopvang_num)        AS kinderopvang_num,
           count(*) FILTER (duaal_den)               AS duaal_den,
           count(*) FILTER (duaal_num)               AS duaal_num,
           count(*) FILTER (z_den)                   AS z_den,
           count(*) FILTER (z_num)                   AS z_num,
           count(*) FILTER (uitkering_den)           AS uitkering_den,
           count(*) FILTER (uitkering_num)           AS uitkering_num,
           count(*) FILTER (inkomen_num)             AS inkomen_num,
           count(*) FILTER (ontzorging_den)          AS ontzorging_den,
           count(*) FILTER (ontzorging_num)          AS ontzorging_num,
           count(*) FILTER (active_den)              AS active_den,
           count(*) FILTER (paid_work_num)           AS paid_work_num,
           count(*) FILTER (education_num)           AS education_num,
           count(*) FILTER (sport_culture_num)       AS sport_culture_num,
           count(*) FILTER (volunteer_buddy_num)     AS volunteer_buddy_num,
           count(*) FILTER (onderwijsroute_num)      AS onderwijsroute_num,
           count(*) FILTER (wachtlijst_num)          AS wachtlijst_num,
           count(*) FILTER (leerroute_den)           AS leerroute_den,
           count(*) FILTER (leerroute_b1_num)        AS leerroute_b1_num
    FROM counted
    GROUP BY GROUPING SETS (
        (peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort),
        (peildatum, gemeentecode, cohort_huisvesting, cohort_vergunning, land_van_herkomst)
    )
)
SELECT peildatum, gemeentecode, doelgroep, geslacht, leeftijdsgroep, leerroute, cohort,
       NULL::VARCHAR AS dimension, NULL::VARCHAR AS dimension_value,
       COLUMNS('_(den|num)$')
FROM cells WHERE NOT marginal
UNION ALL
-- The one-dimension marginals per gemeente, for the dimensions that combine
-- with no other person dimension (their full cross-product with the five
-- would be near person level nationally); their rows have the five NULL and
-- name their dimension.
SELECT peildatum, gemeentecode, NULL, NULL, NULL, NULL, NULL,
    CASE WHEN grouping(cohort_huisvesting) = 0 THEN 'cohort_huisvesting'
         WHEN grouping(cohort_vergunning) = 0 THEN 'cohort_vergunning'
         WHEN grouping(land_van_herkomst) = 0 THEN 'land_van_herkomst' END,
    coalesce(cohort_huisvesting, cohort_vergunning, land_van_herkomst),
    CAST(sum(COLUMNS('_(den|num)$')) AS BIGINT)
FROM cells WHERE marginal
GROUP BY GROUPING SETS (
    (peildatum, gemeentecode, cohort_huisvesting),
    (peildatum, gemeentecode, cohort_vergunning),
    (peildatum, gemeentecode, land_van_herkomst)
);
