-- Actions of the uitvoeringsprogramma with their timeline (bijlage 3 of seed 002).
CREATE OR REPLACE VIEW mart_acties AS
SELECT actie_id, actielijn, omschrijving, uitvoering, financiering, start, einde,
       start_date, end_date, status, toelichting
FROM stg_acties;
