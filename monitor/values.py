"""Indicator units, in one place: which units are percentages, counts or
medians, how an axis is titled, and the single rounding of a shown value.
The value itself is made in SQL (sql/queries/cube_cells.sql)."""

from __future__ import annotations

import pandas as pd

from .formatting import rounded_half_up

#: numerator / denominator, on a 0-100 scale
PERCENT_UNITS = frozenset({"pct", "score"})
#: the numerator itself
COUNT_UNITS = frozenset({"aantal"})
#: a weighted median over per-value rows; numerator carries no count
MEDIAN_UNITS = frozenset({"dagen", "uren"})
#: numerator / denominator as it is: a mean per learner, the numerator a sum
#: over the learners (not a count of persons), the denominator the learners
MEAN_UNITS = frozenset({"per_cursist"})
#: numerator / denominator: shown with both beside the value
RATIO_UNITS = PERCENT_UNITS | MEAN_UNITS
#: summing cells over any dimension keeps the value right
ADDITIVE_UNITS = PERCENT_UNITS | COUNT_UNITS | MEAN_UNITS

AXIS_TITLES = {"pct": "%", "score": "%", "dagen": "dagen", "uren": "uren", "aantal": "aantal",
               "per_cursist": "gemiddeld per cursist"}


def is_percent(unit: str | None) -> bool:
    return (unit or "") in PERCENT_UNITS


def axis_title(unit: str | None) -> str:
    return AXIS_TITLES.get(unit or "", "aantal")


def rounded(value, unit: str | None) -> float | None:
    """The value as it is shown and exported: one decimal. Rounding happens
    once, here, so a figure and its comparison never round twice."""
    if value is None or pd.isna(value):
        return None
    return float(rounded_half_up(value, 1))
