-- One gemeente's housed asielstatushouders per year and COA residents not in
-- the BRP on 1 January (budget model inputs).
SELECT jaar, gehuisvest_asielstatushouders, niet_in_brp_1_januari
FROM mart_budget_actuals
WHERE gemeentecode = $gemeente
ORDER BY jaar
