-- The indicator cube: every ind_ view in one shape. sqlrun materialises this
-- view as TABLE mart_indicator_cube for all month ends; the export reads the
-- view itself with peildata set to one date. Rows: indicator x peildatum x
-- gemeentecode x key x dimensions; additive numerator/denominator; persons =
-- distinct persons the cell is about (for disclosure control).
CREATE OR REPLACE VIEW mart_indicator_cube_v AS
WITH all_rows AS (
    SELECT * FROM ind_1_basis
    UNION ALL SELECT * FROM ind_2_1_huisvesting
    UNION ALL SELECT * FROM ind_2_2_zorg
    UNION ALL SELECT * FROM ind_2_3_werk
    UNION ALL SELECT * FROM ind_2_4_onderwijs
    UNION ALL SELECT * FROM ind_2_5_vrije_tijd
    UNION ALL SELECT * FROM ind_3_1_veiligheid
    UNION ALL SELECT * FROM ind_3_2_taal
    UNION ALL SELECT * FROM ind_3_3_digitaal
    UNION ALL SELECT * FROM ind_3_4_cultuur
    UNION ALL SELECT * FROM ind_4_verbindingen
    UNION ALL SELECT * FROM ind_enquete
)
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
FROM all_rows;
