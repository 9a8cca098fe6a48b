-- Choices for the sidebar filters: the distinct values of the person
-- dimensions as the cube and the marginals store them, kept as a small table
-- so the pages do not scan the person register for them.
CREATE OR REPLACE VIEW mart_filter_options_v AS
SELECT DISTINCT 'doelgroep' AS veld, doelgroep AS waarde FROM stg_inburgeraars WHERE doelgroep IS NOT NULL
UNION ALL SELECT DISTINCT 'geslacht', geslacht FROM stg_inburgeraars WHERE geslacht IS NOT NULL
UNION ALL SELECT DISTINCT 'leerroute', leerroute FROM stg_inburgeraars WHERE leerroute IS NOT NULL
UNION ALL SELECT DISTINCT 'cohort', cohort FROM stg_inburgeraars WHERE cohort IS NOT NULL
UNION ALL SELECT DISTINCT dimension, dimension_value FROM mart_indicator_margins;
