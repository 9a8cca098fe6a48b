"""Disclosure control (monitor/disclosure.py), as properties over random
tables and over random filter combinations on a loaded store."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.disclosure import protect
from tests.conftest import TEST_KEY

cell = st.tuples(st.integers(0, 30), st.integers(0, 30))  # (numerator, extra for denominator)


def _table(unit, groups):
    rows = []
    for g, sibs in enumerate(groups):
        tot_n = tot_d = 0
        for j, (n, extra) in enumerate(sibs):
            d = n + extra
            num = n
            den = None if unit == "aantal" else d
            persons = n if unit == "aantal" else d
            rows.append({"g": g, "member": j, "is_total": False, "numerator": num,
                         "denominator": den, "persons": persons,
                         "value": num if unit == "aantal" else (100 * num / d if d else None)})
            tot_n += num
            tot_d += d
        rows.append({"g": g, "member": "T", "is_total": True, "numerator": tot_n,
                     "denominator": None if unit == "aantal" else tot_d,
                     "persons": tot_n if unit == "aantal" else tot_d,
                     "value": tot_n if unit == "aantal" else (100 * tot_n / tot_d if tot_d else None)})
    return pd.DataFrame(rows)


def check(df_in: pd.DataFrame, out: pd.DataFrame, unit: str):
    for (_, r_in), (_, r) in zip(df_in.iterrows(), out.iterrows()):
        if r["suppressed"]:
            # suppressed is not zero: no value at all
            assert r["value"] is None and r["numerator"] is None and r["denominator"] is None
            assert r["reden"]
        else:
            if unit == "aantal":
                assert not (0 < r_in["numerator"] < 5), "a count of 1-4 is shown"
            else:
                d = r_in["denominator"]
                assert d == 0 or d >= 10, "a percentage on fewer than 10 is shown"
                assert r["numerator"] is None or not (0 < r["numerator"] < 5)
    # no suppressed sibling = shown total minus shown siblings
    for g, grp in out.assign(_n=df_in["numerator"], _d=df_in["denominator"]).groupby("g"):
        total = grp[grp["is_total"]].iloc[0]
        sibs = grp[~grp["is_total"]]
        hidden = sibs[sibs["suppressed"]]
        if total["suppressed"] or hidden.empty:
            continue
        assert len(hidden) >= 2, "one suppressed sibling can be derived from the total"
        # and the hidden ones together are not themselves a disclosive cell
        if unit == "aantal":
            assert not (0 < hidden["_n"].sum() < 5)
        else:
            assert not (0 < hidden["_d"].sum() < 10)


@given(st.lists(st.lists(cell, min_size=1, max_size=7), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_counts_random_tables(groups):
    df = _table("aantal", groups)
    out = protect(df.assign(eenheid="aantal"), group_by=["g"])
    check(df, out, "aantal")


@given(st.lists(st.lists(cell, min_size=1, max_size=7), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_percentages_random_tables(groups):
    df = _table("pct", groups)
    out = protect(df.assign(eenheid="pct", teller_personen=True), group_by=["g"])
    check(df, out, "pct")


def test_reasons_and_display():
    df = pd.DataFrame([
        {"eenheid": "aantal", "numerator": 3, "denominator": None, "persons": 3, "value": 3},
        {"eenheid": "aantal", "numerator": 0, "denominator": None, "persons": 0, "value": 0},
        {"eenheid": "pct", "numerator": 5, "denominator": 9, "persons": 9, "value": 55.6},
        {"eenheid": "dagen", "numerator": None, "denominator": 9, "persons": 9, "value": 40},
    ])
    out = protect(df)
    assert list(out["suppressed"]) == [True, False, True, True]
    assert out.loc[0, "weergave"] == "<5" and out.loc[2, "weergave"] == "–"
    assert out.loc[1, "value"] == 0  # a real zero stays zero
    assert "persons" not in out.columns


# --- through the query API on a loaded store ------------------------------

GEMEENTEN = ["GM0935", "GM0938", "GM0994", "GM1729", "GM0981"]


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    from etl.load import load
    from tests.factories import bsn, nl, person, write_csv

    rnd = random.Random(7)
    drop = tmp_path_factory.mktemp("disc_drop")
    people, acts = [], []
    for i in range(160):
        pip = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(600)) if rnd.random() < .8 else None
        people.append(person(i, **{
            "Gemeentecode": rnd.choice(GEMEENTEN[:3] * 4 + GEMEENTEN[3:]),
            "Doelgroep": rnd.choice(["Asielstatushouder"] * 4 + ["Nareiziger", "Gezinsmigrant", "Overig"]),
            "Geslacht": rnd.choice("MMVVX"), "Geboortedatum": nl(dt.date(1960 + rnd.randrange(45), 1, 1)),
            "Datum koppeling": nl(dt.date(2022, 6, 1)), "Datum huisvesting": nl(dt.date(2022, 10, 1)),
            "Datum PIP": nl(pip), "Leerroute": rnd.choice(["B1", "B1", "B1-Entree", "Z", "Onderwijs"]) if pip else "",
            "Datum start leerroute": nl(pip + dt.timedelta(days=20)) if pip else "",
            "Datum Protect": nl(pip) if pip and rnd.random() < .7 else "",
            "Digid": rnd.choice("JN")}))
        if rnd.random() < .5:
            acts.append({"BSN": bsn(i), "Activiteit-ID": f"A{i}", "Soort": "Stage",
                         "Datum start": nl(dt.date(2024, 1, 1)), "Uren per week": "5"})
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)
    write_csv(drop, "gemeente/participatie_20241231.csv", acts)
    db = tmp_path_factory.mktemp("disc_store") / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    return db


IND = ["werk.duaal_pct", "digitaal.digid_pct", "zorg.protect_afgenomen_pct",
       "taal.leerroute_b1_pct", "onderwijs.onderwijsroute_aantal", "taal.wachtlijst_pip"]
DIMS = ["gemeentecode", "doelgroep", "geslacht", "leeftijdsgroep", "leerroute", "cohort"]


@given(ind=st.sampled_from(IND), dim=st.sampled_from(DIMS),
       gem=st.lists(st.sampled_from(GEMEENTEN), unique=True, max_size=3),
       geslacht=st.lists(st.sampled_from(["M", "V", "X"]), unique=True, max_size=2),
       doelgroep=st.lists(st.sampled_from(["Asielstatushouder", "Nareiziger", "Gezinsmigrant"]),
                          unique=True, max_size=2))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_breakdowns_never_disclose(store_db, ind, dim, gem, geslacht, doelgroep):
    from monitor import indicators
    from monitor.filters import Filters

    from monitor.filters import combination_conflict

    f = Filters(peildatum=dt.date(2024, 12, 31), gemeenten=tuple(gem), geslacht=tuple(geslacht),
                doelgroep=tuple(doelgroep))
    if combination_conflict(f, dim):
        # two person characteristics in one view are refused, never shown
        with pytest.raises(indicators.UnavailableCombination):
            indicators.breakdown(ind, dim, f, path=store_db)
        return
    out = indicators.breakdown(ind, dim, f, path=store_db)
    if out.empty:
        return
    unit = out["eenheid"].iloc[0]
    for r in out.itertuples():
        if r.suppressed:
            assert r.value is None and r.numerator is None
        elif unit == "aantal":
            assert not (0 < r.value < 5)
        else:
            assert r.denominator >= 10
            assert r.numerator is None or not (0 < r.numerator < 5)
    total = out[out["is_total"]].iloc[0]
    hidden = out[~out["is_total"] & out["suppressed"]]
    if not total["suppressed"]:
        assert len(hidden) != 1
