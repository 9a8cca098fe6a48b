-- One row per respondent per statement (section 10, all yearly files):
-- unpivoted so every survey indicator is the same query on another statement.
CREATE OR REPLACE VIEW stg_enquete AS
SELECT respondent, gemeentecode, jaar_in_nederland, survey_year, statement, answer
FROM (
    SELECT respondent, gemeentecode, jaar_in_nederland, year(file_date) AS survey_year,
           banden, connecties, bruggen, vertrouwen_gemeente, veilig_in_buurt,
           digitaal, cultuur, gezondheid, vrije_tijd, rechten
    FROM raw_enquete
) UNPIVOT (answer FOR statement IN (banden, connecties, bruggen, vertrouwen_gemeente,
           veilig_in_buurt, digitaal, cultuur, gezondheid, vrije_tijd, rechten));
