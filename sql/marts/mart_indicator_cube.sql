-- The indicator cube: every ind_ view in one shape. sqlrun materialises this
-- view as TABLE mart_indicator_cube for all month ends; the export reads the
-- view itself with peildata set to one date. Rows: indicator x peildatum x
-- gemeentecode x key x dimensions; additive numerator/denominator; persons =
-- distinct persons the cell is about (for disclosure control). The
-- one-dimension marginals are mart_indicator_margins_v.
CREATE OR REPLACE VIEW mart_indicator_cube_v AS
SELECT
    CAST(indicator_id AS VARCHAR)   AS indicator_id,
    CAST(peildatum AS DATE)         AS peildatum,
    CAST(gemeentecode AS VARCHAR)   AS gemeentecode,
    CAST(key AS VARCHAR)            AS key,
    CAST(doelgroep AS VARCHAR)      AS doelgroep,
    CAST(geslacht AS VARCHAR)       AS geslacht,
    CAST(leeftijdsgroep AS VARCHAR) AS leeftijdsgroep,
    CAST(leerroute AS VARCHAR)      AS leerroute,
    CAST(cohort AS VARCHAR)         AS cohort,
    CAST(numerator AS DOUBLE)       AS numerator,
    CAST(denominator AS DOUBLE)     AS denominator,
    CAST(persons AS BIGINT)         AS persons
FROM mart_indicator_rows
WHERE dimension IS NULL;
