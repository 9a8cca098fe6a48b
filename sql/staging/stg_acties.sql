-- One row per action of the uitvoeringsprogramma (section 9), with quarters
-- turned into dates for a timeline.
CREATE OR REPLACE VIEW stg_acties AS
SELECT
    actie_id, actielijn, omschrijving, uitvoering, financiering, start, einde, status, toelichting,
    make_date(CAST(left(start, 4) AS INTEGER), 3 * CAST(right(start, 1) AS INTEGER) - 2, 1) AS start_date,
    CAST(make_date(CAST(left(einde, 4) AS INTEGER), 3 * CAST(right(einde, 1) AS INTEGER) - 2, 1)
         + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)                                        AS end_date
FROM raw_acties;
