-- Programme 6.1 as the gemeente delivers it in begroting.csv (seed 001
-- tables 1-5 and seed 002's uitvoeringskosten): one row per budget line and
-- year; `raming` marks the amounts the source tables star as an estimate.
CREATE OR REPLACE VIEW mart_budget_lines AS
SELECT coalesce(programma, '') AS programma,
       coalesce(budgetnummer, '') AS budgetnummer,
       naam, soort, jaar, bedrag, coalesce(raming, false) AS raming,
       min(source_row) OVER (PARTITION BY programma, budgetnummer, naam, soort) AS volgorde
FROM raw_begroting;
