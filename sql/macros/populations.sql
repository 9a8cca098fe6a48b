-- The common populations of indicators.md and the age group, as of a
-- peildatum p: the one definition that int_person_peildatum, the event-based
-- int_person_cells and the route query all apply. Persons who moved away
-- (Verhuisd/Vertrokken with Datum status <= p) are in no population.
CREATE OR REPLACE MACRO in_scope_at(status, datum_status, p) AS
    NOT coalesce(status IN ('Verhuisd', 'Vertrokken') AND datum_status <= p, false);

CREATE OR REPLACE MACRO housed_at(status, datum_status, datum_huisvesting, p) AS
    in_scope_at(status, datum_status, p) AND coalesce(datum_huisvesting <= p, false);

CREATE OR REPLACE MACRO with_pip_at(status, datum_status, datum_pip, p) AS
    in_scope_at(status, datum_status, p) AND coalesce(datum_pip <= p, false);

-- with PIP and not (yet) Voldaan or Ontheffing at p
CREATE OR REPLACE MACRO active_at(status, datum_status, datum_pip, p) AS
    with_pip_at(status, datum_status, datum_pip, p)
    AND NOT coalesce(status IN ('Voldaan', 'Ontheffing') AND datum_status <= p, false);

-- Whole years at p by yyyymmdd arithmetic: cheap on millions of rows, and a
-- person born on 29 February turns a year older on 1 March in other years
-- (the month-day 0229 is not reached before 0301).
CREATE OR REPLACE MACRO age_at(geboortedatum, p) AS
    ((year(p) * 10000 + month(p) * 100 + day(p))
     - (year(geboortedatum) * 10000 + month(geboortedatum) * 100 + day(geboortedatum))) // 10000;

-- The age groups the pages offer (monitor.indicators.AGE_GROUPS).
CREATE OR REPLACE MACRO age_group_at(geboortedatum, p) AS
    CASE
        WHEN geboortedatum IS NULL THEN 'Onbekend'
        WHEN age_at(geboortedatum, p) < 18 THEN '0-17'
        WHEN age_at(geboortedatum, p) < 27 THEN '18-26'
        WHEN age_at(geboortedatum, p) < 40 THEN '27-39'
        WHEN age_at(geboortedatum, p) < 55 THEN '40-54'
        ELSE '55+'
    END;

-- The birthdays on which the age group changes, for the event-based counts:
-- the first day of each group after 0-17. For a 29 February birth both the
-- 28 February and 1 March of other years are given; an extra date only
-- costs a row.
CREATE OR REPLACE MACRO age_group_changes(geboortedatum) AS
    CASE WHEN geboortedatum IS NOT NULL THEN [
        CAST(geboortedatum + INTERVAL 18 YEAR AS DATE), CAST(geboortedatum + INTERVAL 18 YEAR + INTERVAL 1 DAY AS DATE),
        CAST(geboortedatum + INTERVAL 27 YEAR AS DATE), CAST(geboortedatum + INTERVAL 27 YEAR + INTERVAL 1 DAY AS DATE),
        CAST(geboortedatum + INTERVAL 40 YEAR AS DATE), CAST(geboortedatum + INTERVAL 40 YEAR + INTERVAL 1 DAY AS DATE),
        CAST(geboortedatum + INTERVAL 55 YEAR AS DATE), CAST(geboortedatum + INTERVAL 55 YEAR + INTERVAL 1 DAY AS DATE)
    ] ELSE []::DATE[] END;

-- The cohort dimensions beside the PIP year, as of p like the age group: a
-- person not yet housed (or without a permit) at p belongs to no year yet.
CREATE OR REPLACE MACRO housing_cohort_at(datum_huisvesting, p) AS
    CASE WHEN datum_huisvesting <= p THEN CAST(year(datum_huisvesting) AS VARCHAR)
         ELSE 'Niet gehuisvest' END;

CREATE OR REPLACE MACRO permit_cohort_at(datum_vergunning, p) AS
    CASE WHEN datum_vergunning IS NULL THEN 'Onbekend'
         WHEN datum_vergunning <= p THEN CAST(year(datum_vergunning) AS VARCHAR)
         ELSE 'Geen vergunning' END;
