-- Budget model inputs counted from the data, per gemeente and year, as the
-- seeds mean them.
--
-- SPUK (seed 002, "Financiering"): the definitive amount follows "het aantal
-- asielstatushouders in de gemeente op 31 december"; a housed
-- asielstatushouder counts three years running, from the year of housing, and
-- the seed counts nareizigers as asielstatushouders. So a cohort is: housed in
-- the year and still in the gemeente (not moved away or left) on 31 December
-- of that year; `spuk_voorraad` is the whole SPUK stock on that date (cohorts
-- of the year and the two before). The running year has no 31 December yet:
-- its stand is the newest data date, and `lopend` says so.
--
-- Faciliteitenbesluit (seed 001 table 2): AZC residents not in the BRP on 1
-- January. Taken from the COA file nearest 1 January within a month
-- (`coa_1_januari`); otherwise from the newest earlier file, as an estimate
-- (for instance the coming year's 1 January from this year's newest file).
-- The SPUK and the Faciliteitenbesluit are paid per gemeente, so the model
-- takes one gemeente's rows.
CREATE OR REPLACE VIEW mart_budget_actuals AS
WITH latest AS (
    SELECT max(peildatum) AS peildatum FROM int_peildata
),
years AS (
    SELECT CAST(j AS INTEGER) AS jaar
    FROM latest,
         generate_series(
             (SELECT least(min(year(datum_huisvesting)), year(max(peildatum)))
              FROM stg_inburgeraars, latest),
             year(peildatum) + 1) AS g(j)
),
stand AS (
    SELECT jaar, least(make_date(jaar, 12, 31), l.peildatum) AS stand_datum,
           make_date(jaar, 12, 31) > l.peildatum AS lopend
    FROM years, latest l
    WHERE make_date(jaar, 1, 1) <= l.peildatum
),
persons AS (
    SELECT gemeentecode, datum_huisvesting, status, datum_status
    FROM stg_inburgeraars
    WHERE doelgroep IN ('Asielstatushouder', 'Nareiziger') AND datum_huisvesting IS NOT NULL
),
housed AS (
    SELECT p.gemeentecode, s.jaar,
           count(*) FILTER (WHERE year(p.datum_huisvesting) = s.jaar) AS gehuisvest_cohort,
           count(*) AS spuk_voorraad
    FROM stand s
    JOIN persons p
      ON p.datum_huisvesting <= s.stand_datum
     AND year(p.datum_huisvesting) >= s.jaar - 2
     -- in scope at the stand date, as int_person_peildatum defines it
     AND NOT coalesce(p.status IN ('Verhuisd', 'Vertrokken') AND p.datum_status <= s.stand_datum,
                      false)
    GROUP BY ALL
),
gemeenten AS (
    SELECT DISTINCT gemeentecode FROM stg_inburgeraars
    UNION
    SELECT DISTINCT gemeentecode FROM stg_coa_bezetting
),
files AS (
    SELECT gemeentecode, peildatum, sum(niet_in_brp) AS niet_in_brp
    FROM stg_coa_bezetting
    GROUP BY ALL
),
coa AS (
    SELECT f.gemeentecode, y.jaar, f.peildatum AS coa_peildatum, f.niet_in_brp,
           abs(date_diff('day', f.peildatum, make_date(y.jaar, 1, 1))) <= 31 AS coa_1_januari
    FROM years y
    JOIN files f ON f.peildatum <= make_date(y.jaar, 1, 1) + INTERVAL 31 DAY
    QUALIFY row_number() OVER (
        PARTITION BY f.gemeentecode, y.jaar
        ORDER BY abs(date_diff('day', f.peildatum, make_date(y.jaar, 1, 1))) <= 31 DESC,
                 abs(date_diff('day', f.peildatum, make_date(y.jaar, 1, 1))),
                 f.peildatum DESC) = 1
)
SELECT g.gemeentecode, y.jaar,
       s.stand_datum, s.lopend,
       CASE WHEN s.jaar IS NOT NULL THEN coalesce(h.gehuisvest_cohort, 0) END AS gehuisvest_cohort,
       CASE WHEN s.jaar IS NOT NULL THEN coalesce(h.spuk_voorraad, 0) END AS spuk_voorraad,
       c.niet_in_brp, c.coa_peildatum, c.coa_1_januari
FROM gemeenten g
CROSS JOIN years y
LEFT JOIN stand s ON s.jaar = y.jaar
LEFT JOIN housed h ON h.gemeentecode = g.gemeentecode AND h.jaar = y.jaar
LEFT JOIN coa c ON c.gemeentecode = g.gemeentecode AND c.jaar = y.jaar
WHERE s.jaar IS NOT NULL OR c.jaar IS NOT NULL;
