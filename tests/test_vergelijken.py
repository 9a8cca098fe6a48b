"""The Vergelijken page and its data: region attributes, nearest neighbours
on the real store, published reference figures (contract section 11), the
export block `vergelijking`, and disclosure across the comparison views."""

from __future__ import annotations

import datetime as dt
import functools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.demo.calibration import national_region, region_attributes
from etl.export import export
from etl.load import load
from etl.region import load_region
from monitor import charts
from monitor import compare as cmp
from monitor import indicators, reference
from monitor import catalogue as cat
from monitor.filters import Filters
from tests.conftest import DEMO_TODAY, TEST_KEY
from tests.factories import person, write_csv
from tests.test_disclosure_views import P, _drop
from tests.test_pages import open_page, shown, store_env  # noqa: F401 (a fixture)

MAASTRICHT = "GM0935"


# --- region file attributes ---------------------------------------------------------------

def test_region_file_carries_optional_attributes(tmp_path):
    region = {m.code: m for m in load_region()}
    assert region[MAASTRICHT].inwoners > 100_000 and region[MAASTRICHT].stedelijkheid == 2
    assert {m.provincie for m in region.values()} == {"Limburg"}
    bare = tmp_path / "r.csv"
    bare.write_text("gemeentecode;naam;coa_namen\nGM0935;Maastricht;MAASTRICHT\n", encoding="utf-8")
    m = load_region(bare)[0]
    assert (m.inwoners, m.stedelijkheid, m.provincie) == (None, None, None)
    bad = tmp_path / "bad.csv"
    bad.write_text("gemeentecode;naam;coa_namen;stedelijkheid\nGM0935;Maastricht;;7\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stedelijkheid"):
        load_region(bad)


def test_national_demo_attributes_are_plausible_and_fixed():
    gemeenten = national_region(np.random.default_rng(1))
    a = region_attributes(gemeenten, np.random.default_rng([2024, 8]))
    assert a == region_attributes(gemeenten, np.random.default_rng([2024, 8]))
    inwoners = np.array([x[0] for x in a])
    assert 15e6 < inwoners.sum() < 22e6 and 20_000 < np.median(inwoners) < 50_000
    assert {x[1] for x in a} == {1, 2, 3, 4, 5}
    assert len({x[2] for x in a}) == 12
    # big gemeenten are more urban than small ones
    sted = np.array([x[1] for x in a])
    assert sted[inwoners > 150_000].mean() < sted[inwoners < 20_000].mean()


# --- neighbours on a real store ---------------------------------------------------------------

def test_neighbours_on_the_demo_store_are_fixed_and_exclude_itself(demo_store):
    db, _ = demo_store
    p = indicators.latest_peildatum(db)
    k = indicators.gemeente_kenmerken(db)
    table = cmp.feature_table(k, indicators.compare_features(p, db))
    feats = cmp.default_features(table)
    assert [f.key for f in feats] == ["nieuwkomers", "herkomst", "leerroute", "grootte",
                                      "stedelijkheid"]
    everyone = cmp.all_neighbours(table, feats, cmp.default_k(len(k)))
    for code in k.index:
        nb = cmp.nearest(table, code, cmp.default_k(len(k)), feats)
        assert code not in nb.codes and len(nb.codes) == 4
        assert nb == cmp.nearest(table, code, 4, feats)
        assert set(everyone[code]) == set(nb.codes)


def test_national_neighbours_are_fifteen_and_deterministic():
    gemeenten = national_region(np.random.default_rng(1))
    a = region_attributes(gemeenten, np.random.default_rng([2024, 8]))
    k = pd.DataFrame({"inwoners": [x[0] for x in a], "stedelijkheid": [x[1] for x in a]},
                     index=[g.code for g in gemeenten])
    table = cmp.feature_table(k, pd.DataFrame())
    feats = cmp.default_features(table)
    assert cmp.default_k(len(k)) == 15
    first = cmp.all_neighbours(table, feats, 15)
    assert first == cmp.all_neighbours(table, feats, 15)
    assert all(len(v) == 15 and c not in v for c, v in first.items())


# --- the page ------------------------------------------------------------------------------------

def test_page_shows_funnel_sentence_features_and_weights(store_env):
    at = open_page("pages/vergelijken.py")
    assert not at.exception, [e.value for e in at.exception]
    text = shown(at)
    assert "Maastricht ligt binnen wat toeval verklaart ten opzichte van 4 vergelijkbare " \
           "gemeenten" in text or "Maastricht ligt duidelijk" in text
    assert "Rang (95%-interval)" in text and " van 5" in text
    labels = {s.label for s in at.slider}
    assert {"Nieuwkomers (met PIP) per 1.000 inwoners", "Mix van landen van herkomst",
            "Mix van leerroutes", "Grootte (inwoners, logaritmisch)",
            "Stedelijkheid (CBS 1–5)"} <= labels
    assert "Gewichten: Nieuwkomers (met PIP) per 1.000 inwoners 1" in text
    # one neighbour, only stedelijkheid counts: Maastricht (2) has no equal,
    # and the weights the user set reach the text
    for s in at.slider:
        s.set_value(3.0 if s.key == "w_stedelijkheid" else 0.0)
    at.number_input(key="w_k").set_value(1)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = shown(at)
    assert "1 vergelijkbare gemeenten" in text
    assert "Stedelijkheid (CBS 1–5) 3" in text and "Mix van leerroutes 0" in text


def test_page_funnel_against_all_with_the_reference_line(store_env):
    at = open_page("pages/vergelijken.py")
    at.selectbox(key="v_ind").set_value("werk.duaal_pct")
    at.selectbox(key="v_groep").set_value("alle").run()
    assert not at.exception, [e.value for e in at.exception]
    text = shown(at)
    assert "alle 5 gemeenten in de monitor" in text
    # the demo's published figure: a line with its label, and the source in words
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    annotations = [a.get("text") for a in spec["layout"].get("annotations", [])]
    assert "Nederland, CBS 2025" in annotations
    assert "gepubliceerd cijfer (bron: CBS StatLine" in text and "niet door de monitor berekend" in text


# --- published reference figures: the contract ----------------------------------------------------

def test_reference_extract_rejects_rows_with_reasons(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1)])
    rows = [
        {"Indicator": "werk.duaal_pct", "Gebied": "NL", "Peildatum": "31-12-2024",
         "Waarde": "38,5", "Teller": "12.480", "Noemer": "32.400",
         "Bron": "CBS StatLine 85xxxNED, 2025"},
        {"Indicator": "werk.bestaat_niet_pct", "Gebied": "NL", "Peildatum": "31-12-2024",
         "Waarde": "10", "Bron": "CBS"},
        {"Indicator": "werk.uitkering_pct", "Gebied": "PV31", "Peildatum": "31-12-2024",
         "Waarde": "75", "Teller": "3", "Noemer": "400", "Bron": "CBS"},
        {"Indicator": "werk.uitkering_pct", "Gebied": "NL", "Peildatum": "31-12-2024",
         "Waarde": "75", "Teller": "300", "Noemer": "4", "Bron": "CBS"},
        {"Indicator": "werk.uitkering_pct", "Gebied": "G40", "Peildatum": "31-12-2024",
         "Waarde": "75", "Bron": ""},
        {"Indicator": "werk.betaald_werk_pct", "Gebied": "100.000-150.000 inwoners",
         "Peildatum": "30-06-2024", "Waarde": "18,0", "Bron": "Divosa Benchmark 2024"},
        {"Indicator": "werk.betaald_werk_pct", "Gebied": "123456782", "Peildatum": "30-06-2024",
         "Waarde": "18,0", "Bron": "Divosa"},
    ]
    write_csv(drop, "referentie/referentie_20250106.csv", rows)
    db = tmp_path / "s.duckdb"
    report = load(drop, db, key=TEST_KEY, today=dt.date(2025, 1, 31))
    f = next(x for x in report.files if x.file.startswith("referentie/"))
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (7, 2, 5)
    got = {(r.row, r.column): r.reason for r in report.rejections if r.file == f.file}
    assert "onbekende indicator 'werk.bestaat_niet_pct'" in got[(2, "Indicator")]
    assert "aantal van 1 tot 4" in got[(3, "Teller")]
    assert "aantal van 1 tot 4" in got[(4, "Noemer")]
    assert got[(5, "Bron")] == "verplicht veld is leeg"
    assert "BSN" in got[(7, "Gebied")]
    assert "123456782" not in json.dumps(report.to_json())

    figs = reference.figures("werk.duaal_pct", dt.date(2025, 1, 6), path=db)
    assert [(r["label"], r["waarde"], r["noemer"]) for r in figs] == [
        ("Nederland, CBS 2024", 38.5, 32400)]
    group = reference.figures("werk.betaald_werk_pct", dt.date(2025, 1, 6), path=db)
    assert group[0]["label"] == "100.000-150.000 inwoners, Divosa 2024"
    # on the indicator's own chart: a line named with area and year, the source in the note
    ind = cat.by_id(cat.load(db))["werk.duaal_pct"]
    ser = indicators.series("werk.duaal_pct", Filters(peildatum=dt.date(2024, 12, 31)), path=db)
    c = charts.indicator_series(ind, ser, dt.date(2024, 12, 31), references=figs)
    annotations = [a.text for a in c.figure.layout.annotations]
    assert "Nederland, CBS 2024" in annotations
    assert "bron CBS StatLine 85xxxNED, 2025" in c.note and "niet door de monitor berekend" in c.note
    assert "gepubliceerd cijfer" in reference.sentence(figs[0])


# --- export block and disclosure across the comparison views --------------------------------------

def test_export_block_shape_on_the_demo_store(demo_store):
    db, _ = demo_store
    out = export(db, dt.date(2026, 10, 31))
    block = out["vergelijking"]
    keys = {"indicator", "gemeente", "groep", "schaal", "teller", "noemer", "waarde",
            "referentie", "grens_95", "grens_998", "verwacht", "oordeel"}
    assert block and all(set(r) == keys for r in block)
    assert {r["groep"] for r in block} == set(cmp.EXPORT_GROUPS)
    catalogue = cat.by_id(cat.load(db))
    # every kind of comparison is in the block, on its own scale
    kinds = {r["indicator"]: cmp.kind_of(catalogue[r["indicator"]]) for r in block}
    assert set(kinds.values()) == set(cmp.KINDS)
    assert {r["schaal"] for r in block} == {"procent", "per 1.000 inwoners", "dagen"}
    judged = [r for r in block if r["oordeel"] is not None]
    assert {kinds[r["indicator"]] for r in judged} == set(cmp.KINDS)
    slack = {cmp.SHARE: 0.1, cmp.RATE: 0.01, cmp.MEDIAN: 0.1}
    for r in judged:
        kind = kinds[r["indicator"]]
        assert r["oordeel"] in ("hoger", "lager", "binnen")
        lo95, hi95 = r["grens_95"]
        lo998, hi998 = r["grens_998"]
        assert 0 <= lo998 <= lo95 <= r["referentie"] <= hi95 <= hi998
        assert hi998 <= 100 or kind != cmp.SHARE
        assert (r["oordeel"] == "binnen") == (lo998 <= r["waarde"] <= hi998) or \
            abs(r["waarde"] - lo998) < slack[kind] or abs(r["waarde"] - hi998) < slack[kind]
        if kind == cmp.RATE:
            # per 1.000 inhabitants of the region file: the count over them
            assert r["waarde"] == pytest.approx(1000 * r["teller"] / r["noemer"], abs=0.005)
        if kind == cmp.MEDIAN:
            assert r["teller"] is None and r["noemer"] >= 10  # a shown median: 10 or more
        if kind != cmp.SHARE:
            assert r["verwacht"] is None
    assert any(r["verwacht"] is not None for r in judged)
    # the same figures as the indicators block: the count a rate is made of,
    # the median itself
    own = {(r["id"], r["gemeente"]): r for r in out["indicators"]}
    for r in block:
        ind = own[(r["indicator"], r["gemeente"])]
        if kinds[r["indicator"]] == cmp.RATE and r["teller"] is not None:
            assert r["teller"] == ind["value"]
        if kinds[r["indicator"]] == cmp.MEDIAN:
            assert r["waarde"] == ind["value"]
        if ind["suppressed"]:
            assert r["waarde"] is None and r["teller"] is None and r["oordeel"] is None
    # Maastricht alone in its size class: no comparison, its own figure stays
    alone = [r for r in block if r["gemeente"] == MAASTRICHT and r["groep"] == "grootteklasse"]
    assert alone and all(r["oordeel"] is None and r["referentie"] is None
                         and r["waarde"] is not None for r in alone
                         if r["indicator"] == "werk.duaal_pct")


checked = {"cells": 0}
IND = ["werk.duaal_pct", "digitaal.digid_pct", "taal.leerroute_b1_pct"]


def _check_views(ind, bg, strata, kenmerken, namen, indicator):
    """Every comparison view of `ind` for every gemeente as focal, against all:
    no gemeente that `bg` (by_gemeente's rows) hides is a point, a name in the
    chart's table, part of the group's value or given an expected value."""
    parts = bg[~bg["is_total"].astype(bool)]
    hidden = set(parts[parts["suppressed"].astype(bool)]["member"])
    visible = parts[~parts["suppressed"].astype(bool) & parts["value"].notna()]
    for focal in kenmerken.index:
        members, label = cmp.group_members("alle", focal, kenmerken, None)
        comp = cmp.compare_indicator(ind, bg, members, focal, namen[focal], "alle", label,
                                     strata=strata)
        pts = set(comp.funnel.points["gemeentecode"]) if not comp.funnel.points.empty else set()
        assert not pts & hidden, f"{ind}: a hidden gemeente is a point"
        assert comp.funnel.hidden == len(hidden)
        if focal in hidden:
            assert comp.focal_point is None and comp.expected is None
            assert "niet getoond" in comp.sentence()
        if comp.funnel.reference is not None:
            # the group's value is what the shown points add up to: nothing hidden in it
            v = visible[visible["member"].isin(pts)]
            den = v["denominator"].astype(float)
            pooled = float((v["value"].astype(float) * den).sum() / den.sum()) / 100
            assert comp.funnel.reference == pytest.approx(pooled, abs=1e-9)
        c = charts.funnel_plot(indicator, comp, P)
        drawn = set(c.table["Gemeente"]) if not c.table.empty else set()
        assert not drawn & {namen[h] for h in hidden}
        if hidden:
            assert f"{len(hidden)} gemeente(n) van deze groep niet getoond" in (c.note or "")
        checked["cells"] += 1
    return hidden


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """One small drop, loaded once: five gemeenten, of which disclosure hides
    some for every indicator of IND (the load is the slow part; the views'
    property runs on generated rows below)."""
    root = tmp_path_factory.mktemp("drop")
    _drop(root, 7, 60)
    db = root / "s.duckdb"
    load(root, db, key=TEST_KEY)
    return db


def test_comparison_views_never_show_a_hidden_gemeente(small_store):
    db = small_store
    out = export(db, P)
    rows = {(r["id"], r["gemeente"]): r for r in out["indicators"]}
    kenmerken = indicators.gemeente_kenmerken(db)
    namen = indicators.gemeente_namen(db)
    by_id = cat.by_id(cat.load(db))
    shown_export = hidden_export = 0
    for r in out["vergelijking"]:
        own = rows[(r["indicator"], r["gemeente"])]
        if own["suppressed"] or own["value"] is None:
            assert all(r[k] is None for k in ("teller", "noemer", "waarde", "grens_95",
                                              "grens_998", "verwacht", "oordeel")), r
            hidden_export += 1
        elif cmp.kind_of(by_id[r["indicator"]]) == cmp.RATE:
            # a count per 1.000 inhabitants: the count is the shown one
            assert r["teller"] == own["value"]
            shown_export += 1
        else:
            assert r["waarde"] == own["value"] and r["noemer"] == own["denominator"]
            shown_export += 1
        checked["cells"] += 1
    assert shown_export and hidden_export
    for ind in IND:
        bg = indicators.by_gemeente(ind, Filters(peildatum=P), path=db)
        hidden = _check_views(ind, bg, indicators.compare_strata(ind, P, db), kenmerken, namen,
                              by_id[ind])
        # the drop is one where disclosure has something to hide and something to show
        assert hidden and len(hidden) < len(kenmerken), ind


@st.composite
def _given_rows(draw):
    """by_gemeente's rows for 2-12 gemeenten: persons, a share, whether
    disclosure hides it (hidden rows blank as the store returns them, or with
    their figures still in, so only the flag can keep them out), and strata."""
    n = draw(st.integers(2, 12))
    codes = [f"GM{1000 + i}" for i in range(n)]
    blank = draw(st.booleans())
    rows = [{"member": "Totaal", "naam": "Regio", "is_total": True, "suppressed": False,
             "numerator": None, "denominator": None, "value": None}]
    strata = []
    for c in codes:
        den = draw(st.integers(0, 400))
        num = draw(st.integers(0, den))
        hide = draw(st.booleans())
        value = 100 * num / den if den else None
        row = {"member": c, "naam": f"Gemeente {c}", "is_total": False, "suppressed": hide,
               "numerator": float(num), "denominator": float(den), "value": value}
        if hide and blank:
            row.update(numerator=None, denominator=None, value=None)
        rows.append(row)
        for d in draw(st.lists(st.sampled_from(["Asielstatushouder", "Gezinsmigrant"]),
                               min_size=1, max_size=2, unique=True)):
            for a in ("18-27", "28-45"):
                sd = draw(st.integers(1, 60))
                strata.append({"gemeentecode": c, "doelgroep": d, "leeftijdsgroep": a,
                               "leerroute": "B1", "numerator": float(draw(st.integers(0, sd))),
                               "denominator": float(sd)})
    bg = pd.DataFrame(rows).astype({"numerator": object, "denominator": object, "value": object})
    kenmerken = pd.DataFrame({"naam": [f"Gemeente {c}" for c in codes]},
                             index=pd.Index(codes, name="gemeentecode"))
    return bg, pd.DataFrame(strata), kenmerken


@given(data=_given_rows(), ind=st.sampled_from(IND))
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_comparison_views_never_show_a_hidden_gemeente_on_given_rows(demo_store, data, ind):
    bg, strata, kenmerken = data
    indicator = _catalogue(demo_store[0])[ind]
    namen = dict(zip(kenmerken.index, kenmerken["naam"]))
    _check_views(ind, bg, strata, kenmerken, namen, indicator)


@functools.lru_cache(maxsize=1)
def _catalogue(db):
    return cat.by_id(cat.load(db))


def test_comparison_views_were_checked():
    assert checked["cells"] > 100
