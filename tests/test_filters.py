"""URL (de)serialisation of the filters: a copied link reopens the same view,
invalid parameters fall back to defaults with a Dutch notice."""

from __future__ import annotations

import datetime as dt

from monitor.filters import Filters, combination_conflict, filters_from_query, filters_to_query

P1, P2, P3 = dt.date(2026, 8, 31), dt.date(2026, 9, 30), dt.date(2026, 10, 31)
OPTIONS = {
    "peildatum": [P1, P2, P3],
    "gemeenten": ["GM0935", "GM0938", "GM0994", "GM1729", "GM0981"],
    "doelgroep": ["Asielstatushouder", "Nareiziger", "Gezinsmigrant", "Overig"],
    "geslacht": ["M", "V", "X"],
    "leeftijdsgroep": ["0-17", "18-26", "27-39", "40-54", "55+", "Onbekend"],
    "leerroute": ["B1", "B1-Entree", "Z", "Onderwijs", "Onbekend"],
    "cohort": ["2022", "2023", "2024", "Geen PIP"],
}


def test_empty_query_gives_defaults_without_notice():
    f, notices = filters_from_query({}, OPTIONS)
    assert f == Filters(peildatum=P3)
    assert notices == []


def test_round_trip():
    f = Filters(peildatum=P2, gemeenten=("GM0935", "GM0981"), leeftijdsgroep=("18-26", "27-39"))
    q = filters_to_query(f)
    assert q == {"peildatum": "2026-09-30", "gemeente": "GM0935,GM0981",
                 "leeftijd": "18-26,27-39"}
    back, notices = filters_from_query(q, OPTIONS)
    assert back == f and notices == []


def test_a_link_with_two_person_filters_keeps_the_first():
    """One dimension besides the gemeente per view (combination_conflict):
    a link that combines more keeps the first in the sidebar's order and
    says of each other one that it was left out."""
    q = {"gemeente": "GM0935", "doelgroep": "Nareiziger", "geslacht": "V", "leeftijd": "18-26"}
    f, notices = filters_from_query(q, OPTIONS)
    assert f == Filters(peildatum=P3, gemeenten=("GM0935",), doelgroep=("Nareiziger",))
    assert len(notices) == 2 and all("weggelaten" in n for n in notices)
    assert "Geslacht" in notices[0] and "Leeftijdsgroep" in notices[1]
    assert combination_conflict(f) == ()
    assert combination_conflict(f, "geslacht") == ("doelgroep", "geslacht")
    assert combination_conflict(Filters(geslacht=("V",), leeftijdsgroep=("18-26",))) == \
        ("geslacht", "leeftijdsgroep")
    assert combination_conflict(Filters(geslacht=("V", "M")), "geslacht") == ()


def test_defaults_are_left_out_but_peildatum_is_pinned():
    assert filters_to_query(Filters(peildatum=P3)) == {"peildatum": "2026-10-31"}


def test_repeated_keys_and_case_are_accepted():
    f, notices = filters_from_query({"gemeente": ["gm0935", "GM0938"], "geslacht": "v"}, OPTIONS)
    assert f.gemeenten == ("GM0935", "GM0938")
    assert f.geslacht == ("V",)
    assert notices == []


def test_unknown_gemeente_is_dropped_with_notice():
    f, notices = filters_from_query({"gemeente": "GM0935,GM9999"}, OPTIONS)
    assert f.gemeenten == ("GM0935",)
    assert len(notices) == 1 and "GM9999" in notices[0] and "genegeerd" in notices[0]


def test_invalid_peildatum_falls_back_to_newest():
    f, notices = filters_from_query({"peildatum": "31-12-2024"}, OPTIONS)
    assert f.peildatum == P3
    assert len(notices) == 1 and "geen geldige datum" in notices[0]


def test_peildatum_between_peildata_snaps_to_earlier():
    f, notices = filters_from_query({"peildatum": "2026-10-15"}, OPTIONS)
    assert f.peildatum == P2
    assert "eerdere peildatum" in notices[0]


def test_peildatum_before_all_data_falls_back_to_newest():
    f, notices = filters_from_query({"peildatum": "2001-01-01"}, OPTIONS)
    assert f.peildatum == P3 and notices


def test_unknown_value_of_other_filters():
    f, notices = filters_from_query({"doelgroep": "Toerist", "cohort": "1999",
                                     "leeftijd": "27-39"}, OPTIONS)
    assert f.doelgroep == () and f.cohort == () and f.leeftijdsgroep == ("27-39",)
    assert len(notices) == 2


def test_all_gemeenten_is_the_region():
    f, _ = filters_from_query({"gemeente": ",".join(OPTIONS["gemeenten"])}, OPTIONS)
    assert f.gemeenten == ()
    f, _ = filters_from_query({"gemeente": "regio"}, OPTIONS)
    assert f.gemeenten == ()


def test_other_parameters_belong_to_pages():
    f, notices = filters_from_query({"scenario": "a", "embed": "true"}, OPTIONS)
    assert notices == [] and f == Filters(peildatum=P3)


def test_hostile_input_is_echoed_short_and_printable():
    _, notices = filters_from_query({"gemeente": "<script>" + "x" * 100 + "\n"}, OPTIONS)
    assert len(notices) == 1 and "\n" not in notices[0] and len(notices[0]) < 120
