-- The one-dimension marginals beside the cube: per indicator x peildatum x
-- gemeentecode x key, the cells of one dimension that combines with the
-- gemeente and the peildatum only (cohort_huisvesting, cohort_vergunning,
-- land_van_herkomst; as of P, see int_person_peildatum). Their cross-product
-- with the cube's five would be near person level nationally. Summed over the
-- members of one dimension they give the cube's total of the same cell.
-- sqlrun materialises it as TABLE mart_indicator_margins, sorted by gemeente.
CREATE OR REPLACE VIEW mart_indicator_margins_v AS
SELECT
    CAST(indicator_id AS VARCHAR)    AS indicator_id,
    CAST(peildatum AS DATE)          AS peildatum,
    CAST(gemeentecode AS VARCHAR)    AS gemeentecode,
    CAST(key AS VARCHAR)             AS key,
    CAST(dimension AS VARCHAR)       AS dimension,
    CAST(dimension_value AS VARCHAR) AS dimension_value,
    CAST(numerator AS DOUBLE)        AS numerator,
    CAST(denominator AS DOUBLE)      AS denominator,
    CAST(persons AS BIGINT)          AS persons
FROM mart_indicator_rows
WHERE dimension IS NOT NULL;
