-- Housed asielstatushouders per year and COA residents not in the BRP on 1 January.
SELECT * FROM mart_budget_actuals ORDER BY jaar
