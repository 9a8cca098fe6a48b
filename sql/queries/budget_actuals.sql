-- One gemeente's budget model inputs from the data, per year (see
-- mart_budget_actuals for what each count means).
SELECT jaar, stand_datum, lopend, gehuisvest_cohort, spuk_voorraad,
       niet_in_brp, coa_peildatum, coa_1_januari,
       (SELECT max(peildatum) FROM int_peildata) AS data_peildatum
FROM mart_budget_actuals
WHERE gemeentecode = $gemeente
ORDER BY jaar;
