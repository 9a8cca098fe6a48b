"""Units and the one place where an indicator value is made from its cell.

Every path that shows or exports a figure (pages, export, charts) turns
(eenheid, numerator, denominator, median) into a value here, so a
percentage, a count and a median mean the same thing everywhere.
"""

from __future__ import annotations

import pandas as pd

#: numerator / denominator, on a 0-100 scale
PERCENT_UNITS = frozenset({"pct", "score"})
#: the numerator itself
COUNT_UNITS = frozenset({"aantal"})
#: a weighted median over per-value rows; numerator carries no count
MEDIAN_UNITS = frozenset({"dagen", "uren"})
#: summing cells over any dimension keeps the value right
ADDITIVE_UNITS = PERCENT_UNITS | COUNT_UNITS

AXIS_TITLES = {"pct": "%", "score": "%", "dagen": "dagen", "uren": "uren", "aantal": "aantal"}


def is_percent(unit: str | None) -> bool:
    return (unit or "") in PERCENT_UNITS


def axis_title(unit: str | None) -> str:
    return AXIS_TITLES.get(unit or "", "aantal")


def with_values(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with a `value` column: 100·numerator/denominator for percentages
    (none where the denominator is 0), the numerator for counts, the
    `median` column for medians. Needs columns eenheid, numerator,
    denominator and, for medians, median."""
    out = df.copy()
    if out.empty:
        out["value"] = pd.Series(dtype=object)
        return out
    num = pd.to_numeric(out["numerator"], errors="coerce").astype(float)
    den = pd.to_numeric(out["denominator"], errors="coerce").astype(float)
    median = (pd.to_numeric(out["median"], errors="coerce").astype(float)
              if "median" in out else pd.Series(float("nan"), index=out.index))
    unit = out["eenheid"]
    value = (100.0 * num / den).where(den > 0)
    value = value.where(~unit.isin(COUNT_UNITS), num)
    value = value.where(~unit.isin(MEDIAN_UNITS), median)
    out["value"] = value.astype(object).where(value.notna(), None)
    return out


def rounded(value, unit: str | None) -> float | None:
    """The value as it is shown and exported: one decimal. Rounding happens
    once, here, so a figure and its comparison never round twice."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), 1)
