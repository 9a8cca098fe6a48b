-- Survey answers per peildatum: the file of P's year (indicators.md), per
-- gemeente and statement. agree = 4 or 5, disagree = 1 or 2, answered = non-empty.
CREATE OR REPLACE VIEW int_enquete_peildatum AS
SELECT p.peildatum, e.gemeentecode, e.statement,
       count(*) FILTER (WHERE e.answer >= 4) AS agree,
       count(*) FILTER (WHERE e.answer <= 2) AS disagree,
       count(*)                              AS answered
FROM int_peildata p
JOIN stg_enquete e ON e.survey_year = year(p.peildatum)
GROUP BY ALL;
