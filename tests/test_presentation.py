"""Status against the norm, trend arrow, the value as shown and the signals."""

import datetime as dt

from monitor import presentation as pres


def test_status_direction_aware():
    assert pres.status(52, 40, "hoger_beter") is pres.ON_TRACK
    assert pres.status(37, 40, "hoger_beter") is pres.ATTENTION
    assert pres.status(20, 40, "hoger_beter") is pres.OFF_TRACK
    assert pres.status(600, 650, "lager_beter") is pres.ON_TRACK
    assert pres.status(700, 650, "lager_beter") is pres.ATTENTION
    assert pres.status(800, 650, "lager_beter") is pres.OFF_TRACK
    assert pres.status(3, 0, "lager_beter") is pres.OFF_TRACK
    assert pres.status(10, None, "hoger_beter") is pres.NO_NORM
    assert pres.status(10, 5, "neutraal") is pres.INFO
    assert pres.status(None, 5, "hoger_beter") is pres.UNKNOWN


def test_status_never_colour_alone():
    for s in pres.STATUSES:
        assert s.symbol and s.label


def test_trend_arrow():
    assert pres.trend_arrow(40, 52) == "↗"
    assert pres.trend_arrow(52, 40) == "↘"
    assert pres.trend_arrow(40, 40.2) == "→"
    assert pres.trend_arrow(None, 40) == ""


def test_framework_has_13_domains_in_4_clusters():
    assert len(pres.DOMAINS) == 13
    assert [len(pres.domains_of(c)) for c in pres.CLUSTERS] == [1, 5, 4, 3]


def test_words_arrow_and_judgement_agree_on_shown_values():
    # 86,4% and 85,6% both show as 86%: no rise, no fall, anywhere
    assert pres.change(86.4, 85.6, "pct") == "bleef"
    assert pres.trend_arrow(86.4, 85.6, "pct") == "→"
    assert pres.judge(85.6, 86.4, None, "hoger_beter", "pct") is pres.SAME
    # 2,9% vs 3,1%: shown differently, so it moved
    assert pres.change(2.9, 3.1, "pct") == "steeg"
    assert pres.judge(3.1, 2.9, None, "lager_beter", "pct") is pres.WORSE
    assert pres.judge(3.1, 2.9, None, "hoger_beter", "pct") is pres.BETTER
    assert pres.judge(3.1, 2.9, None, "neutraal", "pct") is pres.HIGHER_NEUTRAL
    assert pres.judge(3.1, None, None, "hoger_beter", "pct") is pres.NO_COMPARISON


def test_a_norm_is_always_judged_and_a_running_period_never():
    assert pres.judge(79, 70, 80, "neutraal", "pct") is pres.ATTENTION
    assert pres.judge(81, 70, 80, "neutraal", "pct") is pres.ON_TRACK
    assert pres.judge(59, 70, 100, "hoger_beter", "pct", running=True) is pres.RUNNING


def test_wilson_interval_by_hand():
    from monitor.chance import clearly_different, wilson

    # p = 0.5, n = 100: centre 0.5, half-width 1.96*sqrt(.25/100 + 1.96²/40000)/(1 + 1.96²/100)
    lo, hi = wilson(50, 100)
    assert round(lo, 2) == 40.38 and round(hi, 2) == 59.62
    assert wilson(0, 20)[0] == 0.0
    assert wilson(None, 10) is None
    assert not clearly_different(wilson(50, 100), wilson(55, 100))
    assert clearly_different(wilson(30, 400), wilson(50, 400))


def test_signals_norm_crossing_and_clear_change():
    from monitor.catalogue import Indicator
    from monitor.signals import signals

    ind = Indicator(id="werk.duaal_pct", domain="2.3", name="Duaal traject", definition="",
                    unit="pct", sources=("inburgeraars",), norm=40.0, norm_text=None,
                    norm_source=None, direction="hoger_beter", frequency="maand", headline=True,
                    counts_persons=True, reference=True)
    rows = [{"id": ind.id, "peildatum": dt.date(2026, 11, 30), "value": 42.0, "denominator": 400,
             "personen": 400, "vorige_maand": 39.0, "vorig_jaar": 30.0, "vorig_jaar_noemer": 400,
             "vorig_jaar_personen": 400, "vorig_jaar_peildatum": dt.date(2025, 11, 30),
             "suppressed": False}]
    found = signals(rows, {ind.id: ind})
    assert [s.kind for s in found] == ["norm", "verandering"]
    assert found[0].good is True and "haalt nu de norm" in found[0].text
    assert "duidelijk gestegen (meer dan toeval)" in found[1].text and "Wilson" not in found[1].text
    rows[0].update(vorige_maand=41.0, vorig_jaar=40.0, vorig_jaar_noemer=50, vorig_jaar_personen=50)
    assert signals(rows, {ind.id: ind}) == []


def test_a_survey_change_within_its_uncertainty_is_no_rise_or_fall():
    assert pres.judge(63, 69, None, "hoger_beter", "pct", significant=False) is pres.NO_CLEAR_CHANGE
    assert pres.judge(63, 69, None, "hoger_beter", "pct", significant=True) is pres.WORSE
