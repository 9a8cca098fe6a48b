"""The one URL codec: values read as a Dutch user types them, ambiguous or
invalid ones refused with a Dutch reason, and what is written reads back
the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor import urlstate


@pytest.mark.parametrize("typed, value", [
    ("9500", D("9500")),
    ("9.500", D("9500")),              # Dutch thousands
    ("1.234.567", D("1234567")),
    ("10.450,50", D("10450.50")),
    ("8870,51", D("8870.51")),
    ("9500.5", D("9500.5")),           # machine notation (our own links)
    ("0.6723", D("0.6723")),
    ("0.672", D("0.672")),             # a leading 0 is never a thousands group
    ("0,500", D("0.5")),
    ("-4.813", D("-4813")),
    ("€ 10.450", D("10450")),
    (" 12 ", D("12")),
    ("67,23%", D("0.6723")),
])
def test_numbers_as_typed(typed, value):
    assert urlstate.parse_number(typed) == value


@pytest.mark.parametrize("typed, reason", [
    ("9,500.50", "Engelse notatie"),
    ("9,500", "niet eenduidig"),
    ("1.234.5", "geen geldig getal"),
    ("12.34.567", "geen geldig getal"),
    ("1.2,3", "geen geldig getal"),
    ("abc", "geen getal"),
    ("", "geen getal"),
    ("nan", "geen getal"),
    ("1e5", "geen getal"),
])
def test_ambiguous_or_invalid_numbers_are_refused(typed, reason):
    with pytest.raises(urlstate.UrlValueError) as exc:
        urlstate.parse_number(typed)
    assert reason in str(exc.value)


def test_whole_numbers():
    assert urlstate.parse_int("1.200") == 1200
    assert urlstate.parse_int("134") == 134
    with pytest.raises(urlstate.UrlValueError, match="geheel"):
        urlstate.parse_int("1,5")


def test_dates_booleans_choices():
    assert urlstate.parse_date("2026-10-31") == dt.date(2026, 10, 31)
    with pytest.raises(urlstate.UrlValueError, match="JJJJ-MM-DD"):
        urlstate.parse_date("31-10-2026")
    assert urlstate.parse_bool("ja") and not urlstate.parse_bool("0")
    with pytest.raises(urlstate.UrlValueError):
        urlstate.parse_bool("misschien")
    assert urlstate.parse_choice("DEKKING", ["geen", "dekking"]) == "dekking"


def test_parameter_values_repeated_or_comma_separated():
    assert urlstate.values({"g": ["a,b", " c "]}, "g") == ["a", "b", "c"]
    assert urlstate.values({}, "g") == [] and urlstate.last(["1", "2"]) == "2"


def test_echo_is_short_and_printable():
    text = urlstate.echo("<script>\n" + "x" * 100)
    assert "\n" not in text and text == "\\<script>" + "x" * 21 + "…"
    assert urlstate.echo("![p](https://e.nl/p.png)") == "!\\[p\\](https\u2060\\://e.nl/p.png)"


def test_encoding_avoids_a_three_digit_fraction():
    assert urlstate.encode_number(D("1.234")) == "1.2340"
    assert urlstate.encode_number(D("0.672")) == "0.672"
    assert urlstate.encode_number(D("9500.00")) == "9500"
    assert urlstate.encode_number(D("500000.50")) == "500000.5"


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False,
                   allow_infinity=False))
def test_what_is_written_reads_back_the_same(value):
    assert urlstate.parse_number(urlstate.encode_number(value)) == value
