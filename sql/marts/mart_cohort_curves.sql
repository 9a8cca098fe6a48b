-- Cohort curves after CBS "Asiel en integratie": how a cohort fares k months
-- after a start date, so cohorts can be compared at equal time since start
-- instead of at equal calendar date. One row per measure x cohort x months x
-- gemeente x doelgroep x geslacht x observation date (the date by which the
-- point is observed), numerator and denominator counting persons. No person
-- key leaves this view; queries/cohort_curves.sql sums it after filtering.
-- Materialised by sqlrun as TABLE mart_cohort_curves: the join of persons
-- and all benefits rows takes seconds nationally, too slow for a page.
--
-- Since housing (cohort = year of Datum huisvesting), k in 6/12/18/24/36:
--   population: persons housed (housed_at, the common definition) at the
--   month end of the benefits file of month (month of Datum huisvesting + k)
--   who appear in that file; persons absent from that month's file are not
--   in the denominator (the file lists everyone the gemeente knows that month).
--   werk      = Inkomen uit werk J that month
--   uitkering = Participatiewet J that month
--   observed on the file's month end.
-- Since koppeling (cohort = year of Datum koppeling), k in 3/6/12/18/24/36:
--   population: persons with a Datum koppeling who are in scope (in_scope_at)
--   at koppeling + k months; a query only counts a point once
--   koppeling + k months <= its peildatum.
--   pip       = Datum PIP <= koppeling + k months
--   leerroute = Datum start leerroute <= koppeling + k months
CREATE OR REPLACE VIEW mart_cohort_curves_v AS
WITH benefit_months AS (
    -- every benefits row of a housed-dated person with its distance in
    -- months from the month of housing (a plain join on the person: a join
    -- on a computed month per horizon is several times slower nationally)
    SELECT i.gemeentecode, i.doelgroep, i.geslacht, i.datum_huisvesting, i.status,
           i.datum_status, u.month_end, u.inkomen_uit_werk, u.participatiewet,
           (CAST(left(u.maand, 4) AS INTEGER) * 12 + CAST(right(u.maand, 2) AS INTEGER))
           - (year(i.datum_huisvesting) * 12 + month(i.datum_huisvesting)) AS months
    FROM stg_inburgeraars i
    JOIN stg_uitkeringen u ON u.person_key = i.person_key
    WHERE i.datum_huisvesting IS NOT NULL
),
since_housing AS (
    SELECT gemeentecode, doelgroep, geslacht, year(datum_huisvesting) AS cohort, months,
           month_end AS observed_on,
           coalesce(inkomen_uit_werk, false) AS werk,
           coalesce(participatiewet, false) AS uitkering
    FROM benefit_months
    WHERE months IN (6, 12, 18, 24, 36)
      AND housed_at(status, datum_status, datum_huisvesting, month_end)
),
koppeling_horizons AS (
    SELECT i.gemeentecode, i.doelgroep, i.geslacht, year(i.datum_koppeling) AS cohort, h.months,
           CAST(i.datum_koppeling + to_months(h.months) AS DATE) AS horizon,
           i.datum_pip, i.datum_start_leerroute, i.status, i.datum_status
    FROM stg_inburgeraars i
    CROSS JOIN (SELECT unnest([3, 6, 12, 18, 24, 36]) AS months) h
    WHERE i.datum_koppeling IS NOT NULL
),
since_koppeling AS (
    -- The peildata are month ends plus the latest date. For a month end P,
    -- horizon <= P exactly when the horizon's month end is; so the point is
    -- dated at its month end (one row per month instead of per day, which
    -- keeps the materialised table small) unless that month end lies past
    -- the latest date, where the day itself decides.
    SELECT h.*,
           CASE WHEN last_day(horizon) <= (SELECT list_max(peildata) FROM int_maandeinden)
                THEN last_day(horizon) ELSE horizon END AS observed_on
    FROM koppeling_horizons h
),
-- each population is aggregated once, both outcomes side by side, and only
-- then split into measures: the person-level joins run once, not per measure
housing_cells AS (
    SELECT cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
           count(*) FILTER (WHERE werk) AS werk, count(*) FILTER (WHERE uitkering) AS uitkering,
           count(*) AS persons
    FROM since_housing GROUP BY ALL
),
koppeling_cells AS (
    SELECT cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
           count(*) FILTER (WHERE coalesce(datum_pip <= horizon, false)) AS pip,
           count(*) FILTER (WHERE coalesce(datum_start_leerroute <= horizon, false)) AS leerroute,
           count(*) AS persons
    FROM since_koppeling WHERE in_scope_at(status, datum_status, horizon) GROUP BY ALL
)
SELECT 'werk' AS measure, cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
       werk AS numerator, persons AS denominator
FROM housing_cells
UNION ALL
SELECT 'uitkering', cohort, months, gemeentecode, doelgroep, geslacht, observed_on, uitkering, persons
FROM housing_cells
UNION ALL
SELECT 'pip', cohort, months, gemeentecode, doelgroep, geslacht, observed_on, pip, persons
FROM koppeling_cells
UNION ALL
SELECT 'leerroute', cohort, months, gemeentecode, doelgroep, geslacht, observed_on, leerroute, persons
FROM koppeling_cells;
