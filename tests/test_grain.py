"""Grain and accepted-values tests of the SQL models, dbt-style: one table of
checks, each a query that returns the offending rows (none = pass), run on
the demo store. Plus the age-group macro on 29 February."""

from __future__ import annotations

import duckdb
import pytest

from etl.contract import EXTRACTS
from etl.sqlrun import SQL_DIR
from monitor import dimensions as dims

CUBE_KEY = ("indicator_id, peildatum, gemeentecode, key, doelgroep, geslacht, leeftijdsgroep, "
            "leerroute, cohort")
# every dimension of the table, so a new one is checked here without an edit
PERSON_DIMENSIONS = dims.PERSON
MARGIN_DIMENSIONS = dims.MARGIN
# what sql/macros/populations.sql must make (an oracle: not read from the table)
AGE_GROUPS = ["0-17", "18-26", "27-39", "40-54", "55+", "Onbekend"]
# Ratios whose numerator is not a subset of the denominator: more housed than
# the target asked, more residents than beds, a mean's sum over its learners.
MAY_EXCEED = ["huisvesting.taakstelling_realisatie_pct", "huisvesting.azc_bezettingsgraad_pct",
              "taal.roosterwijzigingen_gemiddeld"]
# Indicators without person dimensions (survey, taakstelling, occupancy).
NO_PERSON_DIMENSIONS = ("SELECT indicator_id FROM ref_survey_indicators UNION ALL "
                        "SELECT 'huisvesting.taakstelling_realisatie_pct' UNION ALL "
                        "SELECT 'huisvesting.azc_bezettingsgraad_pct'")
MEDIANS = "SELECT id FROM ref_indicators WHERE eenheid IN ('dagen', 'uren')"


def _contract_values(name: str) -> list[str]:
    column = next(c for e in EXTRACTS if e.name == "inburgeraars" for c in e.columns
                  if c.name == name)
    return [*column.values, "Onbekend"]


ACCEPTED = {
    "doelgroep": _contract_values("doelgroep"),
    "geslacht": _contract_values("geslacht"),
    "leerroute": _contract_values("leerroute"),
    "leeftijdsgroep": AGE_GROUPS,
}

# name -> query returning offending rows
CHECKS = {
    # a median indicator has one row per distinct value, so its value is part of the key
    "cube key unique": f"""
        SELECT {CUBE_KEY}, CASE WHEN indicator_id IN ({MEDIANS}) THEN numerator END AS v, count(*)
        FROM mart_indicator_cube GROUP BY ALL HAVING count(*) > 1""",
    "gemeente rollup key unique": """
        SELECT indicator_id, peildatum, gemeentecode, key, median_value, count(*)
        FROM mart_indicator_rollup GROUP BY ALL HAVING count(*) > 1""",
    "region rollup key unique": """
        SELECT indicator_id, peildatum, key, median_value, count(*)
        FROM mart_indicator_rollup_region GROUP BY ALL HAVING count(*) > 1""",
    "person rollup key unique": """
        SELECT indicator_id, peildatum, key, doelgroep, geslacht, leeftijdsgroep, leerroute,
               cohort, median_value, count(*)
        FROM mart_indicator_rollup_person GROUP BY ALL HAVING count(*) > 1""",
    **{f"{rollup} sums to the cube": f"""
        WITH c AS (SELECT indicator_id, peildatum, sum(numerator) n, sum(denominator) d,
                          sum(persons) p FROM mart_indicator_cube GROUP BY ALL),
             r AS (SELECT indicator_id, peildatum, sum(numerator) n, sum(denominator) d,
                          sum(persons) p FROM {rollup} GROUP BY ALL)
        SELECT * FROM c FULL JOIN r USING (indicator_id, peildatum)
        WHERE NOT abs(c.n - r.n) <= 1e-6 * (1 + abs(c.n))
           OR NOT abs(c.d - r.d) <= 1e-6 * (1 + abs(c.d)) OR c.p IS DISTINCT FROM r.p"""
       for rollup in ("mart_indicator_rollup", "mart_indicator_rollup_person",
                      "mart_indicator_rollup_region")},
    "peildata table is the cube's": """
        SELECT * FROM mart_peildata p FULL JOIN (SELECT DISTINCT peildatum FROM mart_indicator_cube) c
        USING (peildatum) WHERE p.peildatum IS NULL OR c.peildatum IS NULL""",
    "numerator <= denominator": f"""
        SELECT * FROM mart_indicator_cube
        WHERE numerator > denominator + 1e-9
          AND indicator_id NOT IN ({MEDIANS}) AND indicator_id NOT IN $may_exceed""",
    "no negative counts": """
        SELECT * FROM mart_indicator_cube
        WHERE numerator < 0 OR denominator < 0 OR persons < 0""",
    "persons >= 1 where the numerator counts persons": """
        SELECT c.* FROM mart_indicator_cube c JOIN ref_indicators r ON r.id = c.indicator_id
        WHERE r.teller_personen AND (c.persons IS NULL OR c.persons < 1)""",
    "indicator in the catalogue": """
        SELECT DISTINCT indicator_id FROM mart_indicator_cube
        WHERE indicator_id NOT IN (SELECT id FROM ref_indicators)""",
    "every catalogue indicator at the latest peildatum": """
        SELECT id FROM ref_indicators
        WHERE starts_with("view", 'ind_')
          AND id NOT IN (SELECT indicator_id FROM mart_indicator_cube
                         WHERE peildatum = (SELECT max(peildatum) FROM mart_indicator_cube))""",
    "every peildatum of the spine in the cube, none other": """
        SELECT * FROM (SELECT unnest(peildata) AS p FROM int_maandeinden) s
        FULL JOIN (SELECT DISTINCT peildatum AS p FROM mart_indicator_cube) c USING (p)
        WHERE s.p IS NULL OR c.p IS NULL""",
    "gemeentecode of the region": """
        SELECT DISTINCT gemeentecode FROM mart_indicator_cube
        WHERE gemeentecode IS NULL OR gemeentecode NOT IN (SELECT gemeentecode FROM ref_gemeenten)""",
    "key only for taakstelling (Periode) and occupancy (Locatie)": """
        SELECT indicator_id, key FROM mart_indicator_cube
        WHERE CASE indicator_id
                  WHEN 'huisvesting.taakstelling_realisatie_pct'
                      THEN key IS NULL OR NOT regexp_full_match(key, '\\d{4}-[12]')
                  WHEN 'huisvesting.azc_bezettingsgraad_pct' THEN key IS NULL
                  ELSE key IS NOT NULL
              END""",
    "person dimensions NULL exactly where they do not apply": f"""
        SELECT indicator_id, {", ".join(PERSON_DIMENSIONS)} FROM mart_indicator_cube
        WHERE CASE WHEN indicator_id IN ({NO_PERSON_DIMENSIONS})
                   THEN coalesce({", ".join(PERSON_DIMENSIONS)}) IS NOT NULL
                   ELSE {" OR ".join(f"{d} IS NULL" for d in PERSON_DIMENSIONS)} END""",
    **{f"accepted values of {dim}": f"""
        SELECT DISTINCT {dim} FROM mart_indicator_cube
        WHERE {dim} IS NOT NULL AND {dim} NOT IN $accepted_{dim}""" for dim in ACCEPTED},
    "accepted values of cohort": """
        SELECT DISTINCT cohort FROM mart_indicator_cube
        WHERE cohort IS NOT NULL AND cohort <> 'Geen PIP'
          AND NOT (regexp_full_match(cohort, '\\d{4}') AND cohort::INTEGER BETWEEN 2000 AND 2100)""",
    "marginals key unique": f"""
        SELECT indicator_id, peildatum, gemeentecode, key, dimension, dimension_value,
               CASE WHEN indicator_id IN ({MEDIANS}) THEN numerator END AS v, count(*)
        FROM mart_indicator_margins GROUP BY ALL HAVING count(*) > 1""",
    "marginals region key unique": """
        SELECT indicator_id, peildatum, key, dimension, dimension_value, median_value, count(*)
        FROM mart_indicator_margins_region GROUP BY ALL HAVING count(*) > 1""",
    # every person is in exactly one member of each marginal dimension at P,
    # so each dimension's members add up to the cube's cell (medians store
    # one row per distinct value, whose sum means nothing)
    **{f"marginals of {dim} sum to the cube": f"""
        WITH c AS (SELECT indicator_id, peildatum, gemeentecode, coalesce(key, '') AS key,
                          sum(numerator) n,
                          sum(denominator) d, sum(persons) p
                   FROM mart_indicator_cube
                   WHERE indicator_id NOT IN ({NO_PERSON_DIMENSIONS})
                     AND indicator_id NOT IN ({MEDIANS}) GROUP BY ALL),
             m AS (SELECT indicator_id, peildatum, gemeentecode, coalesce(key, '') AS key,
                          sum(numerator) n,
                          sum(denominator) d, sum(persons) p
                   FROM mart_indicator_margins
                   WHERE dimension = '{dim}' AND indicator_id NOT IN ({MEDIANS}) GROUP BY ALL)
        SELECT * FROM c FULL JOIN m USING (indicator_id, peildatum, gemeentecode, key)
        WHERE NOT abs(c.n - m.n) <= 1e-6 * (1 + abs(c.n))
           OR NOT abs(c.d - m.d) <= 1e-6 * (1 + abs(c.d)) OR c.p IS DISTINCT FROM m.p"""
       for dim in MARGIN_DIMENSIONS},
    "marginals region sums to the marginals": """
        WITH m AS (SELECT indicator_id, peildatum, dimension, sum(numerator) n, sum(denominator) d,
                          sum(persons) p FROM mart_indicator_margins GROUP BY ALL),
             r AS (SELECT indicator_id, peildatum, dimension, sum(numerator) n, sum(denominator) d,
                          sum(persons) p FROM mart_indicator_margins_region GROUP BY ALL)
        SELECT * FROM m FULL JOIN r USING (indicator_id, peildatum, dimension)
        WHERE NOT abs(m.n - r.n) <= 1e-6 * (1 + abs(m.n))
           OR NOT abs(m.d - r.d) <= 1e-6 * (1 + abs(m.d)) OR m.p IS DISTINCT FROM r.p""",
    "marginals only where person dimensions apply": f"""
        SELECT DISTINCT indicator_id FROM mart_indicator_margins
        WHERE indicator_id IN ({NO_PERSON_DIMENSIONS})""",
    "accepted values of the marginals": """
        SELECT DISTINCT dimension, dimension_value FROM mart_indicator_margins
        WHERE CASE dimension
                  WHEN 'cohort_huisvesting' THEN dimension_value NOT IN ('Niet gehuisvest', 'Onbekend')
                  WHEN 'cohort_vergunning' THEN dimension_value NOT IN ('Geen vergunning', 'Onbekend')
                  WHEN 'land_van_herkomst' THEN dimension_value NOT IN (
                      SELECT land_van_herkomst FROM int_landen UNION ALL SELECT 'Onbekend')
                  ELSE true
              END
          AND NOT (dimension LIKE 'cohort_%' AND regexp_full_match(dimension_value, '\\d{4}')
                   AND TRY_CAST(dimension_value AS INTEGER) BETWEEN 2000 AND 2100)""",
    "a named land has at least 10 persons in the register": """
        SELECT l.land_van_herkomst, count(*) FROM stg_inburgeraars s
        JOIN int_landen l ON l.country_of_origin IS NOT DISTINCT FROM s.country_of_origin
        WHERE l.land_van_herkomst NOT IN ('Overig', 'Onbekend')
        GROUP BY ALL HAVING count(*) < 10""",
    "accepted values of the wijk mart": """
        SELECT * FROM mart_huisvesting_wijk
        WHERE persons < 1 OR wijkcode IS NULL
           OR gemeentecode NOT IN (SELECT gemeentecode FROM ref_gemeenten)""",
}


@pytest.fixture(scope="module")
def store(demo_store):
    db, _ = demo_store
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", list(CHECKS))
def test_grain(store, name):
    sql = CHECKS[name]
    params = {"may_exceed": MAY_EXCEED, **{f"accepted_{d}": v for d, v in ACCEPTED.items()}}
    params = {k: v for k, v in params.items() if f"${k}" in sql}
    offending = store.execute(sql, params).fetchall()
    assert offending == [], f"{name}: {offending[:5]}"


def test_checks_can_fail(store):
    """The checks are not vacuous: the cube has rows in every part they test."""
    counts = store.execute(f"""
        SELECT count(*) FILTER (WHERE indicator_id IN ({MEDIANS})),
               count(*) FILTER (WHERE indicator_id IN ({NO_PERSON_DIMENSIONS})),
               count(*) FILTER (WHERE numerator < denominator),
               count(DISTINCT leeftijdsgroep), count(DISTINCT doelgroep)
        FROM mart_indicator_cube""").fetchone()
    assert all(n > 1 for n in counts), counts
    margins = store.execute("""
        SELECT count(DISTINCT dimension_value) FILTER (WHERE dimension = 'land_van_herkomst'),
               count(DISTINCT dimension_value) FILTER (WHERE dimension = 'cohort_huisvesting'),
               count(DISTINCT dimension_value) FILTER (WHERE dimension = 'cohort_vergunning'),
               count(*) FILTER (WHERE dimension_value = 'Overig')
        FROM mart_indicator_margins""").fetchone()
    assert all(n > 1 for n in margins), margins


@pytest.fixture(scope="module")
def macros():
    con = duckdb.connect()
    con.execute((SQL_DIR / "macros" / "populations.sql").read_text(encoding="utf-8"))
    yield con
    con.close()


@pytest.mark.parametrize("born, day, group", [
    ("2004-02-29", "2022-02-28", "0-17"),   # not 18 before the month-day 0229 has passed
    ("2004-02-29", "2022-03-01", "18-26"),
    ("2004-02-29", "2024-02-29", "18-26"),
    ("2004-02-29", "2031-02-28", "18-26"),
    ("2004-02-29", "2031-03-01", "27-39"),
    ("2004-03-01", "2022-03-01", "18-26"),
    ("1970-06-15", "2025-06-14", "40-54"),
    ("1970-06-15", "2025-06-15", "55+"),
])
def test_age_group(macros, born, day, group):
    got = macros.execute("SELECT age_group_at(?::DATE, ?::DATE)", [born, day]).fetchone()[0]
    assert got == group


def test_age_group_changes_only_on_listed_days(macros):
    """The event-based counts rely on it: across 70 years of days, the age
    group changes only on a day that age_group_changes lists."""
    missed = macros.execute("""
        WITH births AS (SELECT unnest(['2000-02-29', '2003-03-01', '1999-12-31', '1988-01-01']::DATE[]) AS b),
        days AS (SELECT b, CAST(d AS DATE) AS d
                 FROM births, generate_series(b, b + INTERVAL 70 YEAR, INTERVAL 1 DAY) g(d))
        SELECT b, d FROM days
        WHERE age_group_at(b, d) <> age_group_at(b, CAST(d - INTERVAL 1 DAY AS DATE))
          AND NOT list_contains(age_group_changes(b), d)""").fetchall()
    assert missed == []
    changes = macros.execute("SELECT age_group_changes(DATE '2000-02-29')").fetchone()[0]
    assert len(changes) >= 4
