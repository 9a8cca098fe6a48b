-- One row per COA location per monthly file (section 5); peildatum from the
-- title row (the load falls back to the month end when the title has none).
CREATE OR REPLACE VIEW stg_coa_bezetting AS
SELECT
    locatie,
    gemeentecode,
    type_opvang,
    capaciteit,
    bezetting,
    vergunninghouders,
    niet_in_brp,
    minderjarig,
    peildatum,
    file_date AS month_end
FROM raw_coa_bezetting;
