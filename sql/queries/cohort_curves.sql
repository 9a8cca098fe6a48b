-- Cohort curves at $peildatum (definitions in marts/mart_cohort_curves.sql):
-- per measure x cohort x months, the persons in the population (denominator)
-- and those with the outcome (numerator), counting only points observed by
-- the peildatum. $gemeenten / $doelgroep / $geslacht lists, empty = all.
-- $per_gemeente: one row per point and gemeente (`gemeentecode`; NULL
-- otherwise), the cells disclosure control decides over.
SELECT measure, cohort, months, CASE WHEN $per_gemeente THEN gemeentecode END AS gemeentecode,
       sum(numerator)::BIGINT AS numerator, sum(denominator)::BIGINT AS denominator
FROM mart_cohort_curves
WHERE observed_on <= $peildatum::DATE
  AND in_filter($gemeenten::VARCHAR[], gemeentecode)
  AND in_filter($doelgroep::VARCHAR[], doelgroep)
  AND in_filter($geslacht::VARCHAR[], geslacht)
GROUP BY ALL
ORDER BY measure, cohort, months, gemeentecode
