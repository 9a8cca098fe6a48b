-- The default peildata: every month end from the first month with periodic
-- data (benefits, COA files; or the earliest PIP if there are none) up to the
-- latest date observed (the newest person register), plus that date itself. One row holding a list,
-- so sqlrun can SET VARIABLE peildata from it.
CREATE OR REPLACE VIEW int_maandeinden AS
WITH file_dates AS (
    SELECT file_date FROM raw_inburgeraars UNION ALL
    SELECT file_date FROM raw_participatie UNION ALL
    SELECT file_date FROM raw_uitkeringen UNION ALL
    SELECT file_date FROM raw_coa_bezetting UNION ALL
    SELECT file_date FROM raw_coa_koppelingen UNION ALL
    SELECT file_date FROM raw_vista_voortgang
),
bounds AS (
    SELECT
        coalesce(
            (SELECT min(d) FROM (SELECT min(file_date) AS d FROM raw_uitkeringen UNION ALL
                                 SELECT min(file_date) FROM raw_coa_bezetting UNION ALL
                                 SELECT min(file_date) FROM raw_coa_koppelingen)),
            (SELECT min(datum_pip) FROM raw_inburgeraars),
            max(file_date)) AS first_day,
        -- Never past the person register's own date: a monthly file counts
        -- at its month end, but the month has not been observed beyond the
        -- snapshot, and a peildatum in the future would suggest it had.
        coalesce((SELECT max(file_date) FROM raw_inburgeraars), max(file_date)) AS latest
    FROM file_dates
),
month_ends AS (
    SELECT CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS peildatum, latest
    FROM bounds,
         generate_series(date_trunc('month', first_day), date_trunc('month', latest),
                         INTERVAL 1 MONTH) AS g(m)
)
SELECT list(DISTINCT p ORDER BY p) AS peildata
FROM (SELECT peildatum AS p FROM month_ends WHERE peildatum <= latest
      UNION ALL SELECT latest FROM bounds)
WHERE p IS NOT NULL;
