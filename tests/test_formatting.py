"""Dutch display formatting: separators, rounding, signs, dates, periods."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.formatting import (
    MISSING, date_nl, date_short_nl, datetime_nl, euro, euro_compact, month_nl, number,
    pct, period_nl, to_decimal,
)


@pytest.mark.parametrize("x, cents, expected", [
    (Decimal("1234.56"), True, "€ 1.234,56"),
    (Decimal("14484.94"), True, "€ 14.484,94"),
    (Decimal("299213.96"), True, "€ 299.213,96"),
    (12252, True, "€ 12.252,00"),
    (Decimal("99737.9866"), True, "€ 99.737,99"),
    (Decimal("576013"), False, "€ 576.013"),
    (Decimal("-4813"), False, "€ -4.813"),
    (Decimal("-4813"), True, "€ -4.813,00"),
    (0, True, "€ 0,00"),
    (Decimal("999.995"), True, "€ 1.000,00"),
    (Decimal("0.5"), False, "€ 1"),          # half-up, not banker's rounding
    (Decimal("2.5"), False, "€ 3"),
    (Decimal("-0.004"), True, "€ 0,00"),     # no "minus zero"
    (1234567890, False, "€ 1.234.567.890"),
    (8870.51, True, "€ 8.870,51"),           # floats via their shortest repr
    (0.1 + 0.2, True, "€ 0,30"),
    ("645205", False, "€ 645.205"),
])
def test_euro(x, cents, expected):
    assert euro(x, cents=cents) == expected


def test_euro_signed_for_differences():
    assert euro(Decimal("4813"), cents=False, signed=True) == "€ +4.813"
    assert euro(Decimal("-4813"), cents=False, signed=True) == "€ -4.813"
    assert euro(0, cents=False, signed=True) == "€ 0"


@pytest.mark.parametrize("x", [None, float("nan"), Decimal("NaN"), pd.NA, pd.NaT, "abc",
                               float("inf")])
def test_missing_is_en_dash(x):
    assert MISSING == "–"
    assert euro(x) == MISSING
    assert number(x) == MISSING
    assert pct(x) == MISSING


@pytest.mark.parametrize("x, decimals, expected", [
    (1250, 0, "1.250"),
    (1250.5, 1, "1.250,5"),
    (999, 0, "999"),
    (1000, 0, "1.000"),
    (-1250, 0, "-1.250"),
    (Decimal("7.17"), 2, "7,17"),
    (0, 0, "0"),
    (123456789, 0, "123.456.789"),
])
def test_number(x, decimals, expected):
    assert number(x, decimals) == expected


@pytest.mark.parametrize("x, decimals, expected", [
    (0.125, 1, "12,5%"),
    (Decimal("0.6723"), 2, "67,23%"),
    (0.4, 0, "40%"),
    (1, 1, "100,0%"),
    (-0.05, 1, "-5,0%"),
    (0.00049, 1, "0,0%"),
])
def test_pct_takes_a_fraction(x, decimals, expected):
    assert pct(x, decimals) == expected


def test_pct_signed():
    assert pct(0.1, 1, signed=True) == "+10,0%"


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_number_round_trips_through_dutch_notation(n):
    text = number(n)
    assert int(text.replace(".", "")) == n
    groups = text.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_euro_round_trips_to_the_cent(d):
    text = euro(d)
    assert text.startswith("€ ")
    parsed = Decimal(text[2:].replace(".", "").replace(",", "."))
    assert parsed == d


@pytest.mark.parametrize("d, expected", [
    (dt.date(2024, 12, 31), "31 december 2024"),
    (dt.date(2024, 1, 1), "1 januari 2024"),
    (dt.datetime(2023, 11, 14, 9, 30), "14 november 2023"),
    (pd.Timestamp("2024-03-05"), "5 maart 2024"),
    ("2024-05-17", "17 mei 2024"),
    (None, "–"),
    (pd.NaT, "–"),
    ("geen datum", "–"),
])
def test_date_nl(d, expected):
    assert date_nl(d) == expected


def test_date_short_and_datetime():
    assert date_short_nl(dt.date(2024, 1, 5)) == "05-01-2024"
    assert datetime_nl(dt.datetime(2023, 11, 14, 9, 5)) == "14 november 2023 om 09:05"
    assert datetime_nl(pd.Timestamp("2024-02-29 17:45")) == "29 februari 2024 om 17:45"
    assert datetime_nl(None) == "–"


@pytest.mark.parametrize("d, expected", [
    (dt.date(2024, 12, 31), "december 2024"),
    (dt.date(2025, 3, 1), "maart 2025"),
    ("2024-06", "juni 2024"),
    ("2024-13", "–"),
    (None, "–"),
])
def test_month_nl(d, expected):
    assert month_nl(d) == expected


@pytest.mark.parametrize("p, expected", [
    ("2024-1", "1e helft 2024"),
    ("2024-2", "2e helft 2024"),
    ("2025-H1", "1e helft 2025"),
    ("2024-Q3", "3e kwartaal 2024"),
    ("2024-q1", "1e kwartaal 2024"),
    ("2024-06", "juni 2024"),
    ("2024", "2024"),
    (2024, "2024"),
    ("onbekend", "onbekend"),
    (None, "–"),
])
def test_period_nl(p, expected):
    assert period_nl(p) == expected


def test_euro_compact():
    assert euro_compact(1_250_000) == "€ 1,25 mln"
    assert euro_compact(2_100_000_000) == "€ 2,1 mld"
    assert euro_compact(645205) == "€ 645.205"
    assert euro_compact(-1_500_000) == "€ -1,50 mln"


def test_to_decimal():
    assert to_decimal(8870.51) == Decimal("8870.51")
    assert to_decimal(True) == Decimal(1)
    assert to_decimal(math.nan) is None
