"""Cohort by year of housing, by year of permit, and land van herkomst as
filter and breakdown (the one-dimension marginals, sql/marts/
mart_indicator_margins.sql), on a hand-made drop.

The register is dated 2024-12-31 = P. Everyone lives in Maastricht and has a
PIP, so the population of digitaal.digid_pct (persons with PIP at P) is
whoever signed it by P.
- 0..11  Syrië,   permit 2022-11-01, housed 2023-03-15, PIP 2023-06-01; DigiD J for 0..8
- 12..23 Eritrea, permit 2023-09-01, housed 2024-02-01, PIP 2024-03-01; DigiD J for 12..17
- 24..27 Jemen,   permit 2024-06-01, housed 2024-08-01, PIP 2024-09-01; DigiD J for 24, 25
- 28..32 Iran,    permit 2024-01-15, housed 2024-08-01, PIP 2024-09-01; DigiD J for 28
- 33     no land, no permit date, never housed,         PIP 2024-09-01; DigiD J
Jemen (4) and Iran (5) have fewer than 10 persons in the register: both are
"Overig" (9 persons); 33 is "Onbekend".
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.load import load
from monitor import filters as flt
from monitor import indicators
from monitor.disclosure import REASON_PERCENT_SMALL, REASON_SECONDARY
from monitor.filters import Filters
from tests import factories
from tests.conftest import TEST_KEY
from tests.factories import write_csv

D = dt.date
P = D(2024, 12, 31)
EARLIER = D(2024, 3, 31)
IND = "digitaal.digid_pct"
GROUPS = [  # first, last, land, permit, housed, PIP, last with DigiD J
    (0, 11, "Syrië", D(2022, 11, 1), D(2023, 3, 15), D(2023, 6, 1), 8),
    (12, 23, "Eritrea", D(2023, 9, 1), D(2024, 2, 1), D(2024, 3, 1), 17),
    (24, 27, "Jemen", D(2024, 6, 1), D(2024, 8, 1), D(2024, 9, 1), 25),
    (28, 32, "Iran", D(2024, 1, 15), D(2024, 8, 1), D(2024, 9, 1), 28),
    (33, 33, None, None, None, D(2024, 9, 1), 33),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("margins")
    drop = root / "drop"
    people = []
    for first, last, land, permit, housed, pip, digid_until in GROUPS:
        for i in range(first, last + 1):
            people.append(factories.person(i, **{
                "Land van herkomst": land, "Datum vergunning": permit,
                "Datum koppeling": permit, "Datum huisvesting": housed, "Datum PIP": pip,
                "Leerroute": "B1", "Digid": "J" if i <= digid_until else "N"}))
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)
    db = root / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    return db


def _members(df):
    """member -> shown value rounded to 2 decimals, or None where hidden."""
    return {r["member"]: None if r["suppressed"] else round(r["value"], 2)
            for r in df.to_dict("records")}


def _value(df, peildatum=P):
    row = df[df["peildatum"] == peildatum].iloc[0]
    return None if row["suppressed"] else round(row["value"], 2)


def test_land_breakdown_and_filter_by_hand(store):
    # 9 + 6 + 3 + 1 = 19 of 34 with DigiD
    bd = indicators.breakdown(IND, "land_van_herkomst", Filters(peildatum=P), path=store)
    # Syrië 9 of 12 leaves 3 without: a count in disguise, hidden; 3 of 9 and
    # 1 of 1: under 10 persons. Together 13 of 22, 9 without: nothing more goes
    assert _members(bd) == {"Totaal": round(100 * 19 / 34, 2), "Syrië": None, "Eritrea": 50.0,
                            "Overig": None, "Onbekend": None}
    assert not {"Jemen", "Iran"} & set(bd["member"])
    # the residual groups come after the named countries
    assert list(bd["member"]) == ["Totaal", "Eritrea", "Syrië", "Onbekend", "Overig"]
    syr = indicators.series(IND, Filters(peildatum=P, land_van_herkomst=("Syrië",)), path=store)
    assert _value(syr) is None
    # the filter shows what the breakdown shows, and hides what it hides
    eri = indicators.series(IND, Filters(peildatum=P, land_van_herkomst=("Eritrea",)), path=store)
    assert _value(eri) == 50.0
    rest = indicators.series(IND, Filters(peildatum=P, land_van_herkomst=("Overig",)), path=store)
    assert _value(rest) is None
    # Syrië and Eritrea together (15 of 24) contain the hidden Syrië: hidden,
    # or minus Eritrea it gives Syrië back
    two = indicators.series(IND, Filters(peildatum=P, land_van_herkomst=("Syrië", "Eritrea")),
                            path=store)
    assert _value(two) is None


def test_housing_cohort_is_as_of_the_peildatum(store):
    bd = indicators.breakdown(IND, "cohort_huisvesting", Filters(peildatum=P), path=store)
    # 2023: 9 of 12 (3 without: hidden as a count in disguise); 2024: Eritrea
    # 6 of 12 + Jemen/Iran 3 of 9 = 9 of 21; 33 is not housed (1 of 1,
    # hidden). The two hidden together are 10 of 13, 3 without: 2024 goes too.
    assert _members(bd) == {"Totaal": round(100 * 19 / 34, 2), "2023": None,
                            "2024": None, "Niet gehuisvest": None}
    hidden = bd.set_index("member")
    assert hidden.at["2024", "reden"] == REASON_SECONDARY and hidden.at["2024", "weergave"] == "–"
    assert hidden.at["2023", "reden"] == REASON_PERCENT_SMALL
    # the filter on 2024 is hidden too: one decision per cell
    f2024 = indicators.series(IND, Filters(peildatum=P, cohort_huisvesting=("2024",)), path=store)
    assert _value(f2024) is None
    # On 2024-03-31 only Syrië and Eritrea had a PIP; Eritrea was housed in
    # 2024 already, so the same persons fall in the year they had by then:
    # 2023 9 of 12 hidden, and 2024 with it, or 15 of 24 minus it gives it
    early = indicators.breakdown(IND, "cohort_huisvesting", Filters(peildatum=EARLIER),
                                 path=store)
    assert _members(early) == {"Totaal": 62.5, "2023": None, "2024": None}


def test_permit_cohort_by_hand(store):
    bd = indicators.breakdown(IND, "cohort_vergunning", Filters(peildatum=P), path=store)
    # 2022 Syrië 9/12 (3 without: hidden), 2023 Eritrea 6/12, 2024 Jemen+Iran
    # 3/9 (hidden), Onbekend 1/1 (hidden): together 13 of 22, 9 without
    assert _members(bd) == {"Totaal": round(100 * 19 / 34, 2), "2022": None, "2023": 50.0,
                            "2024": None, "Onbekend": None}
    f = indicators.series(IND, Filters(peildatum=P, cohort_vergunning=("2023",)), path=store)
    assert _value(f) == 50.0


def test_permit_after_the_peildatum_is_no_permit_yet(store):
    # On 2024-03-31 Jemen's permit (2024-06-01) lay ahead; it had no PIP
    # either, so the register's own counts show it: per person, not per cell.
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        rows = con.execute("""SELECT cohort_vergunning, count(*) FROM int_person_peildatum
                              WHERE peildatum = DATE '2024-03-31' GROUP BY ALL
                              ORDER BY ALL""").fetchall()
    finally:
        con.close()
    assert rows == [("2022", 12), ("2023", 12), ("2024", 5), ("Geen vergunning", 4),
                    ("Onbekend", 1)]


def test_margins_sum_to_the_unfiltered_figure(store):
    """For additive indicators the members of every marginal dimension add up
    to the unfiltered cell, per gemeente and peildatum."""
    total = indicators._cells(Filters(), path=store)
    compared = 0
    for dim in flt.MARGIN_DIMENSIONS:
        parts = indicators._cells(Filters(), dimension=dim, path=store)
        parts = parts[parts["eenheid"].isin(["pct", "aantal"])]
        summed = parts.groupby(["indicator_id", "peildatum"])[["numerator", "denominator"]].sum()
        for (ind, p), row in summed.iterrows():
            t = total[(total["indicator_id"] == ind) & (total["peildatum"] == p)].iloc[0]
            assert row["numerator"] == pytest.approx(float(t["numerator"] or 0)), (dim, ind, p)
            if t["eenheid"] == "pct":
                assert row["denominator"] == pytest.approx(float(t["denominator"])), (dim, ind, p)
            compared += 1
    assert compared > 30


def test_by_gemeente_under_a_land_filter(store):
    df = indicators.by_gemeente(IND, Filters(peildatum=P, land_van_herkomst=("Eritrea",)),
                                path=store)
    assert _members(df) == {"Totaal": 50.0, "GM0935": 50.0}


def test_combination_with_a_person_filter_is_refused(store):
    with pytest.raises(indicators.UnavailableCombination, match="niet beschikbaar"):
        indicators.series(IND, Filters(peildatum=P, land_van_herkomst=("Syrië",),
                                       doelgroep=("Asielstatushouder",)), path=store)
    with pytest.raises(indicators.UnavailableCombination):
        indicators.breakdown(IND, "doelgroep", Filters(peildatum=P, cohort_huisvesting=("2023",)),
                             path=store)
    with pytest.raises(indicators.UnavailableCombination):
        indicators.breakdown(IND, "land_van_herkomst",
                             Filters(peildatum=P, cohort_vergunning=("2023",)), path=store)
    # the gemeente and the same dimension do combine
    assert flt.combination_conflict(Filters(gemeenten=("GM0935",), land_van_herkomst=("Syrië",)),
                                    "land_van_herkomst") == ()
    assert flt.combination_conflict(Filters(leerroute=("B1",)), "cohort_huisvesting") == \
        ("leerroute", "cohort_huisvesting")


def test_land_table_uses_the_same_grouping(store):
    df = indicators.land_van_herkomst(Filters(peildatum=P), path=store)
    # housed at P: Syrië 12, Eritrea 12, Overig 9 (33 is not housed)
    got = {r["land"]: (None if r["suppressed"] else int(r["value"])) for r in df.to_dict("records")}
    assert got == {"Totaal": 33, "Syrië": 12, "Eritrea": 12, "Overig": 9}


def test_filter_options_list_the_groups(store):
    opts = indicators.filter_options(path=store)
    assert opts["land_van_herkomst"] == ["Eritrea", "Syrië", "Overig", "Onbekend"]
    assert opts["cohort_huisvesting"] == ["2023", "2024", "Niet gehuisvest"]
    # Jemen's "Geen vergunning" (2024-03-31) is in no indicator's population
    assert opts["cohort_vergunning"] == ["2022", "2023", "2024", "Onbekend"]


def test_url_round_trip_of_the_new_filters():
    options = {"peildatum": [P], "land_van_herkomst": ["Syrië", "Eritrea", "Overig"],
               "cohort_huisvesting": ["2023", "2024"], "cohort_vergunning": ["2022"]}
    f = Filters(peildatum=P, gemeenten=("GM0935",), land_van_herkomst=("Syrië", "Overig"))
    query = flt.filters_to_query(f)
    assert query["land"] == "Syrië,Overig"
    back, notices = flt.filters_from_query(query, options)
    assert back == f and notices == []
    g = Filters(peildatum=P, cohort_huisvesting=("2024",))
    assert flt.filters_from_query(flt.filters_to_query(g), options) == (g, [])


def test_url_with_an_unavailable_combination_drops_the_marginal_filter():
    options = {"peildatum": [P], "doelgroep": ["Nareiziger", "Overig"],
               "land_van_herkomst": ["Syrië", "Overig"], "cohort_huisvesting": ["2023", "2024"]}
    f, notices = flt.filters_from_query({"land": "Syrië", "doelgroep": "Nareiziger"}, options)
    assert f.land_van_herkomst == () and f.doelgroep == ("Nareiziger",)
    assert len(notices) == 1 and "Land van herkomst" in notices[0]
    f, notices = flt.filters_from_query({"land": "Syrië", "huisvesting": "2023"}, options)
    # two marginal filters: the first in the sidebar's order stays
    assert (f.land_van_herkomst, f.cohort_huisvesting) == ((), ("2023",))
    assert len(notices) == 1 and "Land van herkomst" in notices[0]
