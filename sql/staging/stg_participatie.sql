-- One row per participation activity (section 2, newest snapshot).
CREATE OR REPLACE VIEW stg_participatie AS
SELECT
    person_key,
    activiteit_id  AS activity_id,
    soort          AS activity_type,
    organisatie    AS organisation,
    aanbieder      AS provider,
    datum_aanmelding AS referral_date,
    datum_start    AS start_date,
    datum_einde    AS end_date,   -- NULL = ongoing; may be a planned future end
    coalesce(uren_per_week, 0) AS hours_per_week,
    file_date      AS snapshot_date
FROM raw_participatie;
