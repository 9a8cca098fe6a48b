"""Disclosure control, in one place (indicators.md, "Disclosure control").

Every table that leaves the store for a page, a download or the export passes
through `protect`. Pure pandas and numpy: no Streamlit, no DuckDB.

Rules
- primary, per cell:
  - counts (eenheid `aantal`): a value of 1 to 4 is suppressed ("<5");
  - percentages (`pct`, `score`): shown only where the denominator is at
    least 10; where the denominator is not itself a number of persons (hours,
    places), also the number of persons must be at least 10. Where the
    numerator counts persons, a percentage is a count in disguise (4,2% of
    24 is 1 person): it is hidden too where the numerator or the rest
    (denominator - numerator) is 1 to 4;
  - medians (`dagen`, `uren`): shown only over at least 10 persons.
- secondary, among siblings: a table may hold groups of siblings with their
  total (`is_total`). Where the total is shown, no suppressed sibling may be
  derivable as total minus the shown siblings: if exactly one sibling is
  suppressed, or the suppressed siblings together would themselves be a
  disclosive cell (a count of 1-4, a denominator under 10), one more shown
  sibling is suppressed, until that no longer holds: a residual category
  (X, Onbekend, Overig, Niet gehuisvest…) first, a focus group of the programme (Vrouw) last,
  else the smallest. For percentages the hidden siblings' numerators and
  rests count too. A hidden total is the sum of its siblings, so where it
  is hidden at least one sibling is hidden as well. Medians are not
  additive and get no secondary suppression.
- a table of two dimensions (gemeenten x members of a breakdown, with the
  region row and the total column: `protect_grid`) is protected along both
  at once, rows and columns in turn until neither hides more, so no hidden
  cell follows from its row or from its column.
- a suppressed cell has value, numerator and denominator None (never 0), the
  flag `suppressed`, a display text and a Dutch reason: "<5" only where the
  hidden count really is 1 to 4; "–" for every other hidden cell, in
  particular one hidden to protect another (a council member reads "<5" as
  a fact).
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
REASON_PERCENT_SMALL = ("Percentage niet getoond: het telt 1 tot 4 personen met (of zonder) "
                        "deze uitkomst, en zou hen herkenbaar maken.")
REASON_MEDIAN = "Mediaan niet getoond: berekend over minder dan 10 personen."
REASON_SECONDARY = ("Verborgen om een kleine groep te beschermen: anders zou een andere "
                    "verborgen waarde uit het totaal en de getoonde waarden terug te rekenen zijn.")

# What a page, export or slide says under a table with hidden cells: the two
# display texts apart, because a council member reads "<5" as a fact.
EXPLANATION = ("‘<5’: 1 tot 4 personen, niet getoond zodat niemand herkenbaar is. ‘–’: verborgen "
               "om een kleine groep te beschermen, omdat die anders uit een getoond totaal, een "
               "andere gemeente of een ander filter terug te rekenen is. Een percentage wordt niet "
               "getoond als het over minder dan 10 personen gaat of als 1 tot 4 personen de "
               "uitkomst wel of niet hebben. Een verborgen cel is nooit 0.")

# The rule of combining (monitor.filters.combination_conflict,
# monitor.indicators.BLOCK_FILTERS), said where a reader looks for it: the
# passport and the Databronnen page.
COMBINATION_RULE = (
    "Naast de gemeente en de peildatum kiest u één kenmerk tegelijk: een filter op één of meer "
    "waarden ervan, of een uitsplitsing ernaar (bijvoorbeeld geslacht, of leeftijdsgroep, maar "
    "niet beide). Over de gemeenten en de waarden van één kenmerk wordt één keer besloten welke "
    "cellen verborgen blijven, en dat besluit geldt op elke pagina, in elke download en in de "
    "presentatie; bij twee kenmerken tegelijk zouden kleine groepen uit de combinaties terug te "
    "rekenen zijn. De blokken met een regiorij (de route in stappen, de inburgeringstermijn, de "
    "cohortlijnen, land van herkomst, de Z-route, het taalniveau per vaardigheid en de spreiding "
    "over de wijken) volgen alleen de gemeente.")

REASON_SUM = ("Niet getoond: deze selectie bevat een cel die verborgen is om een kleine groep "
              "te beschermen.")

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


def primary_reason(unit: str, numerator, denominator, persons,
                   numerator_is_persons: bool = True) -> str | None:
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
    if numerator_is_persons and (_is_small(numerator) or _is_small(den - _num(numerator))):
        return REASON_PERCENT_SMALL
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
                    den: np.ndarray, persons: np.ndarray, num_persons: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """primary_reason over whole columns: (hidden, hidden as "<5", hidden
    as a percentage that counts 1-4 persons)."""
    small = is_count & (_small(num) | _small(persons))
    per0 = _zero_missing(persons)
    den0 = _zero_missing(den)
    median = is_median & (per0 > 0) & (per0 < MIN_DENOMINATOR)
    no_data = (den0 == 0) & (per0 == 0)
    percent = ~is_count & ~is_median & ~no_data
    thin = percent & ((den0 < MIN_DENOMINATOR) | (per0 < MIN_DENOMINATOR))
    disguised = percent & ~thin & num_persons & (_small(num) | _small(den0 - _zero_missing(num)))
    return small | median | thin | disguised, small, disguised


def _secondary(codes: np.ndarray, is_total: np.ndarray, additive: np.ndarray,
               is_count: np.ndarray, public: np.ndarray, suppressed: np.ndarray,
               ranks: np.ndarray, nums: np.ndarray, dens: np.ndarray,
               pers: np.ndarray, num_persons: np.ndarray | None = None,
               locked: np.ndarray | None = None) -> np.ndarray:
    """Rows that secondary suppression hides, as positions.

    Every group takes its eenheid from its first row. All groups take one
    step together per round: a group with a shown total stops as soon as it
    has no hidden or no shown sibling, or two or more hidden siblings whose
    sums are not a disclosive cell; a group with a hidden total stops once
    one sibling is hidden (else the siblings add up to the total). The
    others hide their next shown sibling that is not `locked` (lowest
    hide_rank, size, persons, position). Rounds are as many as the most
    steps one group needs, and each round only looks at the groups still
    going. Sums are taken in row order (bincount adds in input order), so a
    decision at a threshold is the one a plain running sum gives."""
    n_groups = int(codes.max()) + 1
    positions = np.arange(len(codes))
    if num_persons is None:
        num_persons = np.ones(len(codes), dtype=bool)
    if locked is None:
        locked = np.zeros(len(codes), dtype=bool)
    first = np.full(n_groups, len(codes))
    np.minimum.at(first, codes, positions)
    total_hidden = np.bincount(codes, weights=is_total & suppressed, minlength=n_groups) > 0
    eligible = (additive[first]
                & (np.bincount(codes, weights=is_total, minlength=n_groups) > 0)
                & (np.bincount(codes, weights=~is_total, minlength=n_groups) > 0)
                & ~(np.bincount(codes, weights=public, minlength=n_groups) > 0))
    rows = positions[eligible[codes] & ~is_total]
    if not len(rows):
        return rows
    group_count = is_count[first]
    group_persons = num_persons[first]
    group = codes[rows]
    hidden = suppressed[rows].copy()
    fixed = locked[rows]
    num, den, per, rank = nums[rows], dens[rows], pers[rows], ranks[rows]
    siblings = np.bincount(group, minlength=n_groups)
    order = None
    taken = []
    while len(rows):
        n_hidden = np.bincount(group, weights=hidden, minlength=n_groups)
        s_num = np.bincount(group, weights=np.where(hidden, num, 0.0), minlength=n_groups)
        s_den = np.bincount(group, weights=np.where(hidden, den, 0.0), minlength=n_groups)
        s_per = np.bincount(group, weights=np.where(hidden, per, 0.0), minlength=n_groups)
        unsafe = np.where(group_count, _small(s_num),
                          ((s_den > 0) & (s_den < MIN_DENOMINATOR))
                          | ((s_per > 0) & (s_per < MIN_DENOMINATOR))
                          | (group_persons & (_small(s_num) | _small(s_den - s_num))))
        free = np.bincount(group, weights=~hidden & ~fixed, minlength=n_groups) > 0
        going = free & np.where(total_hidden, n_hidden == 0,
                                (n_hidden > 0) & (n_hidden < siblings)
                                & ((n_hidden < 2) | unsafe))
        keep = going[group]
        if not keep.any():
            break
        if not keep.all():
            # drop the finished groups; order stays a permutation of the rest
            if order is not None:
                new_position = np.cumsum(keep) - 1
                order = new_position[order[keep[order]]]
            rows, group, hidden, fixed = rows[keep], group[keep], hidden[keep], fixed[keep]
            num, den, per, rank = num[keep], den[keep], per[keep], rank[keep]
        if order is None:
            # within a group, the order in which shown siblings are given up;
            # sorted only for the few groups that take a step at all
            size = np.where(group_count[group], num, den)
            order = np.lexsort((rows, per, size, rank, group))
        candidates = order[~hidden[order] & ~fixed[order]]
        cgroup = group[candidates]
        step = candidates[np.r_[True, cgroup[1:] != cgroup[:-1]]]
        hidden[step] = True
        taken.append(rows[step])
    return np.concatenate(taken) if taken else rows[:0]


class _Decision(NamedTuple):
    suppressed: np.ndarray  # primary or secondary
    secondary: np.ndarray  # hidden to protect another cell (here or in another view)
    small: np.ndarray  # a count of 1-4: shown as "<5"
    disguised: np.ndarray  # a percentage that counts 1-4 persons
    is_count: np.ndarray
    is_median: np.ndarray
    numerator: np.ndarray  # as floats, NaN where missing


def _bools(df: pd.DataFrame, column: str, n: int) -> np.ndarray:
    # bool() per cell, as a plain truth test reads None and NaN
    return (df[column].fillna(False).to_numpy().astype(bool) if column in df
            else np.zeros(n, dtype=bool))


def _decide(df: pd.DataFrame, unit, group_by: Iterable[str], numerator_is_persons,
            member: str | None, grid: tuple[str, str] | None = None,
            total="ALL") -> _Decision:
    """Which cells of df (positionally) are suppressed, and why."""
    n = len(df)

    def floats(col):
        return _floats(df[col]) if col in df else np.full(n, np.nan)

    units = df["eenheid"] if "eenheid" in df else pd.Series([unit or "pct"] * n)
    is_count = (units == "aantal").to_numpy(dtype=bool)
    is_median = units.isin(MEDIAN_UNITS).to_numpy(dtype=bool)
    additive = units.isin(ADDITIVE_UNITS).to_numpy(dtype=bool)
    nums, dens, pers = floats("numerator"), floats("denominator"), floats("persons")
    num_persons = (df["teller_personen"].fillna(True).to_numpy().astype(bool)
                   if "teller_personen" in df else np.full(n, bool(numerator_is_persons)))
    public = _bools(df, "openbaar", n)
    suppressed, small, disguised = _primary_hidden(is_count, is_median, nums, dens, pers,
                                                   num_persons)
    suppressed &= ~public
    small &= ~public
    disguised &= ~public
    # a cell whose status another view of the same figure decided: hidden
    # there, hidden here; `locked` cells keep that status whatever this
    # table would decide
    elsewhere = _bools(df, "hidden_elsewhere", n) & ~public
    locked = _bools(df, "locked", n)
    primary = suppressed.copy()
    suppressed = np.where(locked, elsewhere, suppressed | elsewhere)
    secondary = suppressed & ~primary
    group_by = list(group_by)
    args = (additive, is_count, public)
    values = (_zero_missing(nums), _zero_missing(dens), _zero_missing(pers), num_persons, locked)

    def codes_of(columns):
        return (df.groupby(columns, sort=False, dropna=False).ngroup().to_numpy()
                if columns else np.zeros(n, dtype=np.int64))

    def ranks_of(column):
        if not column or column not in df:
            return np.ones(n, dtype=np.int64)
        members = df[column]
        return np.where(members.isin(RESIDUAL_MEMBERS).to_numpy(dtype=bool), 0,
                        np.where(members.isin(FOCUS_MEMBERS).to_numpy(dtype=bool), 2, 1))

    if grid is not None:
        row, col = grid
        rows = (codes_of(group_by + [row]), (df[col] == total).to_numpy(dtype=bool), ranks_of(col))
        cols = (codes_of(group_by + [col]), (df[row] == total).to_numpy(dtype=bool), ranks_of(None))
        # A group of one member: member and total are the same number, so
        # they share one status. Where the total's status is given (locked),
        # the member takes it and keeps it.
        for codes, is_total, _ in (rows, cols):
            members = np.bincount(codes, weights=~is_total, minlength=codes.max() + 1)
            alone = ~is_total & (members[codes] == 1)
            total_of = np.full(codes.max() + 1, -1)
            total_of[codes[is_total]] = np.flatnonzero(is_total)
            owner = total_of[codes]
            tied = alone & (owner >= 0) & locked[np.maximum(owner, 0)]
            given = suppressed[owner[tied]]
            secondary[tied] |= given & ~suppressed[tied]
            suppressed[tied] = given
            locked = locked | tied
        values = values[:-1] + (locked,)
        # rows and columns in turn, until neither hides another cell: every
        # row and every column is then safe on its own, whichever is shown
        # columns first: a total per gemeente hidden to protect another
        # gemeente often protects that gemeente's row as well
        while True:
            taken = 0
            for codes, is_total, ranks in (cols, rows):
                step = _secondary(codes, is_total, *args, suppressed, ranks, *values)
                suppressed[step] = True
                secondary[step] = True
                taken += len(step)
                # a hidden member alone under a shown total: the total is it
                members = np.bincount(codes, weights=~is_total, minlength=codes.max() + 1)
                hidden_members = np.bincount(codes, weights=~is_total & suppressed,
                                             minlength=codes.max() + 1)
                bare = (is_total & ~suppressed & ~locked & ~public
                        & (members[codes] == 1) & (hidden_members[codes] == 1))
                suppressed[bare] = True
                secondary[bare] = True
                taken += int(bare.sum())
            if not taken:
                break
    elif "is_total" in df and df["is_total"].any():
        is_total = df["is_total"].to_numpy().astype(bool)
        step = _secondary(codes_of(group_by), is_total, *args, suppressed, ranks_of(member),
                          *values)
        secondary[step] = True
        suppressed[step] = True
    return _Decision(suppressed, secondary, small & ~secondary, disguised & ~secondary,
                     is_count, is_median, nums)


def suppressed_mask(df: pd.DataFrame, unit: str | None = None, group_by: Iterable[str] = (),
                    member: str | None = None, grid: tuple[str, str] | None = None,
                    total="ALL") -> np.ndarray:
    """Per row of df (by position), whether `protect` with the same
    arguments suppresses it: the same decision, without building the
    output, for callers that only need to know which cells are hidden."""
    if df.empty:
        return np.zeros(0, dtype=bool)
    return _decide(df, unit, group_by, True, member, grid, total).suppressed


def protect(df: pd.DataFrame, unit: str | pd.Series | None = None,
            group_by: Iterable[str] = (), numerator_is_persons=True,
            member: str | None = None, grid: tuple[str, str] | None = None,
            total="ALL") -> pd.DataFrame:
    """Apply disclosure control to a result table.

    df needs columns value, numerator, denominator, persons; optionally
    `eenheid` (per row; else `unit` for all rows), `teller_personen`, and
    `is_total` marking the total of each group of siblings (rows with equal
    `group_by` values); `member` names the column whose value decides which
    sibling secondary suppression gives up first (hide_rank). Rows with a
    true `openbaar` column are public figures: never suppressed. A true
    `hidden_elsewhere` hides a cell that another view of the same figure
    hides; with `locked` true the cell keeps that status as it is.

    With `grid` = (row, col) the table is one of two dimensions per
    `group_by` family: `row` (the gemeente, `total` for the region) by `col`
    (the member, `total` for the total column); every row is a group of
    siblings with its total, and so is every column (is_total is not read).

    Returns a copy with value/numerator/denominator None where suppressed,
    plus columns suppressed, weergave ("<5" only for a hidden count of 1-4,
    "–" otherwise), reden; `persons` is dropped so it can never leak.

    Column-wise throughout: nationally one table holds ~10^6 cells.
    """
    out = df.copy().reset_index(drop=True)
    if out.empty:
        for col, default in (("suppressed", False), ("weergave", None), ("reden", None)):
            out[col] = pd.Series(dtype=object if col != "suppressed" else bool)
        return out.drop(columns=["persons", "hidden_elsewhere", "locked"], errors="ignore")
    for col in ("value", "numerator", "denominator", "persons"):
        if col not in out:
            out[col] = None
    n = len(out)
    d = _decide(out, unit, group_by, numerator_is_persons, member, grid, total)
    hidden = d.suppressed
    reasons = np.full(n, None, dtype=object)
    primary = hidden & ~d.secondary
    reasons[primary & d.is_count] = REASON_SMALL
    reasons[primary & d.is_median] = REASON_MEDIAN
    reasons[primary & ~d.is_count & ~d.is_median] = REASON_DENOMINATOR
    reasons[primary & d.disguised] = REASON_PERCENT_SMALL
    reasons[d.secondary] = REASON_SECONDARY
    display = np.full(n, None, dtype=object)
    display[hidden] = "–"
    # "<5" is read as a fact: only where the hidden count is 1 to 4
    display[primary & d.is_count & _small(d.numerator)] = "<5"
    out["suppressed"] = hidden
    out["reden"] = reasons
    out["weergave"] = display
    for col in ("value", "numerator", "denominator"):
        out[col] = out[col].astype(object)
        out.loc[hidden, col] = None
    # medians: the numerator is not a number (indicators.md), the denominator
    # is the number of persons
    return out.drop(columns=["persons", "hidden_elsewhere", "locked"], errors="ignore")


# --- blocks of counts per gemeente ------------------------------------------------------

TOTAL = "ALL"  # the region row and the total column of a grid


def protect_count_grid(df: pd.DataFrame, row: str, col: str, value: str = "persons",
                       family: Iterable[str] = ()) -> pd.DataFrame:
    """Counts per `row` (the gemeente) x `col` (the member), one row each,
    without totals: add the total per row and per column and the grand
    total (TOTAL) per `family`, and protect them as one grid (protect with
    `grid`). A block that shows the region and its gemeenten (Z-route,
    VISTA levels, land van herkomst) is such a grid: a hidden cell follows
    neither from its gemeente's row nor from the region minus the shown
    gemeenten."""
    keys = list(family)
    base = df[keys + [row, col, value]].copy()
    base[value] = pd.to_numeric(base[value], errors="coerce").fillna(0)
    by = (lambda extra: keys + extra)
    parts = [base,
             base.groupby(by([row]), as_index=False, sort=False)[value].sum().assign(**{col: TOTAL}),
             base.groupby(by([col]), as_index=False, sort=False)[value].sum().assign(**{row: TOTAL})]
    grand = (base.groupby(keys, as_index=False, sort=False)[value].sum() if keys
             else pd.DataFrame({value: [base[value].sum()]}))
    parts.append(grand.assign(**{row: TOTAL, col: TOTAL}))
    cells = pd.concat(parts, ignore_index=True)
    cells["numerator"] = cells["value"] = cells[value]
    cells["denominator"] = None
    cells["persons"] = cells[value]
    return protect(cells.drop(columns=[value]) if value != "persons" else cells,
                   unit="aantal", group_by=keys, grid=(row, col), total=TOTAL)


def grid_selection(protected: pd.DataFrame, row: str, col: str, rows: Iterable = (),
                   family: Iterable[str] = ()) -> pd.DataFrame:
    """What a view over the rows `rows` (no rows: the region) shows of a
    protected grid, per family and column: the one row's cells, or their sum
    over the chosen rows, hidden where any of its parts is hidden; a sum
    shows only what its shown parts already show. All rows together are
    the region row. `row` is TOTAL in the
    result where more than one row was summed."""
    rows = list(rows)
    if set(protected[row]) - {TOTAL} <= set(rows):
        rows = []  # every row: the region itself
    if len(rows) <= 1:
        pick = rows[0] if rows else TOTAL
        return protected[protected[row] == pick].reset_index(drop=True)
    keys = list(family)
    mine = protected[(protected[row].isin(rows))].copy()
    mine["_v"] = pd.to_numeric(mine["value"], errors="coerce")
    agg = (mine.groupby(keys + [col], sort=False, dropna=False)
           .agg(value=("_v", "sum"), suppressed=("suppressed", "any")).reset_index())
    agg[row] = TOTAL
    agg["value"] = agg["value"].astype(object).where(~agg["suppressed"], None)
    agg["numerator"] = agg["value"]
    agg["denominator"] = None
    agg["weergave"] = np.where(agg["suppressed"], "–", None)
    agg["reden"] = np.where(agg["suppressed"], REASON_SUM, None)
    return agg


# --- figures per gemeente with their region ---------------------------------------------

def protect_place_family(df: pd.DataFrame, place: str, family: Iterable[str],
                         unit: str) -> pd.DataFrame:
    """One row per `place` (the gemeente) and `family` (a figure: a step of
    the route, a point of a cohort curve) with numerator, denominator and
    persons: add the region (TOTAL) per family as the sum of its places and
    protect each family as a group of siblings with that total, so a hidden
    gemeente follows neither from its own cell nor from the region minus
    the shown gemeenten. Returns the protected rows with their numerator,
    denominator and persons kept in `_num`, `_den`, `_per` for
    place_selection."""
    keys = list(family)
    base = df.copy()
    for col in ("numerator", "denominator", "persons"):
        base[col] = pd.to_numeric(base[col], errors="coerce").fillna(0)
    region = (base.groupby(keys, as_index=False, sort=False, dropna=False)
              [["numerator", "denominator", "persons"]].sum().assign(**{place: TOTAL}))
    cells = pd.concat([base.assign(is_total=False), region.assign(is_total=True)],
                      ignore_index=True)
    cells["value"] = (cells["numerator"] if unit == "aantal" else
                      100.0 * cells["numerator"] / cells["denominator"].where(cells["denominator"] > 0))
    if unit == "aantal":
        cells["denominator"] = None
    kept = cells[["numerator", "denominator", "persons"]].rename(
        columns={"numerator": "_num", "denominator": "_den", "persons": "_per"})
    out = protect(cells, unit=unit, group_by=keys, member=place)
    return pd.concat([out, kept], axis=1)


def place_selection(protected: pd.DataFrame, place: str, family: Iterable[str], unit: str,
                    places: Iterable = ()) -> pd.DataFrame:
    """What a view over `places` (none, or every one: the region) shows of a
    protect_place_family table, per family: the one place's row, or the sum
    over the chosen places, hidden where any of them is hidden, so a sum
    shows only what its shown parts already show. `place` is TOTAL in the
    result."""
    keys = list(family)
    places = list(places)
    if set(protected[place]) - {TOTAL} <= set(places):
        places = []
    if len(places) <= 1:
        pick = places[0] if places else TOTAL
        out = protected[protected[place] == pick].reset_index(drop=True)
        return out.drop(columns=["_num", "_den", "_per"]).assign(**{place: TOTAL})
    mine = protected[protected[place].isin(places)]
    agg = (mine.groupby(keys, sort=False, dropna=False)
           .agg(_num=("_num", "sum"), _den=("_den", "sum"), suppressed=("suppressed", "any"))
           .reset_index())
    value = agg["_num"] if unit == "aantal" else 100.0 * agg["_num"] / agg["_den"].where(agg["_den"] > 0)
    hidden = agg["suppressed"].to_numpy(dtype=bool)
    agg["value"] = value.astype(object).where(~hidden, None)
    agg["numerator"] = agg["_num"].astype(object).where(~hidden, None)
    agg["denominator"] = (None if unit == "aantal"
                          else agg["_den"].astype(object).where(~hidden, None))
    agg["weergave"] = np.where(hidden, "–", None)
    agg["reden"] = np.where(hidden, REASON_SUM, None)
    agg[place] = TOTAL
    return agg.drop(columns=["_num", "_den"])
