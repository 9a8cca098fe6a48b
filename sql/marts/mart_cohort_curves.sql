-- Cohort curves after CBS "Asiel en integratie": how a cohort fares k months
-- after a start date, so cohorts can be compared at equal time since start
-- instead of at equal calendar date. One row per measure x cohort x months x
-- gemeente x doelgroep x geslacht x observation date (the date by which the
-- point is observed), numerator and denominator counting persons. No person
-- key leaves this view; queries/cohort_curves.sql sums it after filtering.
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
--   at koppeling + k months; observed on koppeling + k months, so a query
--   only counts a point once koppeling + k months <= its peildatum.
--   pip       = Datum PIP <= koppeling + k months
--   leerroute = Datum start leerroute <= koppeling + k months
CREATE OR REPLACE VIEW mart_cohort_curves AS
WITH since_housing AS (
    SELECT i.gemeentecode, i.doelgroep, i.geslacht, year(i.datum_huisvesting) AS cohort,
           h.months, u.month_end AS observed_on,
           coalesce(u.inkomen_uit_werk, false) AS werk,
           coalesce(u.participatiewet, false) AS uitkering
    FROM stg_inburgeraars i
    CROSS JOIN (SELECT unnest([6, 12, 18, 24, 36]) AS months) h
    JOIN stg_uitkeringen u
      ON u.person_key = i.person_key
     AND u.maand = strftime(date_trunc('month', i.datum_huisvesting) + to_months(h.months), '%Y-%m')
    WHERE housed_at(i.status, i.datum_status, i.datum_huisvesting, u.month_end)
),
since_koppeling AS (
    SELECT i.gemeentecode, i.doelgroep, i.geslacht, year(i.datum_koppeling) AS cohort, h.months,
           CAST(i.datum_koppeling + to_months(h.months) AS DATE) AS observed_on,
           i.datum_pip, i.datum_start_leerroute, i.status, i.datum_status
    FROM stg_inburgeraars i
    CROSS JOIN (SELECT unnest([3, 6, 12, 18, 24, 36]) AS months) h
    WHERE i.datum_koppeling IS NOT NULL
)
SELECT 'werk' AS measure, cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
       count(*) FILTER (WHERE werk) AS numerator, count(*) AS denominator
FROM since_housing GROUP BY ALL
UNION ALL
SELECT 'uitkering', cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
       count(*) FILTER (WHERE uitkering), count(*)
FROM since_housing GROUP BY ALL
UNION ALL
SELECT 'pip', cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
       count(*) FILTER (WHERE coalesce(datum_pip <= observed_on, false)), count(*)
FROM since_koppeling WHERE in_scope_at(status, datum_status, observed_on) GROUP BY ALL
UNION ALL
SELECT 'leerroute', cohort, months, gemeentecode, doelgroep, geslacht, observed_on,
       count(*) FILTER (WHERE coalesce(datum_start_leerroute <= observed_on, false)), count(*)
FROM since_koppeling WHERE in_scope_at(status, datum_status, observed_on) GROUP BY ALL;
