-- One row per learner per file (section 7: every file is the state on its
-- own peildatum; all are kept); codes mapped to the
-- municipal spelling so they can sit beside section 1.
CREATE OR REPLACE VIEW stg_vista_voortgang AS
SELECT
    person_key,
    CASE leerroute WHEN 'b1' THEN 'B1' WHEN 'b1_entree' THEN 'B1-Entree' WHEN 'z' THEN 'Z'
                   WHEN 'onderwijs' THEN 'Onderwijs' WHEN 'alfa' THEN 'Alfa' END AS vista_leerroute,
    startdatum      AS start_date,
    peildatum,
    coalesce(geplande_lesuren, 0) AS planned_hours,
    coalesce(gevolgde_lesuren, 0) AS attended_hours,
    roosterwijzigingen AS timetable_changes,
    niveau_lezen, niveau_luisteren, niveau_spreken, niveau_schrijven,
    examen_datum    AS exam_date,
    examen_behaald  AS exam_passed,
    avondonderwijs_wens AS wants_evening_classes,
    coalesce(uitgevallen, false) AS uitgevallen,
    reden_uitval,
    -- the free text is never shown: only these few groups are, matched on
    -- words VISTA's staff use (an empty or unmatched reason is Overig)
    CASE WHEN reden_uitval IS NULL OR trim(reden_uitval) = '' THEN 'Overig'
         WHEN regexp_matches(lower(reden_uitval), 'ontheffing|vrijstelling') THEN 'Ontheffing'
         WHEN regexp_matches(lower(reden_uitval), 'verhuis|vertrok|vertrek|verhuiz') THEN 'Verhuisd of vertrokken'
         WHEN regexp_matches(lower(reden_uitval), 'ziek|medisch|psych|zwanger|gezondheid') THEN 'Gezondheid'
         WHEN regexp_matches(lower(reden_uitval), 'werk|baan|kinderopvang|opvang|zorg') THEN 'Werk of zorgtaken'
         ELSE 'Overig' END AS uitval_categorie,
    source_file,
    file_date
FROM raw_vista_voortgang;
