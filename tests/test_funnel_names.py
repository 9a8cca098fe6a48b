"""Names in a funnel plot: the chosen gemeente and those outside the limits
are named in the plot only where the names stay legible (nationally a dozen
outliers printed over each other and over the legend, on a council slide);
otherwise the caption names them. Built on given rows, as the comparison
model's own tests are."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from monitor import charts
from monitor import compare as cmp
from monitor.catalogue import Indicator

P = dt.date(2026, 11, 30)
IND = Indicator(id="x.pct", domain="3.2", name="Duaal traject", definition="", unit="pct",
                sources=("inburgeraars",), norm=None, norm_text=None, norm_source=None,
                direction="hoger_beter", frequency="maand", headline=True,
                counts_persons=True, reference=True)


def _by_gemeente(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """(code, numerator, denominator) per gemeente, as by_gemeente gives them."""
    num = sum(r[1] for r in rows)
    den = sum(r[2] for r in rows)
    return pd.DataFrame({
        "member": ["Totaal"] + [c for c, _, _ in rows],
        "naam": ["Regio"] + [f"Gemeente {c}" for c, _, _ in rows],
        "is_total": [True] + [False] * len(rows),
        "suppressed": [False] * (len(rows) + 1),
        "value": [100 * num / den] + [100 * n / d for _, n, d in rows],
        "numerator": [float(num)] + [float(n) for _, n, _ in rows],
        "denominator": [float(den)] + [float(d) for _, _, d in rows]})


def _funnel(rows, focal="G00"):
    bg = _by_gemeente(rows)
    members = [c for c, _, _ in rows]
    comp = cmp.compare_indicator("x.pct", bg, members, focal, f"Gemeente {focal}", "alle",
                                 "alle gemeenten")
    return comp, charts.funnel_plot(IND, comp, P)


def _named_in_plot(chart) -> list[str]:
    return [t for tr in chart.figure.data if tr.text is not None for t in tr.text if t]


def _rows(outliers_high: int, outliers_low: int, seed: int = 1):
    """Forty gemeenten at ~50% of 100-2.000 persons, the focal one among
    them, and some far outside every limit."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(40):
        den = int(rng.integers(100, 2000))
        rows.append((f"G{i:02d}", int(rng.binomial(den, 0.5)), den))
    for i in range(outliers_high):
        rows.append((f"H{i:02d}", 190 + i, 200 + i))  # ~95%
    for i in range(outliers_low):
        rows.append((f"L{i:02d}", 10 + i, 400 + 50 * i))  # ~3%
    return rows


def test_many_outliers_are_named_in_the_caption_not_over_each_other():
    comp, chart = _funnel(_rows(outliers_high=6, outliers_low=2))
    outside = set(comp.funnel.points.loc[comp.funnel.points["oordeel"] != "binnen", "naam"])
    assert len(outside) >= 8
    # in the plot only the chosen gemeente
    assert _named_in_plot(chart) == ["Gemeente G00"]
    note = chart.note or ""
    assert "buiten de 99,8%-grenzen" in note
    assert all(n in note for n in outside)
    assert "duidelijk hoger" in note and "duidelijk lager" in note


def test_a_few_outliers_far_apart_are_named_in_the_plot():
    rows = _rows(0, 0) + [("H00", 190, 200), ("L00", 10, 1900)]
    comp, chart = _funnel(rows)
    outside = set(comp.funnel.points.loc[comp.funnel.points["oordeel"] != "binnen", "naam"])
    assert outside == {"Gemeente H00", "Gemeente L00"}
    assert set(_named_in_plot(chart)) == outside | {"Gemeente G00"}
    assert "buiten de 99,8%-grenzen" not in (chart.note or "")


def test_two_outliers_side_by_side_go_to_the_caption():
    # the same size and nearly the same share: their names would overlap
    rows = _rows(0, 0) + [("H00", 190, 200), ("H01", 191, 201)]
    comp, chart = _funnel(rows)
    assert _named_in_plot(chart) == ["Gemeente G00"]
    assert "Gemeente H00" in chart.note and "Gemeente H01" in chart.note


def test_a_name_at_the_top_of_the_plot_goes_below_its_point():
    positions, crowded = charts._name_layout(["A", "", "B"], [100, 500, 1000], [100.0, 50, 2],
                                             reference=50, log_x=True, y_range=(0, 100))
    assert positions == ["bottom center", "", "top center"] and not crowded
    # the plot spans 100-2.000 persons (the unnamed point)
    positions, crowded = charts._name_layout(["Gemeente A", "Gemeente B", ""], [100, 101, 2000],
                                             [60.0, 60.5, 50], reference=50, log_x=True,
                                             y_range=(0, 100))
    # side by side: one above, one below, apart far enough
    assert sorted(positions) == ["", "bottom center", "top center"] and not crowded
    positions, crowded = charts._name_layout(["Gemeente A", "Gemeente B", "Gemeente C", ""],
                                             [100, 101, 102, 2000], [60.0, 60.5, 61.0, 50],
                                             reference=50, log_x=True, y_range=(0, 100))
    assert crowded  # a third name lands on one of the other two
