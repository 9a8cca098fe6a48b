"""Cohort curves (sql/marts/mart_cohort_curves.sql) on a hand-made drop.

The register is dated 2024-12-31, so that is the newest peildatum P.
Persons:
- 0..11: koppeling 2023-01-10, housed 2023-03-15 (both cohort 2023).
  PIP: 0..4 on 2023-04-10, 5..9 on 2023-06-01, 10 on 2024-03-01, 11 none.
  Leerroute started: 0..9 on 2023-09-01, 10 and 11 never.
  11 moved away (Verhuisd) on 2024-01-31.
- 12: koppeling 2024-01-05, housed 2024-01-10 (cohort 2024, alone).
- 13: never linked nor housed, but in a benefits file.
- 14..17: housed 2023-03-15 in Meerssen (GM0938), never linked, in no
  benefits file: they change no cohort curve.
Land van herkomst: 0..9 Syrië, 10 and 12 Eritrea, 11 Iran, 13 Jemen,
14..17 Irak.
Benefits files (month of housing 2023-03 + k):
- 2023-09 (k=6): 0..9 and 13; werk J 0..2, Participatiewet J 3..9.
- 2023-10 (k=7, no horizon): everyone werk J; must not be used.
- 2024-03 (k=12): 0..11; werk J 0..5, Participatiewet J 6..11.
- 2024-07: 12 (its k=6), werk J.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.load import load
from monitor import charts, indicators
from monitor.disclosure import REASON_PERCENT_SMALL
from monitor.filters import Filters
from tests import factories
from tests.conftest import TEST_KEY
from tests.factories import bsn, write_csv

D = dt.date
P = D(2024, 12, 31)


def _drop(drop):
    people = []
    for i in range(12):
        pip = D(2023, 4, 10) if i <= 4 else D(2023, 6, 1) if i <= 9 else (
            D(2024, 3, 1) if i == 10 else None)
        people.append(factories.person(
            i, **{"Datum koppeling": D(2023, 1, 10), "Datum huisvesting": D(2023, 3, 15),
                  "Datum PIP": pip, "Leerroute": "B1" if pip else None,
                  "Datum start leerroute": D(2023, 9, 1) if i <= 9 else None,
                  "Land van herkomst": "Syrië" if i <= 9 else ("Eritrea" if i == 10 else "Iran"),
                  **({"Status": "Verhuisd", "Datum status": D(2024, 1, 31)} if i == 11 else {})}))
    people.append(factories.person(12, **{"Datum koppeling": D(2024, 1, 5),
                                          "Datum huisvesting": D(2024, 1, 10),
                                          "Land van herkomst": "Eritrea"}))
    people.append(factories.person(13, **{"Land van herkomst": "Jemen"}))
    for i in range(14, 18):
        people.append(factories.person(i, **{"Gemeentecode": "GM0938", "Land van herkomst": "Irak",
                                             "Datum huisvesting": D(2023, 3, 15)}))
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)

    def month(m, persons, werk, pw):
        return [{"BSN": bsn(i), "Maand": m, "Inkomen uit werk": "J" if i in werk else "N",
                 "Participatiewet": "J" if i in pw else "N", "Ontzorging": "N"} for i in persons]
    write_csv(drop, "gemeente/uitkeringen_202309.csv",
              month("2023-09", list(range(10)) + [13], range(0, 3), range(3, 10)))
    write_csv(drop, "gemeente/uitkeringen_202310.csv",
              month("2023-10", range(12), range(12), ()))
    write_csv(drop, "gemeente/uitkeringen_202403.csv",
              month("2024-03", range(12), range(0, 6), range(6, 12)))
    write_csv(drop, "gemeente/uitkeringen_202407.csv", month("2024-07", [12], [12], ()))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    drop = tmp_path_factory.mktemp("cohort_drop")
    _drop(drop)
    db = tmp_path_factory.mktemp("cohort_store") / "monitor.duckdb"
    result = load(drop, db, key=TEST_KEY)
    assert not result.rejections, result.rejections
    return db


def _point(df, measure, cohort, months):
    row = df[(df["measure"] == measure) & (df["cohort"] == cohort) & (df["months"] == months)]
    assert len(row) == 1, (measure, cohort, months, df)
    return row.iloc[0]


@pytest.mark.parametrize("measure, cohort, months, value, numerator, denominator", [
    # file 2023-09: 0..9 (13 is not housed); werk 0..2 = 3/10: 30% of 10 is
    # 3 persons, a count in disguise, so hidden (value None)
    ("werk", 2023, 6, None, 3, 10),
    ("uitkering", 2023, 6, None, 7, 10),  # 3..9 = 7/10: the other 3 give it away
    # file 2024-03: 0..11 listed, but 11 moved away on 2024-01-31, so 11 persons;
    # werk 0..5 = 6/11, Participatiewet 6..10 = 5/11
    ("werk", 2023, 12, 100 * 6 / 11, 6, 11),
    ("uitkering", 2023, 12, 100 * 5 / 11, 5, 11),
    # koppeling 2023-01-10 + 3 months = 2023-04-10: PIP 0..4 (on that day) = 5/12
    ("pip", 2023, 3, 100 * 5 / 12, 5, 12),
    ("pip", 2023, 6, None, 10, 12),   # + 5..9 by 2023-07-10; the other 2 hide it
    ("pip", 2023, 12, None, 10, 12),  # 2024-01-10: 10 not yet, 11 still here
    ("pip", 2023, 18, 100.0, 10 + 1, 11),      # 2024-07-10: 11 gone, 10 signed in March
    ("leerroute", 2023, 6, 0.0, 0, 12),        # leerroute starts 2023-09-01
    ("leerroute", 2023, 12, None, 10, 12),
    ("leerroute", 2023, 18, None, 10, 11),
])
def test_cohort_points_by_hand(store, measure, cohort, months, value, numerator, denominator):
    df = indicators.cohort_curves(Filters(peildatum=P), path=store)
    row = _point(df, measure, cohort, months)
    if value is None:
        # numerator or rest 1-4: hidden whole, the denominator with it
        assert 0 < numerator < 5 or 0 < denominator - numerator < 5
        assert row["suppressed"] and row["weergave"] == "–"
        assert row["value"] is None and row["numerator"] is None and row["denominator"] is None
        assert row["reden"] == REASON_PERCENT_SMALL
        return
    assert not row["suppressed"]
    assert row["value"] == pytest.approx(value)
    assert row["numerator"] == numerator
    assert row["denominator"] == denominator


def test_cohort_horizons_small_cohorts_and_peildatum(store):
    df = indicators.cohort_curves(Filters(peildatum=P), path=store)
    # the 2023-10 file is housing month + 7: no horizon, so no werk share near 100%
    assert set(df[df["measure"] == "werk"]["months"]) == {6, 12}
    # 2023-01-10 + 24 months = 2025-01-10 lies after P
    assert 24 not in set(df[(df["measure"] == "pip") & (df["cohort"] == 2023)]["months"])
    # cohort 2024 is one person: every point hidden, never 0 or 100
    small = df[df["cohort"] == 2024]
    assert len(small) and small["suppressed"].all() and small["value"].isna().all()
    # at P = 2024-02-29 the 2024-03 file and koppeling + 18 months are not observed yet
    early = indicators.cohort_curves(Filters(peildatum=D(2024, 2, 29)), path=store)
    assert set(early[early["measure"] == "werk"]["months"]) == {6}
    assert set(early[(early["measure"] == "pip") & (early["cohort"] == 2023)]["months"]) == {3, 6, 12}
    # a gemeente without persons has no points at all
    assert indicators.cohort_curves(Filters(peildatum=P, gemeenten=("GM0938",)), path=store).empty


def test_cohort_chart_table_and_conclusion(store):
    df = indicators.cohort_curves(Filters(peildatum=P), path=store)
    c = charts.cohort_curves(df, "werk", P)
    assert list(c.table.columns[:2]) == ["Cohort (jaar huisvesting)", "Maanden na huisvesting"]
    # the hidden numerator 3 never reaches the table
    assert pd.isna(c.table.loc[c.table["Maanden na huisvesting"] == 6, "Teller"]).all()
    assert 3 not in c.table["Teller"].dropna().tolist()
    # newest shown cohort (2023) at its longest shown horizon (12 months): 6/11
    assert c.conclusion == "12 maanden na huisvesting had 55% van cohort 2023 inkomen uit werk."
    # the lone 2024 person is not drawn as a line
    assert [t.name for t in c.figure.data] == ["cohort 2023"]
    assert "cohort 2024 niet getekend" in c.note
    # a cohort keeps its colour whatever else is shown
    assert c.figure.data[0].line.color == charts.COHORT_COLOURS[2023 % len(charts.COHORT_COLOURS)]
    # hidden: cohort 2024 (one person) and the 6-month point of 2023 (3 of 10)
    assert c.suppressed == 2


def _land(df):
    return [(r.land, None if r.suppressed else int(r.value),
             None if r.aandeel_pct is None else round(r.aandeel_pct, 1)) for r in df.itertuples()]


def test_land_van_herkomst_groups_rare_countries(store):
    # housed at P: 0..10, 12, 14..17 (11 moved away, 13 never housed) = 16.
    # Only Syrië has 10 persons in the register; Irak 4, Eritrea 2, Iran and
    # Jemen 1 are "Overig" in the store's one grouping: Overig 6.
    df = indicators.land_van_herkomst(Filters(peildatum=P), path=store)
    assert _land(df) == [("Totaal", 16, 100.0), ("Syrië", 10, 62.5), ("Overig", 6, 37.5)]
    # Maastricht alone: Syrië 10, Overig Eritrea 2, a count of 1-4 that the
    # total would give away, so Syrië is hidden with it
    # Maastricht alone: Syrië 10, Overig Eritrea 2 (hidden, "<5"). Its total
    # of 12 would give Meerssen's 4 away as the region's 16 minus 12, so it
    # is hidden to protect that ("–"); then Syrië's 10 gives nothing away
    maa = indicators.land_van_herkomst(Filters(peildatum=P, gemeenten=("GM0935",)), path=store)
    assert _land(maa) == [("Totaal", None, None), ("Syrië", 10, None), ("Overig", None, None)]
    assert list(maa["weergave"]) == ["–", None, "<5"]
    # Meerssen: Irak 4, nothing to show but hidden counts, never 4 or 0
    mee = indicators.land_van_herkomst(Filters(peildatum=P, gemeenten=("GM0938",)), path=store)
    assert _land(mee) == [("Totaal", None, None), ("Overig", None, None)]
    assert list(mee["weergave"]) == ["<5", "<5"]
    # before 11 moved away and 12 was housed (2023-12-31): Syrië 10, Eritrea 1,
    # Iran 1, Irak 4 = 16 again, Overig 6
    dec = indicators.land_van_herkomst(Filters(peildatum=D(2023, 12, 31)), path=store)
    assert _land(dec) == [("Totaal", 16, 100.0), ("Syrië", 10, 62.5), ("Overig", 6, 37.5)]


def test_land_van_herkomst_chart(store):
    c = charts.land_van_herkomst(indicators.land_van_herkomst(Filters(peildatum=P), path=store), P)
    assert list(c.table["Land van herkomst"]) == ["Syrië", "Overig"]
    assert list(c.table["Weergave"]) == ["10", "6"]
    # a share of 10% or more is shown without decimals
    assert c.conclusion == ("Van de 16 gehuisveste inburgeraars komen de meesten uit Syrië "
                            "(10, 63%).")


def test_koppeling_point_in_the_latest_month_waits_for_its_day(tmp_path):
    """The register is dated 2024-12-20, the latest peildatum. Persons 0..9
    were linked 2024-06-10 (6 months: 2024-12-10, reached), 10..19 on
    2024-06-25 (6 months: 2024-12-25, not yet); everyone signed the PIP on
    2024-07-01."""
    drop = tmp_path / "drop"
    people = [factories.person(i, **{"Datum koppeling": D(2024, 6, 10) if i < 10 else D(2024, 6, 25),
                                     "Datum PIP": D(2024, 7, 1), "Leerroute": "B1"})
              for i in range(20)]
    write_csv(drop, "gemeente/inburgeraars_20241220.csv", people)
    db = tmp_path / "monitor.duckdb"
    assert not load(drop, db, key=TEST_KEY).rejections
    df = indicators.cohort_curves(Filters(peildatum=D(2024, 12, 20)), path=db)
    six = _point(df, "pip", 2024, 6)
    assert (six["numerator"], six["denominator"]) == (10, 10)
    # at the month end before, no one has reached 6 months; 3 months all 20
    nov = indicators.cohort_curves(Filters(peildatum=D(2024, 11, 30)), path=db)
    assert set(nov[nov["measure"] == "pip"]["months"]) == {3}
    assert _point(nov, "pip", 2024, 3)["denominator"] == 20
