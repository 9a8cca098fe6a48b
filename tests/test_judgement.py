"""One judgement per figure: rounding once and half up, "lopend" never
compared, the default peildatum, and signals tested over persons only.
Hand-computed fixtures; the demo store for the agreement of every output."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from pptx import Presentation

from monitor import basket, charts, deck, evaluation, formatting, judgement, signals
from monitor import catalogue as cat
from monitor import indicators
from monitor import peildatum as pdefault
from monitor import presentation as pres
from monitor.catalogue import Indicator
from monitor.filters import Filters, filters_from_query

from tests.conftest import DEMO_TODAY
from tests.test_exports import stand_ins


def _ind(**kw) -> Indicator:
    base = dict(id="x.pct", domain="3.2", name="X", definition="", unit="pct",
                sources=("inburgeraars",), norm=None, norm_text=None, norm_source=None,
                direction="hoger_beter", frequency="maand", headline=True, counts_persons=True,
                reference=True)
    base.update(kw)
    return Indicator(**base)


# --- rounding: once, half up, as shown -------------------------------------------

def test_rounding_is_half_up_as_shown():
    assert formatting.rounded_half_up(682.5) == 683          # round() gives 682
    assert str(formatting.rounded_half_up(0.125, 2)) == "0.13"
    assert pres.shown_number(682.5, "uren") == 683
    assert pres.fmt_value(682.5, "uren") == "683 uur"
    assert pres.shown_number(79.5, "pct") == 80 and str(pres.shown_number(9.95, "pct")) == "10.0"


def test_z_route_sentence_states_the_figures_of_its_labels():
    df = pd.DataFrame({"gemeentecode": ["ALL"], "z_personen": [91], "uren_nodig": [682.5],
                       "uren_per_week": [600.5]})
    c = charts.z_route_capaciteit(df, {}, dt.date(2026, 10, 31), 7.5)
    labels = [t for trace in c.figure.data if trace.text is not None for t in trace.text]
    assert "683" in labels and "601" in labels
    assert "683 uur" in c.conclusion and "601 uur" in c.conclusion
    assert "tekort van 82 uur" in c.conclusion                # 683 − 601, the shown figures


def test_a_value_shown_as_the_norm_meets_it():
    ind = _ind(norm=80.0)
    j = judgement.judge(ind, [{"peildatum": dt.date(2026, 10, 31), "value": 79.6,
                               "suppressed": False}], dt.date(2026, 10, 31))
    assert j.now.text == "80%" and j.status is pres.ON_TRACK


# --- "lopend" ------------------------------------------------------------------------

TAAK = _ind(id="huisvesting.taakstelling_realisatie_pct", sources=("taakstelling",), norm=100.0,
            frequency="halfjaar")


def _taak_rows():
    return [{"peildatum": d, "value": v, "suppressed": False} for d, v in (
        (dt.date(2025, 11, 30), 70.49), (dt.date(2025, 12, 31), 70.49),
        (dt.date(2026, 6, 30), 71.15), (dt.date(2026, 11, 30), 63.53))]


def test_a_running_half_year_is_marked_and_never_compared():
    j = judgement.judge(TAAK, _taak_rows(), dt.date(2026, 11, 30))
    assert j.now.label == "64% (lopend)" and j.status is pres.RUNNING
    assert j.movement == "" and j.arrow == "" and j.change == "nog geen vergelijking (lopend)"
    assert "voorlopig 64%" in j.sentence and "2e helft 2026" in j.sentence
    assert "(1e helft 2026) was 71%" in j.sentence
    # at the end of the half year it is judged against its norm, and compared
    # with the same completed half year a year before
    done = judgement.judge(TAAK, _taak_rows(), dt.date(2026, 6, 30))
    assert done.status is pres.OFF_TRACK and done.now.label == "71%"


def test_the_evaluation_starts_a_half_year_figure_at_a_completed_half_year():
    base = evaluation.Baseline(dt.date(2024, 1, 31), dt.date(2026, 10, 31))
    days = [dt.date(2024, 1, 31), dt.date(2024, 5, 31), dt.date(2024, 6, 30), dt.date(2024, 7, 31)]
    assert evaluation.start_of(TAAK, base, days) == dt.date(2024, 6, 30)
    assert evaluation.start_of(_ind(), base, days) == dt.date(2024, 1, 31)


# --- signals: persons, facts ---------------------------------------------------------

def _row(ind, **kw):
    r = {"id": ind.id, "peildatum": dt.date(2026, 10, 31), "suppressed": False, "lopend": False,
         "vorig_jaar_peildatum": dt.date(2025, 10, 31)}
    r.update(kw)
    return r


def test_a_share_of_hours_is_tested_over_its_learners():
    """Hand-computed: 95% Wilson over 400 learners, 70% is [65,34; 74,28]
    and 80% is [75,80; 83,63]: no overlap. 86,0% against 86,4% over ~400
    learners overlaps, however many hours (135.000 / 227.000) lie under it."""
    att = _ind(id="taal.aanwezigheid_pct", sources=("vista_voortgang",), counts_persons=False)
    lo, hi = signals.chance.wilson(70, 400)
    assert round(lo, 2) == 65.34 and round(hi, 2) == 74.28
    lo, hi = signals.chance.wilson(80, 400)
    assert round(lo, 2) == 75.80 and round(hi, 2) == 83.63
    clear = _row(att, value=80.0, denominator=227_000.0, personen=400, vorig_jaar=70.0,
                 vorig_jaar_noemer=135_000.0, vorig_jaar_personen=400)
    found = signals.signals([clear], {att.id: att})
    assert [s.kind for s in found] == ["verandering"]
    assert found[0].text == ("X is duidelijk gestegen (meer dan toeval): van 70% naar 80% "
                             "sinds oktober 2025.")
    # the hours alone would call 85% → 86% "more than chance"; over the learners it is not
    hours = _row(att, value=86.4, denominator=227_000.0, personen=410, vorig_jaar=85.0,
                 vorig_jaar_noemer=135_000.0, vorig_jaar_personen=390)
    assert signals.chance.clear_change(85.0, 135_000, 86.4, 227_000)
    assert signals.signals([hours], {att.id: att}) == []
    # without the persons there is no test at all
    no_persons = {**clear, "personen": None, "vorig_jaar_personen": None}
    assert signals.signals([no_persons], {att.id: att}) == []


def test_a_fact_only_crosses_its_norm():
    """COA occupancy against a maximum of 90%: 88% last month, 93% now is a
    crossing; the rise from 70% a year ago is no 'more than chance'."""
    occ = _ind(id="huisvesting.azc_bezettingsgraad_pct", sources=("coa_bezetting",), norm=90.0,
               direction="lager_beter")
    assert judgement.is_fact(occ)
    r = _row(occ, value=93.0, denominator=700.0, personen=700, vorige_maand=88.0, vorig_jaar=70.0,
             vorig_jaar_noemer=700.0, vorig_jaar_personen=700)
    found = signals.signals([r], {occ.id: occ})
    assert [(s.kind, s.good) for s in found] == [("norm", False)]
    assert found[0].text == "X haalt de norm niet meer (93%, norm 90%) sinds het vorige maandeinde."
    # 89,6% shows as 90%: the norm is still met, as the tile says
    assert signals.signals([{**r, "value": 89.6}], {occ.id: occ}) == []


def test_the_taakstelling_crosses_its_norm_against_the_last_completed_half_year():
    """At the end of the first half of 2026, 101% against 95% in the second
    half of 2025: the norm of 100% is reached. May's running 60% is no
    comparison; no chance test, however many persons."""
    r = {"id": TAAK.id, "peildatum": dt.date(2026, 6, 30), "value": 101.0, "suppressed": False,
         "lopend": False, "vorige_maand": 60.0, "denominator": 104.0, "personen": 104,
         "vorig_jaar": 50.0, "vorig_jaar_noemer": 144.0, "vorig_jaar_personen": 144,
         "vorig_jaar_peildatum": dt.date(2025, 6, 30),
         "sparkline": [(dt.date(2025, 6, 30), 50.0), (dt.date(2025, 12, 31), 95.0),
                       (dt.date(2026, 5, 31), 60.0), (dt.date(2026, 6, 30), 101.0)]}
    found = signals.signals([r], {TAAK.id: TAAK})
    assert [(s.kind, s.good) for s in found] == [("norm", True)]
    assert found[0].text == ("X haalt nu de norm (101%, norm 100%) sinds het vorige halfjaar "
                             "(2e helft 2025).")
    # 99,6% shows as 100%: it met the norm before too, so nothing crossed
    r["sparkline"][1] = (dt.date(2025, 12, 31), 99.6)
    assert signals.signals([r], {TAAK.id: TAAK}) == []


def test_no_signal_from_a_provisional_peildatum():
    ind = _ind(norm=40.0)
    r = _row(ind, value=42.0, denominator=400, personen=400, vorige_maand=39.0, vorig_jaar=30.0,
             vorig_jaar_noemer=400, vorig_jaar_personen=400)
    assert len(signals.signals([r], {ind.id: ind})) == 2
    assert signals.signals([r], {ind.id: ind}, provisional=True) == []


# --- the default peildatum -----------------------------------------------------------

def test_default_peildatum_is_the_newest_month_every_source_delivered():
    files = pd.DataFrame({
        "extract": ["inburgeraars", "coa_bezetting", "uitkeringen", "enquete"],
        "used": [True, True, True, True],
        "file_date": [dt.date(2026, 12, 7), dt.date(2026, 12, 31), dt.date(2026, 10, 31),
                      dt.date(2026, 12, 31)],
        "loaded_at": [pd.Timestamp("2026-12-08 09:00")] * 4})
    days = [dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2026, 11, 30), dt.date(2026, 12, 7)]
    d = pdefault.default(files, days)
    assert d.date == dt.date(2026, 10, 31) and d.deciding == ("uitkeringen",)
    # a December file delivered on 7 December is complete through November only
    assert d.complete["coa_bezetting"] == dt.date(2026, 11, 30)
    assert pdefault.is_provisional(dt.date(2026, 12, 7), d.date)
    assert pdefault.label(dt.date(2026, 11, 30), d.date) == "30 november 2026 (voorlopig)"


def test_a_mid_month_store_opens_on_the_previous_month_end_without_signals(demo_store):
    db, _ = demo_store
    assert DEMO_TODAY.day != 1 and not judgement.is_month_end(DEMO_TODAY)
    days = indicators.peildata(path=db)
    assert days[-1] == DEMO_TODAY                  # the load date is offered ...
    opts = indicators.filter_options(path=db)
    expected = judgement.last_month_end(DEMO_TODAY)
    assert opts["peildatum_default"] == expected == dt.date(2026, 10, 31)
    f, notices = filters_from_query({}, opts)     # ... the page opens on the month end
    assert f.peildatum == expected and notices == []
    assert opts["peildatum_bepaald_door"]
    rows = indicators.headline(Filters(peildatum=DEMO_TODAY), path=db).to_dict("records")
    inds = cat.by_id(cat.load(db))
    assert signals.signals(rows, inds, provisional=pdefault.is_provisional(DEMO_TODAY, expected)) == []


# --- every output says the same -----------------------------------------------------

def _slide_titles(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    return [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]


def test_tile_chart_slide_and_evaluation_row_agree(demo_store):
    db, _ = demo_store
    P = indicators.default_peildatum(db)
    f = Filters(peildatum=P)
    inds = cat.load(db)
    by_id = cat.by_id(inds)
    source = basket.StoreSource(db)
    tiles = {r["id"]: r for r in indicators.headline(f, path=db).to_dict("records")}
    base = evaluation.baseline(indicators.peildata(path=db), P)
    peildata = indicators.peildata(path=db)
    eval_rows = pd.concat([evaluation.indicator_rows(source, inds, f, base, c)
                           for c in pres.CLUSTERS]).set_index("Indicator")
    judged = {j.ind.id: j for j in evaluation.judged(source, inds, f, base, peildata)}
    built, checked = [], 0
    for ind in inds:
        if not ind.headline:
            continue
        tile = judgement.judge_headline(by_id[ind.id], tiles[ind.id])
        chart = basket.rebuild(f"{ind.id}/reeks", source, f)
        built.append(chart)
        assert chart.conclusion == tile.sentence, ind.id
        row = eval_rows.loc[ind.name]
        assert (row["Nu"], row[evaluation.JUDGED]) == (tile.now.label, judgement.status_text(tile)), \
            ind.id
        mine = judged[ind.id].judgement
        assert (mine.now.label, mine.status, mine.change, mine.sentence) == \
            (tile.now.label, tile.status, tile.change, tile.sentence), ind.id
        checked += 1
    assert checked >= 20
    titles = _slide_titles(deck.build(deck.DeckMeta("t", P, "r", "f"), built, [],
                                      render=stand_ins))
    for c in built:
        assert c.conclusion in titles
    # the taakstelling reads the same everywhere: running, no comparison
    taak = judgement.judge_headline(by_id["huisvesting.taakstelling_realisatie_pct"],
                                    tiles["huisvesting.taakstelling_realisatie_pct"])
    assert taak.now.running and taak.status is pres.RUNNING
    assert "(lopend)" in eval_rows.loc[by_id["huisvesting.taakstelling_realisatie_pct"].name, "Nu"]


def test_the_overview_page_prints_the_judgement_of_every_tile(demo_store, monkeypatch):
    """The rendered overview, not only the function behind it: every
    headline tile shows the judgement's value, status and sentence."""
    from streamlit.testing.v1 import AppTest

    from tests.test_pages import APP, TIMEOUT

    db, _ = demo_store
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    page = "\n".join(m.value for m in at.markdown)
    P = indicators.default_peildatum(db)
    tiles = {r["id"]: r for r in indicators.headline(Filters(peildatum=P), path=db).to_dict("records")}
    checked = 0
    for ind in cat.load(db):
        if not ind.headline:
            continue
        j = judgement.judge_headline(ind, tiles[ind.id])
        tile = next(m for m in page.split("<div class='im-ind'>")[1:]
                    if m.startswith(f"<div class='im-ind-name'>{ind.name}</div>"))
        assert f">{j.now.label}</span>" in tile and j.status.label in tile, ind.id
        assert f"<div class='im-sentence'>{j.sentence}</div>" in page, ind.id
        checked += 1
    assert checked >= 20


def test_a_running_half_year_is_lopend_in_the_gemeenten_chart_too(demo_store):
    db, _ = demo_store
    P = indicators.default_peildatum(db)
    assert pres.is_running("halfjaar", P)
    c = basket.rebuild(f"{TAAK.id}/gemeenten", basket.StoreSource(db), Filters(peildatum=P))
    assert "(lopend, voorlopig)" in c.conclusion and "lopend" in c.note


def test_the_taakstelling_reads_the_same_on_every_output(demo_store):
    """The realisatie taakstelling at the default peildatum (a running half
    year): the tile, the series, the gemeenten chart, the Huisvesting
    page's chart of the region, the evaluation row and the deck's slides
    all give the running value as provisional, and where they name the last
    completed half year they give the same one."""
    db, _ = demo_store
    P = indicators.default_peildatum(db)
    f = Filters(peildatum=P)
    inds = cat.load(db)
    taak = cat.by_id(inds)[TAAK.id]
    tile = judgement.judge_headline(taak, next(r for r in indicators.headline(f, path=db)
                                               .to_dict("records") if r["id"] == TAAK.id))
    assert tile.now.running and tile.status is pres.RUNNING
    assert tile.now.label.endswith(" (lopend)")
    now = tile.now.label.removesuffix(" (lopend)")  # "64%": as every output rounds it
    source = basket.StoreSource(db)
    keys = [f"{TAAK.id}/reeks", f"{TAAK.id}/gemeenten", "huisvesting.taakstelling/Hele regio"]
    built = [basket.rebuild(k, source, f) for k in keys]
    series, side, page = (c.conclusion for c in built)
    assert series == tile.sentence
    assert f"voorlopig {now}" in series and f"regio {now}" in side and f"voorlopig {now}" in page
    assert "lopend" in side and "(lopend)" in page
    # the last completed half year: the same period and value in the series and on the page
    last = series.split("Het laatste afgesloten halfjaar (")[1]
    period, value = last.split(")")[0], last.split(" was ")[1].rstrip(".")
    assert f"het laatste afgesloten halfjaar ({period})" in page and f"({value})" in page
    base = evaluation.baseline(indicators.peildata(path=db), P)
    rows = pd.concat([evaluation.indicator_rows(source, inds, f, base, c)
                      for c in pres.CLUSTERS]).set_index("Indicator")
    assert rows.loc[taak.name, "Nu"] == tile.now.label
    assert rows.loc[taak.name, evaluation.JUDGED] == judgement.status_text(tile)
    titles = _slide_titles(deck.build(deck.DeckMeta("t", P, "r", "f"), built, [],
                                      render=stand_ins))
    for c in built:
        assert c.conclusion in titles


def test_no_signal_is_tested_over_hours_or_an_administrative_count(demo_store, monkeypatch):
    """Over the demo store at its last twelve peildata: every chance test
    the signals run counts persons (the share's `personen`, never the hours
    of its denominator), and none runs for a fact (COA, taakstelling)."""
    db, _ = demo_store
    inds = cat.by_id(cat.load(db))
    calls = []
    real = signals.chance.clear_change

    def recording(before, n_before, now, n_now):
        calls.append((row["id"], n_before, n_now))
        return real(before, n_before, now, n_now)

    monkeypatch.setattr(signals.chance, "clear_change", recording)
    for P in indicators.peildata(path=db)[-12:]:
        for row in indicators.headline(Filters(peildatum=P), path=db).to_dict("records"):
            before = len(calls)
            signals.signals([row], inds)
            for _, n_before, n_now in calls[before:]:
                assert not judgement.is_fact(inds[row["id"]]), row["id"]
                assert (n_now, n_before) == (row["personen"], row["vorig_jaar_personen"])
                if not inds[row["id"]].counts_persons:
                    # hours under the share: the learners are far fewer
                    assert n_now < row["denominator"] / 10, row["id"]
    tested = {i for i, _, _ in calls}
    assert "taal.aanwezigheid_pct" in tested  # a share of hours was tested, over its learners
    assert not {i for i in tested if judgement.is_fact(inds[i])}
    facts = [i for i in inds if judgement.is_fact(inds[i]) and inds[i].unit == "pct"]
    assert facts  # the COA occupancy and the taakstelling are there, and never tested
