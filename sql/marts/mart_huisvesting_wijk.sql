-- Housing spread (seeds 001/003: house statushouders spread over the
-- municipality): housed in-scope persons per gemeente x wijk x doelgroep per
-- peildatum. Materialised by sqlrun as TABLE mart_huisvesting_wijk.
CREATE OR REPLACE VIEW mart_huisvesting_wijk_v AS
SELECT peildatum, gemeentecode, coalesce(wijkcode, 'Onbekend') AS wijkcode, doelgroep,
       count(*) AS persons
FROM int_person_peildatum
WHERE housed
GROUP BY ALL;
