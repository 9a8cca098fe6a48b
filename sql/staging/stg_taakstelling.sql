-- One row per gemeente and half year (section 4). Periode 'jjjj-1' runs
-- Jan-Jun, 'jjjj-2' Jul-Dec.
CREATE OR REPLACE VIEW stg_taakstelling AS
SELECT
    gemeentecode,
    periode,
    make_date(CAST(left(periode, 4) AS INTEGER),
              CASE WHEN right(periode, 1) = '1' THEN 1 ELSE 7 END, 1) AS period_start,
    CAST(make_date(CAST(left(periode, 4) AS INTEGER),
              CASE WHEN right(periode, 1) = '1' THEN 1 ELSE 7 END, 1)
         + INTERVAL 6 MONTH - INTERVAL 1 DAY AS DATE)                  AS period_end,
    taakstelling,
    coalesce(achterstand_begin, 0) AS achterstand_begin,
    coalesce(gehuisvest, 0)        AS gehuisvest
FROM raw_taakstelling;
