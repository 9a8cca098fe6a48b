-- The default peildata: every month end from the first month with periodic
-- data (benefits, COA files; or the earliest PIP if there are none) up to the
-- latest date observed (the newest person register), plus that date itself. One row holding a list,
-- so sqlrun can SET VARIABLE peildata from it.
CREATE OR REPLACE VIEW int_maandeinden AS
WITH per_extract AS (
    -- min and max per table, which DuckDB answers from its statistics; a
    -- union of all file dates would be scanned (~6M rows nationally) on
    -- every page query that reads the peildata spine
    SELECT 'inburgeraars' AS extract, min(file_date) AS first_date, max(file_date) AS last_date
    FROM raw_inburgeraars UNION ALL
    SELECT 'participatie', min(file_date), max(file_date) FROM raw_participatie UNION ALL
    SELECT 'uitkeringen', min(file_date), max(file_date) FROM raw_uitkeringen UNION ALL
    SELECT 'coa_bezetting', min(file_date), max(file_date) FROM raw_coa_bezetting UNION ALL
    SELECT 'coa_koppelingen', min(file_date), max(file_date) FROM raw_coa_koppelingen UNION ALL
    SELECT 'vista_voortgang', min(file_date), max(file_date) FROM raw_vista_voortgang
),
bounds AS (
    SELECT
        coalesce(
            min(first_date) FILTER (extract IN ('uitkeringen', 'coa_bezetting', 'coa_koppelingen')),
            (SELECT min(datum_pip) FROM raw_inburgeraars),
            max(last_date)) AS first_day,
        -- Never past the person register's own date: a monthly file counts
        -- at its month end, but the month has not been observed beyond the
        -- snapshot, and a peildatum in the future would suggest it had.
        coalesce(max(last_date) FILTER (extract = 'inburgeraars'), max(last_date)) AS latest
    FROM per_extract
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
