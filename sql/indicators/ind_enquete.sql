-- Every survey indicator (section 10): the file of P's year, per gemeente;
-- % of the non-empty answers to one statement that agree (4 or 5) or, for
-- answer 'oneens', disagree (1 or 2). Which statement and answer each
-- indicator counts is data: seeds/survey_indicators.csv (table
-- ref_survey_indicators); the catalogue holds each statement's text. The
-- survey has no person dimensions, so they are NULL; persons = respondents
-- who answered.
CREATE OR REPLACE VIEW ind_enquete AS
SELECT s.indicator_id, e.peildatum, e.gemeentecode, CAST(NULL AS VARCHAR) AS key,
       NULL AS doelgroep, NULL AS geslacht, NULL AS leeftijdsgroep, NULL AS leerroute,
       NULL AS cohort,
       CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value,
       CAST(CASE s.answer WHEN 'eens' THEN e.agree WHEN 'oneens' THEN e.disagree END AS DOUBLE)
           AS numerator,
       CAST(e.answered AS DOUBLE) AS denominator,
       e.answered AS persons
FROM ref_survey_indicators s
JOIN int_enquete_peildatum e ON e.statement = s.statement;
