-- Budget model inputs from the data, per gemeente: asielstatushouders housed
-- per calendar year, and COA residents not in the BRP on 1 January of each
-- year in the gemeente's own locations (the COA file whose peildatum lies
-- closest to 1 January, within 31 days). The SPUK and the Faciliteitenbesluit
-- are paid per gemeente, so the model takes one gemeente's figures.
CREATE OR REPLACE VIEW mart_budget_actuals AS
WITH housed AS (
    SELECT gemeentecode, year(datum_huisvesting) AS jaar,
           count(*) AS gehuisvest_asielstatushouders
    FROM stg_inburgeraars
    WHERE doelgroep = 'Asielstatushouder' AND datum_huisvesting IS NOT NULL
    GROUP BY ALL
),
files AS (
    SELECT gemeentecode, peildatum, sum(niet_in_brp) AS niet_in_brp
    FROM stg_coa_bezetting GROUP BY ALL
),
jan AS (
    SELECT gemeentecode, year(peildatum + INTERVAL 31 DAY) AS jaar, niet_in_brp,
           abs(date_diff('day', peildatum, make_date(year(peildatum + INTERVAL 31 DAY), 1, 1))) AS afstand
    FROM files
    WHERE abs(date_diff('day', peildatum, make_date(year(peildatum + INTERVAL 31 DAY), 1, 1))) <= 31
    QUALIFY row_number() OVER (PARTITION BY gemeentecode, jaar ORDER BY afstand, peildatum) = 1
)
SELECT coalesce(h.gemeentecode, j.gemeentecode) AS gemeentecode,
       coalesce(h.jaar, j.jaar) AS jaar,
       coalesce(h.gehuisvest_asielstatushouders, 0) AS gehuisvest_asielstatushouders,
       j.niet_in_brp AS niet_in_brp_1_januari
FROM housed h FULL JOIN jan j USING (gemeentecode, jaar)
ORDER BY gemeentecode, jaar;
