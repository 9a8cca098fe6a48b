-- Every ind_ view in one shape: the rows of the cube (dimension NULL) and
-- the one-dimension marginals (dimension names cohort_huisvesting,
-- cohort_vergunning or land_van_herkomst, the five person dimensions NULL).
-- mart_indicator_cube_v and mart_indicator_margins_v each take their part.
-- The union is of every file in sql/indicators/ (etl/sqlrun.py fills in the
-- placeholder), so a new ind_ file is in the cube without editing this one.
CREATE OR REPLACE VIEW mart_indicator_rows AS
{{ union_all indicators }};
