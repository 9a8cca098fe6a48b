"""Disclosure control, in one place (indicators.md, "Disclosure control").

Every table that leaves the store for a page, a download or the export passes
through `protect`. Pure pandas and numpy: no Streamlit, no DuckDB.

Rules
- primary, per cell:
  - counts (eenheid `aantal`): a value of 1 to 4 is suppressed ("<5");
  - percentages (`pct`, `score`): shown only where the denominator is at
    least 10; where the denominator is not itself a number of persons (hours,
    places), also the number of persons must be at least 10. A shown
    percentage whose numerator counts 1-4 persons keeps its value, but the
    numerator itself is not printed (a count of 1-4 is never printed);
  - medians (`dagen`, `uren`): shown only over at least 10 persons.
- secondary, among siblings: a table may hold groups of siblings with their
  total (`is_total`). Where the total is shown, no suppressed sibling may be
  derivable as total minus the shown siblings: if exactly one sibling is
  suppressed, or the suppressed siblings together would themselves be a
  disclosive cell (a count of 1-4, a denominator under 10), one more shown
  sibling is suppressed, until that no longer holds: a residual category
  (X, Onbekend, Overig, Niet gehuisvest…) first, a focus group of the programme (Vrouw) last,
  else the smallest. If the total
  itself is suppressed nothing can be subtracted from it. Medians are not
  additive and get no secondary suppression.
- a suppressed cell has value, numerator and denominator None (never 0), the
  flag `suppressed`, a display text ("<5" or "–") and a Dutch reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import dimensions as dims
from .values import ADDITIVE_UNITS, MEDIAN_UNITS

MIN_COUNT = 5  # counts 1 .. MIN_COUNT-1 are never shown
MIN_DENOMINATOR = 10  # percentages and medians need at least this many

REASON_SMALL = "Minder dan 5 personen: niet getoond om herleidbaarheid te voorkomen."
REASON_DENOMINATOR = "Percentage niet getoond: berekend over minder dan 10 personen."
REASON_MEDIAN = "Mediaan niet getoond: berekend over minder dan 10 personen."
REASON_SECONDARY = ("Niet getoond zodat een andere verborgen waarde niet uit het totaal "
                    "en de andere waarden terug te rekenen is.")
NOTE_NUMERATOR = "Teller niet getoond: minder dan 5 personen."

# Which sibling secondary suppression gives up first: a residual category
# tells a reader least, a focus group of the programme (seed 002,
# aandachtspunten: vrouwelijke inburgeraars) most.
# Both are declared per dimension (monitor/dimensions.py).
RESIDUAL_MEMBERS = dims.RESIDUAL_MEMBERS
FOCUS_MEMBERS = dims.FOCUS_MEMBERS


def hide_rank(member) -> int:
    """0 = hide first (residual), 1 = ordinary, 2 = hide last (focus group)."""
    if member in RESIDUAL_MEMBERS:
        return 0
    return 2 if member in FOCUS_MEMBERS else 1


def _is_small(x) -> bool:
    return x is not None and not _isnan(x) and 0 < x < MIN_COUNT


def _isnan(x) -> bool:
    try:
        return math.isnan(x)
    except TypeError:
        return False


def _num(x) -> float:
    return 0.0 if x is None or _isnan(x) else float(x)


def primary_reason(unit: str, numerator, denominator, persons) -> str | None:
    """Why a single cell may not be shown; None when it may."""
    if unit == "aantal":
        return REASON_SMALL if _is_small(numerator) or _is_small(persons) else None
    if unit in MEDIAN_UNITS:
        return REASON_MEDIAN if _num(persons) < MIN_DENOMINATOR and _num(persons) > 0 else None
    # percentages (and scores)
    den = _num(denominator)
    if den == 0 and _num(persons) == 0:
        return None  # no data at all: nothing to protect, value stays empty
    if den < MIN_DENOMINATOR:
        return REASON_DENOMINATOR
    if _num(persons) < MIN_DENOMINATOR:
        return REASON_DENOMINATOR
    return None


def _floats(column: pd.Series) -> np.ndarray:
    """A value column as floats, None and NaN both NaN."""
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _zero_missing(x: np.ndarray) -> np.ndarray:
    """_num over an array: NaN as 0, infinities kept."""
    return np.where(np.isnan(x), 0.0, x)


def _small(x: np.ndarray) -> np.ndarray:
    """_is_small over an array (NaN compares false, as None is never small)."""
    return (x > 0) & (x < MIN_COUNT)


def _primary_hidden(is_count: np.ndarray, is_median: np.ndarray, num: np.ndarray,
                    den: np.ndarray, persons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """primary_reason over whole columns: (hidden, hidden as "<5")."""
    small = is_count & (_small(num) | _small(persons))
    per0 = _zero_missing(persons)
    den0 = _zero_missing(den)
    median = is_median & (per0 > 0) & (per0 < MIN_DENOMINATOR)
    no_data = (den0 == 0) & (per0 == 0)
    percent = ~is_count & ~is_median & ~no_data & (
        (den0 < MIN_DENOMINATOR) | (per0 < MIN_DENOMINATOR))
    return small | median | percent, small


def _secondary(codes: np.ndarray, is_total: np.ndarray, additive: np.ndarray,
               is_count: np.ndarray, public: np.ndarray, suppressed: np.ndarray,
               ranks: np.ndarray, nums: np.ndarray, dens: np.ndarray,
               pers: np.ndarray) -> np.ndarray:
    """Rows that secondary suppression hides, as positions.

    Every group takes its eenheid from its first row. All groups take one
    step together per round: a group stops as soon as it has no hidden or
    no shown sibling, or two or more hidden siblings whose sums are not a
    disclosive cell; the others hide their next shown sibling (lowest
    hide_rank, size, persons, position). Rounds are as many as the most
    steps one group needs, and each round only looks at the groups still
    going. Sums are taken in row order (bincount adds in input order), so a
    decision at a threshold is the one a plain running sum gives."""
    n_groups = int(codes.max()) + 1
    positions = np.arange(len(codes))
    first = np.full(n_groups, len(codes))
    np.minimum.at(first, codes, positions)
    eligible = (additive[first]
                & (np.bincount(codes, weights=is_total, minlength=n_groups) > 0)
                & (np.bincount(codes, weights=~is_total, minlength=n_groups) > 0)
                & ~(np.bincount(codes, weights=is_total & suppressed, minlength=n_groups) > 0)
                & ~(np.bincount(codes, weights=public, minlength=n_groups) > 0))
    rows = positions[eligible[codes] & ~is_total]
    if not len(rows):
        return rows
    group_count = is_count[first]
    group = codes[rows]
    hidden = suppressed[rows].copy()
    num, den, per, rank = nums[rows], dens[rows], pers[rows], ranks[rows]
    siblings = np.bincount(group, minlength=n_groups)
    order = None
    taken = []
    while len(rows):
        n_hidden = np.bincount(group, weights=hidden, minlength=n_groups)
        s_num = np.bincount(group, weights=np.where(hidden, num, 0.0), minlength=n_groups)
        s_den = np.bincount(group, weights=np.where(hidden, den, 0.0), minlength=n_groups)
        s_per = np.bincount(group, weights=np.where(hidden, per, 0.0), minlength=n_groups)
        unsafe = np.where(group_count, (s_num > 0) & (s_num < MIN_COUNT),
                          ((s_den > 0) & (s_den < MIN_DENOMINATOR))
                          | ((s_per > 0) & (s_per < MIN_DENOMINATOR)))
        going = (n_hidden > 0) & (n_hidden < siblings) & ((n_hidden < 2) | unsafe)
        keep = going[group]
        if not keep.any():
            break
        if not keep.all():
            # drop the finished groups; order stays a permutation of the rest
            if order is not None:
                new_position = np.cumsum(keep) - 1
                order = new_position[order[keep[order]]]
            rows, group, hidden = rows[keep], group[keep], hidden[keep]
            num, den, per, rank = num[keep], den[keep], per[keep], rank[keep]
        if order is None:
            # within a group, the order in which shown siblings are given up;
            # sorted only for the few groups that take a step at all
            size = np.where(group_count[group], num, den)
            order = np.lexsort((rows, per, size, rank, group))
        candidates = order[~hidden[order]]
        cgroup = group[candidates]
        step = candidates[np.r_[True, cgroup[1:] != cgroup[:-1]]]
        hidden[step] = True
        taken.append(rows[step])
    return np.concatenate(taken) if taken else rows[:0]


class _Decision(NamedTuple):
    suppressed: np.ndarray  # primary or secondary
    secondary: np.ndarray
    small: np.ndarray  # a count of 1-4: shown as "<5"
    is_count: np.ndarray
    is_median: np.ndarray
    numerator: np.ndarray  # as floats, NaN where missing


def _decide(df: pd.DataFrame, unit, group_by: Iterable[str], numerator_is_persons,
            member: str | None) -> _Decision:
    """Which cells of df (positionally) are suppressed, and why."""
    n = len(df)

    def floats(col):
        return _floats(df[col]) if col in df else np.full(n, np.nan)

    units = df["eenheid"] if "eenheid" in df else pd.Series([unit or "pct"] * n)
    is_count = (units == "aantal").to_numpy(dtype=bool)
    is_median = units.isin(MEDIAN_UNITS).to_numpy(dtype=bool)
    nums, dens, pers = floats("numerator"), floats("denominator"), floats("persons")
    public = (df["openbaar"].fillna(False).astype(bool).to_numpy() if "openbaar" in df
              else np.zeros(n, dtype=bool))
    suppressed, small = _primary_hidden(is_count, is_median, nums, dens, pers)
    suppressed &= ~public
    small &= ~public
    secondary = np.zeros(n, dtype=bool)

    group_by = list(group_by)
    if "is_total" in df and df["is_total"].any():
        codes = (df.groupby(group_by, sort=False, dropna=False).ngroup().to_numpy()
                 if group_by else np.zeros(n, dtype=np.int64))
        # bool() per cell, as a plain truth test reads None and NaN
        is_total = df["is_total"].to_numpy().astype(bool)
        if member and member in df:
            members = df[member]
            ranks = np.where(members.isin(RESIDUAL_MEMBERS).to_numpy(dtype=bool), 0,
                             np.where(members.isin(FOCUS_MEMBERS).to_numpy(dtype=bool), 2, 1))
        else:
            ranks = np.ones(n, dtype=np.int64)
        secondary[_secondary(codes, is_total, units.isin(ADDITIVE_UNITS).to_numpy(dtype=bool),
                             is_count, public, suppressed, ranks,
                             _zero_missing(nums), _zero_missing(dens),
                             _zero_missing(pers))] = True
        suppressed |= secondary
    return _Decision(suppressed, secondary, small, is_count, is_median, nums)


def suppressed_mask(df: pd.DataFrame, unit: str | None = None, group_by: Iterable[str] = (),
               member: str | None = None) -> np.ndarray:
    """Per row of df (by position), whether `protect` with the same
    arguments suppresses it: the same decision, without building the
    output, for callers that only need to know which cells are hidden."""
    if df.empty:
        return np.zeros(0, dtype=bool)
    return _decide(df, unit, group_by, True, member).suppressed


def protect(df: pd.DataFrame, unit: str | pd.Series | None = None,
            group_by: Iterable[str] = (), numerator_is_persons=True,
            member: str | None = None) -> pd.DataFrame:
    """Apply disclosure control to a result table.

    df needs columns value, numerator, denominator, persons; optionally
    `eenheid` (per row; else `unit` for all rows), `teller_personen`, and
    `is_total` marking the total of each group of siblings (rows with equal
    `group_by` values); `member` names the column whose value decides which
    sibling secondary suppression gives up first (hide_rank). Rows with a
    true `openbaar` column are public figures: never suppressed. Returns a copy with value/numerator/denominator None
    where suppressed, plus columns suppressed, weergave, reden; `persons` is
    dropped so it can never leak.

    Column-wise throughout: nationally one table holds ~10^6 cells.
    """
    out = df.copy().reset_index(drop=True)
    if out.empty:
        for col, default in (("suppressed", False), ("weergave", None), ("reden", None)):
            out[col] = pd.Series(dtype=object if col != "suppressed" else bool)
        return out.drop(columns=["persons"], errors="ignore")
    for col in ("value", "numerator", "denominator", "persons"):
        if col not in out:
            out[col] = None
    n = len(out)
    d = _decide(out, unit, group_by, numerator_is_persons, member)
    hidden = d.suppressed
    num_persons = (out["teller_personen"].fillna(True).astype(bool).to_numpy() if "teller_personen" in out
                   else np.full(n, bool(numerator_is_persons)))
    reasons = np.full(n, None, dtype=object)
    primary = hidden & ~d.secondary
    reasons[primary & d.is_count] = REASON_SMALL
    reasons[primary & d.is_median] = REASON_MEDIAN
    reasons[primary & ~d.is_count & ~d.is_median] = REASON_DENOMINATOR
    reasons[d.secondary] = REASON_SECONDARY
    display = np.full(n, None, dtype=object)
    display[hidden] = "–"
    display[primary & d.small] = "<5"
    out["suppressed"] = hidden
    out["reden"] = reasons
    out["weergave"] = display
    for col in ("value", "numerator", "denominator"):
        out[col] = out[col].astype(object)
        out.loc[hidden, col] = None
    # a shown percentage never prints a numerator of 1-4 persons
    mask = ~hidden & ~d.is_count & num_persons & _small(d.numerator)
    if mask.any():
        out.loc[mask, "numerator"] = None
        out.loc[mask, "reden"] = NOTE_NUMERATOR
    # medians: the numerator is not a number (indicators.md), the denominator
    # is the number of persons
    return out.drop(columns=["persons"])
