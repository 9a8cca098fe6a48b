"""Status against the norm, trend arrow and the generated sentence."""

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


def test_sentence_as_in_the_issue():
    series = [(dt.date(2024, 3, 31), 40.0), (dt.date(2024, 12, 31), 46.0), (dt.date(2025, 3, 31), 52.0)]
    s = pres.sentence("Het aandeel inburgeraars met een duaal traject", series, "pct",
                      since=dt.date(2024, 3, 1))
    assert s == ("Het aandeel inburgeraars met een duaal traject steeg van 40% naar 52% "
                 "sinds maart 2024.")


def test_sentence_falls_and_counts():
    series = [(dt.date(2025, 11, 30), 1250), (dt.date(2026, 11, 30), 980)]
    assert pres.sentence("De wachtlijst", series, "aantal") == \
        "De wachtlijst daalde van 1.250 naar 980 sinds november 2025."


def test_sentence_without_values():
    assert "geen waarde" in pres.sentence("X", [], "pct")


def test_framework_has_13_domains_in_4_clusters():
    assert len(pres.DOMAINS) == 13
    assert [len(pres.domains_of(c)) for c in pres.CLUSTERS] == [1, 5, 4, 3]
