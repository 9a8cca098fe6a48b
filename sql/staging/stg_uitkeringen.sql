-- One row per person per month (section 3, all monthly files).
CREATE OR REPLACE VIEW stg_uitkeringen AS
SELECT
    person_key,
    maand,                                  -- 'jjjj-mm'
    file_date     AS month_end,
    participatiewet,
    inkomen_uit_werk,
    ontzorging
FROM raw_uitkeringen;
