-- One row per inburgeraar (section 1, newest snapshot). Types come from the
-- load; here we only add fields every later layer needs, so they are derived once.
CREATE OR REPLACE VIEW stg_inburgeraars AS
SELECT
    person_key,
    vnummer_key,
    gemeentecode,
    doelgroep,
    coalesce(geslacht, 'Onbekend')           AS geslacht,
    geboortedatum,
    land_van_herkomst                        AS country_of_origin,
    datum_vergunning,
    datum_koppeling,
    datum_huisvesting,
    huishoudgrootte                          AS household_size,
    wijkcode,
    datum_brede_intake,
    datum_pip,
    -- the three-year termijn starts the day after the PIP was signed
    datum_pip + INTERVAL 1 DAY               AS termijn_start,
    CAST(datum_pip + INTERVAL 3 YEAR AS DATE) AS termijn_einde,
    coalesce(leerroute, 'Onbekend')          AS leerroute,
    leerroute IS NOT NULL                    AS has_leerroute,
    alfabetisering,
    datum_start_leerroute,
    status,
    datum_status,
    datum_map_afgerond,
    datum_knm_afgerond,
    datum_pvt_afgerond,
    datum_protect,
    uitkomst_protect,
    kinderopvang_nodig,
    kinderopvang_geregeld,
    digid,
    -- cohort = year the PIP was signed; persons without PIP have no cohort
    coalesce(CAST(year(datum_pip) AS VARCHAR), 'Geen PIP') AS cohort,
    file_date                                AS snapshot_date
FROM raw_inburgeraars;
