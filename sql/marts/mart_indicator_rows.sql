-- Every ind_ view in one shape: the rows of the cube (dimension NULL) and
-- the one-dimension marginals (dimension names cohort_huisvesting,
-- cohort_vergunning or land_van_herkomst, the five person dimensions NULL).
-- mart_indicator_cube_v and mart_indicator_margins_v each take their part.
CREATE OR REPLACE VIEW mart_indicator_rows AS
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
UNION ALL SELECT * FROM ind_enquete;
