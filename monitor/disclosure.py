"""Disclosure control, in one place (indicators.md, "Disclosure control").

Every table that leaves the store for a page, a download or the export passes
through `protect`. Pure pandas: no Streamlit, no DuckDB.

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

import pandas as pd

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
RESIDUAL_MEMBERS = frozenset({"X", "Onbekend", "Overig", "Geen PIP", "X of onbekend",
                              "Niet gehuisvest", "Geen vergunning"})
FOCUS_MEMBERS = frozenset({"V"})


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


def _aggregate_unsafe(unit: str, num: float, den: float, persons: float) -> bool:
    """Would the suppressed siblings, summed, be a disclosive cell?"""
    if unit == "aantal":
        return 0 < num < MIN_COUNT
    return 0 < den < MIN_DENOMINATOR or 0 < persons < MIN_DENOMINATOR


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
    """
    out = df.copy().reset_index(drop=True)
    if out.empty:
        for col, default in (("suppressed", False), ("weergave", None), ("reden", None)):
            out[col] = pd.Series(dtype=object if col != "suppressed" else bool)
        return out.drop(columns=["persons"], errors="ignore")
    for col in ("value", "numerator", "denominator", "persons"):
        if col not in out:
            out[col] = None
    units = out["eenheid"] if "eenheid" in out else pd.Series([unit or "pct"] * len(out))
    num_persons = (out["teller_personen"].fillna(True).astype(bool) if "teller_personen" in out
                   else pd.Series([bool(numerator_is_persons)] * len(out)))
    reasons: list[str | None] = [
        primary_reason(u, n, d, p) for u, n, d, p in zip(
            units, out["numerator"], out["denominator"], out["persons"])]
    public = (out["openbaar"].fillna(False).astype(bool).tolist() if "openbaar" in out
              else [False] * len(out))
    reasons = [None if p else r for r, p in zip(reasons, public)]
    suppressed = [r is not None for r in reasons]

    group_by = list(group_by)
    if "is_total" in out and out["is_total"].any():
        # ngroup is vectorised; a row-wise string join of the keys was the
        # slowest step of the national wijk table.
        codes = (out.groupby(group_by, sort=False, dropna=False).ngroup().tolist()
                 if group_by else [0] * len(out))
        groups: dict[int, list[int]] = {}
        for i, code in enumerate(codes):
            groups.setdefault(code, []).append(i)
        # plain lists: this loop runs over ~17k national export rows
        is_total = [bool(x) for x in out["is_total"]]
        nums = [_num(x) for x in out["numerator"]]
        dens = [_num(x) for x in out["denominator"]]
        pers = [_num(x) for x in out["persons"]]
        unit_list = list(units)
        ranks = ([hide_rank(m) for m in out[member]] if member and member in out
                 else [1] * len(out))
        for idx in groups.values():
            unit_g = unit_list[idx[0]]
            if unit_g not in ADDITIVE_UNITS:
                continue
            totals = [i for i in idx if is_total[i]]
            sibs = [i for i in idx if not is_total[i]]
            if not totals or not sibs or any(suppressed[i] for i in totals) \
                    or any(public[i] for i in idx):
                continue
            size = nums if unit_g == "aantal" else dens
            while True:
                hidden = [i for i in sibs if suppressed[i]]
                shown = [i for i in sibs if not suppressed[i]]
                if not hidden or not shown:
                    break
                if len(hidden) >= 2 and not _aggregate_unsafe(
                        unit_g, sum(nums[i] for i in hidden), sum(dens[i] for i in hidden),
                        sum(pers[i] for i in hidden)):
                    break
                nxt = min(shown, key=lambda i: (ranks[i], size[i], pers[i], i))
                suppressed[nxt] = True
                reasons[nxt] = REASON_SECONDARY

    out["suppressed"] = suppressed
    out["reden"] = reasons
    out["weergave"] = [
        ("<5" if r == REASON_SMALL else "–") if s else None for s, r in zip(suppressed, reasons)]
    for col in ("value", "numerator", "denominator"):
        out[col] = out[col].astype(object)
        out.loc[out["suppressed"], col] = None
    # a shown percentage never prints a numerator of 1-4 persons
    mask = [(not s) and u not in ("aantal",) and tp and _is_small(n)
            for s, u, tp, n in zip(out["suppressed"], units, num_persons, out["numerator"])]
    if any(mask):
        out.loc[mask, "numerator"] = None
        out.loc[mask, "reden"] = NOTE_NUMERATOR
    # medians: the numerator is not a number (indicators.md), the denominator
    # is the number of persons
    return out.drop(columns=["persons"])
