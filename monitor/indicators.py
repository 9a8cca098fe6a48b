"""Query API for the pages: indicator values from the store, disclosure-controlled.

Every function runs a file of sql/queries/ through monitor.store.query and
passes the result through monitor.disclosure before returning it; nothing here
imports Streamlit. Filters: see monitor.filters.Filters (empty = all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd

from . import decisions, store
from . import catalogue as cat
from . import dimensions as dims
from .disclosure import (TOTAL, grid_selection, place_selection, protect, protect_count_grid,
                         protect_place_family, suppressed_mask)
from .filters import (DIMENSIONS, MARGIN_DIMENSIONS, PERSON_DIMENSIONS, Filters, active_margin,
                      combination_conflict)
from . import peildatum as pdefault
from .judgement import month_end, year_before
from .presentation import is_running

VALUE_COLUMNS = ["value", "numerator", "denominator", "persons"]


def catalogue(path=None) -> pd.DataFrame:
    """The indicator catalogue (ref_indicators): no person data, no control needed."""
    return _catalogue(path, store.store_version(path)).copy()


# Every cell query needs the public indicators and the headline the whole
# catalogue: read once per store version instead of once per call.
@lru_cache(maxsize=4)
def _catalogue(path, version) -> pd.DataFrame:
    return store.query("catalogue", path=path)


@lru_cache(maxsize=4)
def _public_ids(path, version) -> frozenset[str]:
    return frozenset(cat.public_ids(cat.from_frame(_catalogue(path, version))))


def peildata(path=None) -> list[dt.date]:
    df = store.query("peildata", path=path)
    return [pd.Timestamp(d).date() for d in df["peildatum"]]


def peildatum_default(path=None, dates: list[dt.date] | None = None) -> pdefault.Default:
    """The default peildatum (monitor.peildatum): the newest month end every
    monthly source delivered in full."""
    return pdefault.default(databronnen(path), peildata(path) if dates is None else dates)


def default_peildatum(path=None) -> dt.date | None:
    """What a page shows without a chosen peildatum (monitor.peildatum)."""
    return peildatum_default(path).date


def latest_peildatum(path=None) -> dt.date | None:
    p = peildata(path)
    return p[-1] if p else None


def _params(filters: Filters, **extra) -> dict:
    params = filters.params()
    params.update(extra)
    return params


class UnavailableCombination(ValueError):
    """Filters and breakdown that no table of the store holds together."""


def unavailable_text(conflict) -> str:
    """Why a combination is not shown, in Dutch, for the page to print."""
    listed = dims.listed(dims.word(d) for d in conflict)
    return (f"De combinatie van {listed} is niet beschikbaar: naast de gemeente kiest u één "
            "kenmerk tegelijk (een filter of een uitsplitsing), omdat anders kleine groepen uit "
            "de combinaties terug te rekenen zijn. Haal een van deze filters of de uitsplitsing "
            "weg.")


def _cells(filters: Filters, indicators=(), dates=(), dimension: str = "", per_key=False,
           path=None, values=True, by_gemeente=False) -> pd.DataFrame:
    if dimension and dimension not in DIMENSIONS:
        raise ValueError(f"onbekende dimensie: {dimension}")
    conflict = combination_conflict(filters, dimension)
    if conflict:
        raise UnavailableCombination(unavailable_text(conflict))
    params = _params(filters, indicators=list(indicators), peildata=list(dates),
                     dimension=dimension, per_key=per_key, values=values,
                     by_gemeente=by_gemeente)
    margin = active_margin(filters) or (dimension if dimension in MARGIN_DIMENSIONS else "")
    params["margin"] = margin
    params["margin_values"] = list(getattr(filters, margin)) if margin else []
    for d in MARGIN_DIMENSIONS:
        params.pop(d)
    # The smallest table that can answer: without person filters a rollup
    # over the person dimensions, without any filter the region totals; a
    # marginal dimension has its own table and its region sum.
    person_filtered = any(params[d] for d in PERSON_DIMENSIONS)
    per_gemeente = bool(params["gemeenten"]) or dimension == "gemeentecode" or by_gemeente
    if margin:
        params["source"] = "margin" if per_gemeente else "margin_region"
    elif (person_filtered or dimension not in ("", "gemeentecode")) and not per_gemeente:
        params["source"] = "person"
    elif person_filtered or dimension not in ("", "gemeentecode") or by_gemeente:
        params["source"] = "cube"
    elif dimension or params["gemeenten"]:
        params["source"] = "rollup"
    else:
        params["source"] = "region"
    out = store.query("cube_cells", params, path=path)
    if not by_gemeente:
        out = out.drop(columns=["gemeentecode"])
    # a decision reads the numbers as they come: the None-for-missing of
    # _values makes object columns, costly for a breakdown by gemeente
    out = _values(out) if values else out
    out["openbaar"] = out["indicator_id"].isin(_public_ids(path, store.store_version(path)))
    return out


def _values(df: pd.DataFrame) -> pd.DataFrame:
    keys = ["indicator_id", "peildatum", "key", "member"]
    if df.empty:
        return pd.DataFrame(columns=keys + ["eenheid", "teller_personen"] + VALUE_COLUMNS)
    # cube_cells made the value (sql/queries/cube_cells.sql): the one place
    out = df.drop(columns=["median"])
    out["peildatum"] = pd.to_datetime(out["peildatum"]).dt.date
    for column in ("key", "member", "numerator", "value"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


FILTER_FIELDS = {d.column: d.field for d in dims.TABLE}
REASON_FILTER = ("Niet getoond: deze selectie bevat een groep die in de uitsplitsing verborgen "
                 "is, en zou die groep anders verraden.")


# A gemeente breakdown's decision is ~10^5 rows nationally (a few MB); a
# person breakdown under one gemeente is small but differs per gemeente, so
# one user going through gemeenten with a person filter would push the
# gemeente decisions out of a small cache.
@lru_cache(maxsize=16)
def _hidden_in_breakdown(others: Filters, indicators: tuple, dimension: str, path,
                         version) -> pd.DataFrame:
    """(indicator, peildatum, key, member) of every member the breakdown by
    `dimension` under `others` hides. The same for every choice of members,
    so it is kept per store version: nationally, the breakdown by gemeente
    behind a gemeente filter is 342 siblings per cell, and a user who picks
    one gemeente after another would pay for it on every pick."""
    ids = list(indicators) or list(_catalogue(path, version)["id"])
    if dimension != "gemeentecode":
        hidden = _hidden_of(others, tuple(ids), dimension, path)
    else:
        # only the breakdown by gemeente is large enough to need chunks, and
        # it reads the whole rollup, cube or marginals
        filtered = any(getattr(others, d) for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS))
        step = DECISION_CHUNK_FILTERED if filtered else DECISION_CHUNK
        with store.bounded_memory(path):
            hidden = pd.concat([_hidden_of(others, tuple(ids[i:i + step]), dimension, path)
                                for i in range(0, len(ids), step)], ignore_index=True)
    # categories: nationally this is up to ~10^5 rows, kept for a few filter sets
    return hidden.astype({"indicator_id": "category", "key_group": "category",
                          "member": "category"})


# The decision is per indicator, peildatum and key, so taking it for a part
# of the indicators at a time changes nothing but time and memory. Nationally
# the breakdown by gemeente is ~10^6 cells: in parts of 8 indicators the app
# peaks ~0,18 GB lower than in halves. Under a person or herkomst filter each
# part scans the whole cube or marginals (~0,3 s), so there fewer, larger
# parts: 1,8 s instead of 2,8 s, for ~0,08 GB more.
DECISION_CHUNK = 8
DECISION_CHUNK_FILTERED = 17
# A family's chunk: its cells by gemeente and member are the largest tables the
# app reads (land van herkomst nationally: 1,6 million rows for 8 indicators).
# Two indicators at a time keep the warm-up's peak at ~0,8 GB instead of 1,3 GB,
# in the same time, and make each step of the warm-up shorter.
FAMILY_CHUNK = 2


def _hidden_of(others: Filters, indicators: tuple, dimension: str, path) -> pd.DataFrame:
    # without the medians, whose decision reads only their persons; and the
    # numbers as they come, not as the objects _values makes for the pages
    total = _cells(others, indicators, path=path, values=False).assign(is_total=True, member=None)
    parts = _cells(others, indicators, dimension=dimension, path=path,
                   values=False).assign(is_total=False)
    both = pd.concat([total, parts], ignore_index=True)
    both["key_group"] = _key_group(both["key"])
    # the total as its family decides it, as breakdown() takes it
    if _view_dimensions(others):
        is_total = both["is_total"].to_numpy(dtype=bool)
        elsewhere, covered = _family_mask(both[is_total].drop(columns=["is_total"]), others, "",
                                          path)
        both["hidden_elsewhere"] = False
        both.loc[is_total, "hidden_elsewhere"] = elsewhere & covered
    # the decision protect takes, without building its output for ~10^6 cells
    hide = suppressed_mask(both, group_by=["indicator_id", "peildatum", "key_group"],
                           member="member")
    out = both.loc[~both["is_total"].to_numpy(dtype=bool) & hide,
                   ["indicator_id", "peildatum", "key_group", "member"]]
    # the dates the filtered cells carry (_values)
    return out.assign(peildatum=pd.to_datetime(out["peildatum"]).dt.date)


def _key_group(keys: pd.Series) -> pd.Series:
    """The key as text, "" for none: one grouping value for cells without a key."""
    return keys.astype(str).where(keys.notna(), "")


REGION = "ALL"  # the region row and the total column of a family
NO_MEMBER = ""  # a member the store leaves empty, as a key


def _cell_keys(df: pd.DataFrame) -> pd.Series:
    """indicator|peildatum|key per cell: how a family names a figure."""
    groups = df["key_group"] if "key_group" in df else _key_group(df["key"])
    dates = pd.to_datetime(df["peildatum"]).dt.strftime("%Y-%m-%d")
    return (df["indicator_id"].astype(str) + "|" + dates + "|"
            + groups.astype(str)).reset_index(drop=True)


@lru_cache(maxsize=4)
def _cell_index(path, version) -> dict:
    """indicator|peildatum|key -> a small number, per store version: a
    family keeps its hidden cells as arrays of these (nationally millions of
    cells; as strings they would take hundreds of MB)."""
    return {}


def _cell_ids(df: pd.DataFrame, path) -> np.ndarray:
    """Per row of df its cell number (_cell_index); the names are made once
    per distinct cell, not per row."""
    if df.empty:
        return np.zeros(0, dtype=np.int64)
    index = _cell_index(path, store.store_version(path))
    frame = df[["indicator_id", "peildatum"]].assign(
        key_group=df["key_group"] if "key_group" in df else _key_group(df["key"]))
    codes = frame.groupby(["indicator_id", "peildatum", "key_group"], sort=False, dropna=False,
                          observed=True).ngroup().to_numpy()
    _, first = np.unique(codes, return_index=True)
    names = _cell_keys(frame.iloc[first])
    lut = np.array([index.setdefault(k, len(index)) for k in names], dtype=np.int64)
    return lut[codes]


def _members(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), NO_MEMBER).astype(str)


def _by_cell(places: pd.Series, members: pd.Series, ids: np.ndarray) -> dict:
    """(gemeente, member) -> sorted array of the cell numbers hidden there."""
    out = {}
    frame = pd.DataFrame({"g": places.to_numpy(), "m": members.to_numpy(), "id": ids})
    for cell, rows in frame.groupby(["g", "m"], sort=False).indices.items():
        out[cell] = np.unique(ids[rows])
    return out


# One family per dimension: gemeenten x members of the dimension, with the
# region row and the total column, for every indicator, peildatum and key,
# under no other filter. Every view a user can set up with at most that one
# dimension (a filter or a breakdown) next to the gemeente shows cells of it
# or sums of them, so one decision over the whole table keeps a hidden cell
# hidden in all of them. The family of the gemeente itself is the breakdown
# by gemeente (342 siblings per cell nationally); it is the total column of
# every other family, which none of them changes.
#
# The decision of a cell reads that indicator's cells only, so a family is
# taken a chunk of indicators at a time and only for the chunks a view
# shows: a page of six indicators under a filter waits for three chunks, not
# for every indicator in the catalogue (nationally ~2 s a chunk under a
# person filter; the gemeente's own ~0,2 s a chunk, 3,5 s for all).
@lru_cache(maxsize=len(DIMENSIONS) * 64)
def _family_chunk(dimension: str, n: int, path, version) -> dict:
    """(gemeente or REGION, member) -> cell numbers (_cell_ids) of the
    hidden cells of the indicators of chunk `n` (_family_chunks) in the
    family of `dimension`. Kept as arrays per place and member: the chunks'
    rows put together as one table (nationally 7 million rows of text for
    land van herkomst) took 1 GB."""
    name = f"{dimension}-{n}"
    hidden = decisions.read(path, version, name)
    if hidden is None:
        with decisions.deciding(path, version, name):
            # another replica or thread may have decided it while we waited
            hidden = decisions.read(path, version, name)
            if hidden is None:
                hidden = _decide_family_chunk(dimension, n, path, version)
                decisions.write(path, version, name, hidden)
    if hidden.empty:
        return {}
    return _by_cell(hidden["g"], hidden["m"], _cell_ids(hidden, path))


def _decide_family_chunk(dimension: str, n: int, path, version) -> pd.DataFrame:
    """The hidden cells of _family_chunk as decisions.COLUMNS."""
    chunk = _family_chunks(path, version)[n]
    if dimension == "gemeentecode":
        with store.bounded_memory(path):
            hidden = _hidden_of(Filters(), chunk, dimension, path)
        return pd.DataFrame({"g": hidden["member"].astype(str).to_numpy(dtype=object),
                             "m": np.full(len(hidden), REGION, dtype=object),
                             "indicator_id": hidden["indicator_id"].astype(str).to_numpy(),
                             "peildatum": hidden["peildatum"].to_numpy(),
                             "key_group": hidden["key_group"].astype(str).to_numpy()})
    column = _family_chunk("gemeentecode", n, path, version)
    with store.bounded_memory(path):
        return _family_of(dimension, chunk, column, path)


@lru_cache(maxsize=4)
def _family_chunks(path, version) -> list[tuple]:
    ids = list(_catalogue(path, version)["id"])
    return [tuple(ids[i:i + FAMILY_CHUNK]) for i in range(0, len(ids), FAMILY_CHUNK)]


@lru_cache(maxsize=4)
def _chunk_of(path, version) -> dict[str, int]:
    return {i: n for n, chunk in enumerate(_family_chunks(path, version)) for i in chunk}


def _family(dimension: str, indicator_ids, path, version) -> list[dict]:
    """The chunks of the family of `dimension` that hold `indicator_ids`."""
    chunk_of = _chunk_of(path, version)
    wanted = sorted({chunk_of[i] for i in indicator_ids if i in chunk_of})
    return [_family_chunk(dimension, n, path, version) for n in wanted]


def _hidden_in_column(places: np.ndarray, ids: np.ndarray, rows: np.ndarray,
                      column: dict) -> np.ndarray:
    """Per row: one of `rows` whose cell the total column hides at its place.
    One set lookup over (place, cell) pairs: nationally a loop over the 342
    gemeenten compared every row's place 342 times, most of a family's time."""
    out = np.zeros(len(ids), dtype=bool)
    at = np.flatnonzero(rows)
    if not len(at) or not column:
        return out
    code = {g: i for i, g in enumerate(dict.fromkeys(g for g, _ in column))}
    width = int(max(ids.max(initial=0), max(f.max(initial=0) for f in column.values()))) + 1
    hidden = np.concatenate([code[g] * width + found.astype(np.int64)
                             for (g, _), found in column.items()])
    place = pd.Series(places[at], dtype=object).map(code)
    known = place.notna().to_numpy()
    keys = place.to_numpy()[known].astype(np.int64) * width + ids[at][known].astype(np.int64)
    out[at[known]] = np.isin(keys, hidden)
    return out


def _family_of(dimension: str, indicators: tuple, column: dict, path) -> pd.DataFrame:
    none = Filters()

    def placed(df, g, m):
        # plain object columns, also on an empty frame (a scalar on an empty
        # string column trips pyarrow)
        n = len(df)
        return df.assign(g=np.asarray(g if not isinstance(g, str) else [g] * n, dtype=object),
                         m=np.asarray(m if not isinstance(m, str) else [m] * n, dtype=object))

    grand = _cells(none, indicators, path=path, values=False)
    grand = placed(grand, REGION, REGION)
    totals = _cells(none, indicators, dimension="gemeentecode", path=path, values=False)
    totals = placed(totals, totals["member"].astype(str).to_numpy(), REGION)
    region = _cells(none, indicators, dimension=dimension, path=path, values=False)
    region = placed(region, REGION, _members(region["member"]).to_numpy())
    cells = _cells(none, indicators, dimension=dimension, path=path, values=False,
                   by_gemeente=True)
    cells = placed(cells, cells["gemeentecode"].astype(str).to_numpy(),
                   _members(cells["member"]).to_numpy())
    both = pd.concat([grand, totals, region, cells.drop(columns=["gemeentecode"])],
                     ignore_index=True)
    if both.empty:
        return pd.DataFrame({c: [] for c in decisions.COLUMNS})
    both["key_group"] = _key_group(both["key"])
    both["id"] = _cell_ids(both, path)
    locked = (both["m"] == REGION).to_numpy()
    both["locked"] = locked
    both["hidden_elsewhere"] = _hidden_in_column(both["g"].to_numpy(), both["id"].to_numpy(),
                                                 locked, column)
    hide = suppressed_mask(both, group_by=["indicator_id", "peildatum", "key_group"],
                           grid=("g", "m"), total=REGION)
    out = both.loc[hide & ~locked, decisions.COLUMNS]
    return out.assign(indicator_id=out["indicator_id"].astype(str),
                      key_group=out["key_group"].astype(str))


def _view_dimensions(filters: Filters) -> list[str]:
    return [d for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS) if getattr(filters, d)]


def _family_mask(df: pd.DataFrame, filters: Filters, dimension: str, path
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per row of df (cells under `filters`; rows with a false is_total are
    members of the breakdown by `dimension`): (hidden by its family,
    covered by a family). A cell is a sum over the gemeenten it selects
    (the region where none) and the members of the one other dimension it
    selects (the total where none); it is hidden where any of those is
    hidden in the family, so a view shows only sums of cells the family
    shows. A cell across two or more dimensions besides the gemeente is
    outside every family (not covered)."""
    n = len(df)
    hidden = np.zeros(n, dtype=bool)
    covered = np.zeros(n, dtype=bool)
    if not n:
        return hidden, covered
    version = store.store_version(path)
    dims = _view_dimensions(filters)
    is_member = (~df["is_total"].fillna(False).astype(bool)).to_numpy() if "is_total" in df \
        else np.zeros(n, dtype=bool)
    members = (_members(df["member"]).reset_index(drop=True) if "member" in df
               else pd.Series([NO_MEMBER] * n))
    keys = None
    signatures: dict = {}

    def signature(member):
        """The (family, cells) a row adds up, or None outside every family."""
        g_sel = list(filters.gemeenten) or [REGION]
        row_dims = list(dims)
        chosen = {d: list(getattr(filters, d)) for d in dims}
        if member is not None and dimension == "gemeentecode":
            g_sel = [member]
        elif member is not None and dimension:
            if dimension not in row_dims:
                row_dims.append(dimension)
            chosen[dimension] = [member]
        if len(row_dims) > 1:
            return None
        if row_dims:
            return row_dims[0], tuple((g, m) for g in g_sel for m in chosen[row_dims[0]])
        return "gemeentecode", tuple((g, REGION) for g in g_sel if g != REGION)

    # one signature per distinct member, not per row (the headline: one for all)
    groups = [(np.flatnonzero(~is_member), None)]
    if is_member.any():
        at = np.flatnonzero(is_member)
        groups += [(at[idx], m) for m, idx in
                   pd.Series(members.to_numpy()[at]).groupby(
                       members.to_numpy()[at], sort=False).indices.items()]
    for rows, member in groups:
        if not len(rows):
            continue
        sig = signature(member)
        if sig is None:
            continue
        covered[rows] = True
        signatures.setdefault(sig, []).append(rows)
    for (dim, pairs), rows in signatures.items():
        if not pairs:
            continue
        rows = np.concatenate(rows)
        families = _family(dim, pd.unique(df["indicator_id"].to_numpy()[rows]), path, version)
        found = [family[p] for family in families for p in pairs if p in family]
        if not found:
            continue
        if keys is None:
            keys = _cell_ids(df, path)
        hidden[rows] = np.isin(keys[rows], np.concatenate(found))
    return hidden, covered


def _filter_mask(df: pd.DataFrame, filters: Filters, indicators=(), path=None) -> np.ndarray:
    """Cells under filters across two or more dimensions, outside every
    family: hidden where a selected member is hidden in the breakdown by
    that dimension under the other filters."""
    hidden = np.zeros(len(df), dtype=bool)
    if df.empty:
        return hidden
    cells = pd.MultiIndex.from_arrays([df["indicator_id"].astype(str), df["peildatum"],
                                       _key_group(df["key"])])
    for dimension, field in FILTER_FIELDS.items():
        chosen = tuple(getattr(filters, field))
        if not chosen:
            continue
        others = replace(filters, peildatum=None, **{field: ()})
        found = _hidden_in_breakdown(others, tuple(indicators), dimension, path=path,
                                     version=store.store_version(path))
        mine = found[found["member"].isin(chosen)]
        if mine.empty:
            continue
        hit = pd.MultiIndex.from_arrays([mine["indicator_id"].astype(str), mine["peildatum"],
                                         mine["key_group"].astype(str)])
        hidden |= cells.isin(hit)
    return hidden


def _hidden_elsewhere(df: pd.DataFrame, filters: Filters, dimension: str = "", indicators=(),
                      path=None) -> np.ndarray:
    """Per row of df (see _family_mask): hidden by the decision of another
    view of the same figure. The total of a view across two or more
    dimensions takes the filter rule (_filter_mask)."""
    hidden, covered = _family_mask(df, filters, dimension, path)
    is_total = (df["is_total"].fillna(False).astype(bool).to_numpy() if "is_total" in df
                else np.ones(len(df), dtype=bool))
    rest = ~covered & is_total
    if rest.any():
        hidden[rest] = _filter_mask(df[rest], filters, indicators, path)
    return hidden


def _protect_filtered(df: pd.DataFrame, filters: Filters, indicators=(), path=None) -> pd.DataFrame:
    """Disclosure control for cells under filters, with one decision per cell
    across views: the family of the figure decides (_family_mask), so a
    filter can never show, or difference out, a cell a breakdown hides."""
    if df.empty:
        return protect(df)
    return protect(df.assign(hidden_elsewhere=_hidden_elsewhere(df, filters, "", indicators,
                                                                 path)))


@lru_cache(maxsize=8)
def _count_dates(indicators: tuple, path, version) -> tuple[dict, list, dict]:
    """Per count indicator with data in the region: its first peildatum and
    whether its numerator counts persons; and every peildatum of those.
    The same under every filter, so kept per store version."""
    region = _cells(Filters(), indicators, path=path)
    region = region[region["eenheid"] == "aantal"]
    if region.empty:
        return {}, [], {}
    first = region.groupby("indicator_id")["peildatum"].min().to_dict()
    meta = region.drop_duplicates("indicator_id").set_index("indicator_id")
    return first, sorted(set(region["peildatum"])), meta["teller_personen"].to_dict()


def _with_zero_counts(df: pd.DataFrame, indicators=(), path=None) -> pd.DataFrame:
    """The store keeps no cell for a count of 0. Where the region has data
    for a count indicator at a peildatum, an absent cell under a filter is a
    true 0, not a gap: add it, so series draw 0 instead of a break."""
    first, dates, persons = _count_dates(tuple(indicators), path, store.store_version(path))
    if not first:
        return df
    have = set(zip(df["indicator_id"], df["peildatum"])) if not df.empty else set()
    rows = [{"indicator_id": i, "peildatum": d, "key": None, "member": None,
             "eenheid": "aantal", "teller_personen": persons[i],
             "value": 0.0, "numerator": 0.0, "denominator": None, "persons": 0}
            for i, start in first.items() for d in dates if d >= start and (i, d) not in have]
    if not rows:
        return df
    return pd.concat([df, pd.DataFrame(rows)], ignore_index=True) if not df.empty \
        else pd.DataFrame(rows)


def series(indicator_id: str, filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Value per peildatum (no key: taakstelling = the half year of P;
    occupancy = all locations together); a count of 0 is 0, not a gap."""
    df = _with_zero_counts(_cells(filters, indicators=[indicator_id], path=path),
                           [indicator_id], path=path)
    out = _protect_filtered(df, filters, [indicator_id], path=path)
    return out.sort_values("peildatum").reset_index(drop=True)


def breakdown(indicator_id: str, dimension: str, filters: Filters, path=None) -> pd.DataFrame:
    """The indicator at the filters' peildatum per value of `dimension`, with
    the total (is_total) first; secondary suppression among the members."""
    peildatum = filters.peildatum
    conflict = combination_conflict(filters, dimension)
    if conflict:  # before any query: the total alone may well be available
        raise UnavailableCombination(unavailable_text(conflict))
    total = _cells(filters, [indicator_id], [peildatum], "", path=path)
    parts = _cells(filters, [indicator_id], [peildatum], dimension, path=path)
    total["is_total"] = True
    parts["is_total"] = False
    df = pd.concat([total, parts], ignore_index=True)
    hidden, covered = _family_mask(df, filters, dimension, path)
    if covered.all():
        # the family took the decision, secondary suppression included
        df = df.assign(hidden_elsewhere=hidden)
        df["member"] = [("Totaal" if t else m) for t, m in zip(df["is_total"], df["member"])]
        df = protect(df.rename(columns={"is_total": "totaal"})).rename(
            columns={"totaal": "is_total"})
    else:
        # across two or more dimensions: the total as its family or the
        # filters decide it, the members as siblings of that total
        df = df.assign(hidden_elsewhere=_hidden_elsewhere(df, filters, dimension,
                                                          [indicator_id], path)
                       & df["is_total"].to_numpy(dtype=bool))
        df["member"] = [("Totaal" if t else m) for t, m in zip(df["is_total"], df["member"])]
        df = protect(df, group_by=["indicator_id", "peildatum", "key"], member="member")
    if dimension in MARGIN_DIMENSIONS:
        # Overig, Onbekend, Niet gehuisvest… after the named members
        residual = dims.BY_COLUMN[dimension].residual
        order = sorted(range(len(df)), key=lambda i: (not df["is_total"].iat[i],
                                                      df["member"].iat[i] in residual))
        df = df.iloc[order].reset_index(drop=True)
    return df


def by_gemeente(indicator_id: str, filters: Filters, path=None) -> pd.DataFrame:
    df = breakdown(indicator_id, "gemeentecode", filters, path=path)
    names = store.query("gemeenten", path=path)
    df = df.merge(names, how="left", left_on="member", right_on="gemeentecode")
    df["naam"] = df["naam"].where(~df["is_total"], "Regio")
    return df.drop(columns=["gemeentecode"])


def not_splittable(indicator: cat.Indicator, filters: Filters) -> str | None:
    """Why `indicator` has no value under a person or herkomst filter when
    it has no such dimensions at all (the survey, the public figures), so a
    page says that instead of "no data"."""
    if indicator.is_survey or indicator.is_public:
        if any(getattr(filters, d) for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS)):
            what = "De enquête" if indicator.is_survey else "Dit cijfer"
            return (f"{what} is alleen per gemeente bekend, niet naar persoonskenmerken of "
                    "herkomst: haal het persoonsfilter weg om de waarde te zien.")
    return None


def _persons(row: dict | None):
    if row is None or row.get("suppressed") or row.get("persons") is None or pd.isna(row["persons"]):
        return None
    return float(row["persons"])


def headline(filters: Filters, path=None) -> pd.DataFrame:
    """Every catalogue indicator at the filters' peildatum: value, the value
    at the one baseline date (monitor.judgement.year_before: the newest
    month end a year before), the persons a share counts, and the sparkline
    series (values per peildatum up to P, None where suppressed). The
    judgement of a row is monitor.judgement.judge_headline."""
    peildatum = filters.peildatum or default_peildatum(path)
    rows_of_catalogue = catalogue(path)
    raw = _with_zero_counts(_cells(filters, path=path), path=path)
    df = _protect_filtered(raw, filters, path=path)
    # disclosure control drops the persons; the chance test reads them for
    # the cells it leaves shown
    unkeyed = raw[raw["key"].isna()] if "persons" in raw.columns else raw.iloc[0:0]
    persons = dict(zip(zip(unkeyed["indicator_id"], unkeyed["peildatum"]),
                       unkeyed["persons"].tolist())) if not unkeyed.empty else {}
    dates = sorted(set(df["peildatum"]))
    prev = year_before(peildatum)
    month = max((d for d in dates if d < peildatum), default=None)
    cells = {}  # indicator -> peildatum -> row; dicts, because ~2.500 .loc calls cost 0,1 s
    by_id = cat.by_id(cat.from_frame(rows_of_catalogue))
    # rows from column lists: to_dict("records") boxes every value (~10 ms a call)
    wanted = ["indicator_id", "peildatum", "value", "numerator", "denominator", "suppressed",
              "weergave", "reden"]
    for row in zip(*(df[c].tolist() for c in wanted)):
        cells.setdefault(row[0], {})[row[1]] = {**dict(zip(wanted, row)),
                                                "persons": persons.get((row[0], row[1]))}
    rows = []
    for ind in rows_of_catalogue.to_dict("records"):
        mine = cells.get(ind["id"], {})
        now, before, last_month = mine.get(peildatum), mine.get(prev), mine.get(month)
        rows.append({
            **ind,
            "peildatum": peildatum,
            "value": (0.0 if ind["eenheid"] == "aantal" else None) if now is None else now["value"],
            "numerator": None if now is None else now["numerator"],
            "denominator": None if now is None else now["denominator"],
            "suppressed": False if now is None else bool(now["suppressed"]),
            "weergave": None if now is None else now["weergave"],
            "reden": ((not_splittable(by_id[ind["id"]], filters)
                       or "Geen gegevens op deze peildatum of voor dit filter.") if now is None
                      else now["reden"]),
            "vorig_jaar_peildatum": prev,
            "lopend": is_running(ind["frequentie"], peildatum),
            "vorig_jaar": None if before is None else before["value"],
            "vorig_jaar_noemer": None if before is None else before["denominator"],
            # the persons a share counts, for the chance test of the signals
            # (never shown: a hidden cell has none)
            "personen": _persons(now),
            "vorig_jaar_personen": _persons(before),
            "vorige_maand": None if last_month is None else last_month["value"],
            "sparkline": [(d, mine[d]["value"] if d in mine else None)
                          for d in dates if d <= peildatum],
        })
    out = pd.DataFrame(rows)
    for col in ("value", "numerator", "denominator", "vorig_jaar", "vorig_jaar_noemer",
                "vorige_maand"):
        out[col] = pd.Series([None if v is None or pd.isna(v) else v for v in out[col]],
                             index=out.index, dtype=object)
    return out


# --- pages other than the indicator overview --------------------------------

def _protect_counts(df: pd.DataFrame, columns: list[str], linked: dict | None = None) -> pd.DataFrame:
    """Counts of 1-4 persons in `columns` become None; a column in `linked`
    is hidden along with the one it can be derived from."""
    df = df.copy()
    for col in columns:
        df[col] = df[col].astype(object)
        small = df[col].map(lambda x: x is not None and not pd.isna(x) and 0 < x < 5)
        df.loc[small, col] = None
        for derived in (linked or {}).get(col, []):
            df[derived] = df[derived].astype(object)
            df.loc[small, derived] = None
    return df


def warm(path=None) -> None:
    """Take the decisions every later filter choice shares (warm_steps) at once."""
    for step in warm_steps(path):
        step()


def warm_steps(path=None):
    """The decisions every later filter choice shares, as steps of a second
    or so each (nationally), so that background work can give way to a page
    between them: the family of every dimension, chunk by chunk, which the
    first filter on or breakdown by that dimension needs, first that of the
    gemeente (the breakdown by gemeente under no other filter, 342 siblings
    per cell nationally), which every other family and the first user to
    pick a gemeente need; and the route and the cohort curves over their
    gemeenten."""
    codes = list(gemeente_namen(path))
    version = store.store_version(path)
    chunks = range(len(_family_chunks(path, version)))
    for dimension in ("gemeentecode", *PERSON_DIMENSIONS, *MARGIN_DIMENSIONS):
        for n in chunks:
            yield lambda dimension=dimension, n=n: _family_chunk(dimension, n, path, version)
        if dimension == "gemeentecode" and len(codes) > 1:
            # the sidebar opens on the default peildatum, which is part of
            # the key of what a gemeente pick reads besides the family
            yield lambda: headline(Filters(peildatum=default_peildatum(path),
                                           gemeenten=(codes[0],)), path=path)
    # the blocks decided over their gemeenten, at the peildatum pages open on
    default = default_peildatum(path)
    if default is not None:
        yield lambda: _route_cells(default, path, version)
        yield lambda: _cohort_cells(default, path, version)


#: The blocks (the route, the cohort curves, the wijken, land van herkomst,
#: the Z-route, the VISTA levels) follow the gemeente and the peildatum
#: only: each is one decision over its gemeenten with their region, and
#: under a person filter too they would be a second dimension beside the
#: gemeente, whose hidden counts the filtered and unfiltered views together
#: give away (tests/adversary.py). The registry's `follows` says the same.
BLOCK_FILTERS = ("peildatum", "gemeenten")


def block_filters(filters: Filters) -> Filters:
    """The filters a block follows: the gemeente and the peildatum."""
    return Filters(peildatum=filters.peildatum, gemeenten=filters.gemeenten)


ROUTE_FAMILY = ["stap", "step"]


@lru_cache(maxsize=8)
def _route_cells(peildatum, path, version) -> pd.DataFrame:
    """The persons per step and gemeente at P with the region, protected as
    one family per step (protect_place_family): every choice of gemeenten
    shows sums of these cells. Per store version: the same for every user."""
    df = store.query("route_funnel", _params(Filters(), peildatum=peildatum, per_gemeente=True),
                     path=path)
    df = df.assign(numerator=df["persons"], denominator=None)
    return protect_place_family(df[ROUTE_FAMILY + ["gemeentecode", "numerator", "denominator",
                                                   "persons"]],
                                "gemeentecode", ROUTE_FAMILY, "aantal")


def route(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """The inburgeringsroute funnel at filters.peildatum (default: latest):
    per step the persons who reached it and the median lead days from the
    previous step; termijn_lopend / termijn_verstreken for active persons.
    Follows the gemeente only (BLOCK_FILTERS). The counts are sums of the
    cells of one decision over gemeenten x steps (_route_cells), so no
    hidden count follows from the region minus the shown gemeenten; a median
    needs 10 persons."""
    p = filters.peildatum or default_peildatum(path)
    f = block_filters(filters)
    counts = place_selection(_route_cells(p, path, store.store_version(path)), "gemeentecode",
                             ROUTE_FAMILY, "aantal", f.gemeenten)
    df = store.query("route_funnel", _params(f, peildatum=p, per_gemeente=False), path=path)
    medians = {s: (None if n < 10 or pd.isna(m) else m)
               for s, m, n in zip(df["stap"], df["mediaan_dagen"], df["mediaan_n"])}
    counts = counts.sort_values("stap").reset_index(drop=True)
    out = pd.DataFrame({"stap": counts["stap"], "step": counts["step"], "peildatum": p,
                        "eenheid": "aantal", "numerator": counts["numerator"],
                        "denominator": None, "value": counts["value"],
                        "mediaan_dagen": [medians.get(s) for s in counts["stap"]],
                        "suppressed": counts["suppressed"].astype(bool),
                        "reden": counts["reden"], "weergave": counts["weergave"]})
    for col in ("numerator", "value", "mediaan_dagen", "reden", "weergave"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def huisvesting_wijk(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Housed persons per wijk at the peildatum; wijken are the siblings of
    their gemeente total."""
    p = filters.peildatum or default_peildatum(path)
    # the gemeente only (BLOCK_FILTERS): a wijk under a doelgroep filter is
    # a cell of wijken x doelgroepen, which the gemeente total alone
    # does not protect
    df = store.query("huisvesting_wijk", {"peildatum": p, "gemeenten": list(filters.gemeenten),
                                          "doelgroep": []}, path=path)
    if df.empty:
        return protect(df.assign(value=[], numerator=[], denominator=[], is_total=[]), unit="aantal")
    totals = df.groupby(["gemeentecode", "gemeente"], as_index=False, dropna=False)["persons"].sum()
    totals["wijkcode"] = "Totaal"
    totals["is_total"] = True
    df["is_total"] = False
    df = pd.concat([totals, df], ignore_index=True)
    df["numerator"] = df["value"] = df["persons"]
    df["denominator"] = None
    out = protect(df, unit="aantal", group_by=["gemeentecode"])
    # the share of a hidden count is hidden with it
    total = out[out["is_total"]].set_index("gemeentecode")["value"]
    den = pd.to_numeric(out["gemeentecode"].map(total), errors="coerce")
    share = 100.0 * pd.to_numeric(out["value"], errors="coerce") / den.where(den > 0)
    out["aandeel_pct"] = share.astype(object).where(share.notna() & ~out["suppressed"], None)
    return out


def azc_bezetting(path=None) -> pd.DataFrame:
    """Capacity and occupancy are public COA figures and shown in full; the
    counts of residents with a permit, not in the BRP and minors are not."""
    df = store.query("azc_bezetting", path=path)
    return _protect_counts(df, ["vergunninghouders", "niet_in_brp", "minderjarig"])


def taakstelling(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Per half year and gemeente, and `ALL` for the chosen gemeenten. Public
    figures of the Rijk: exempt from disclosure control (indicators.md)."""
    return store.query("taakstelling", {"gemeenten": list(filters.gemeenten)}, path=path)


def acties(path=None) -> pd.DataFrame:
    """No person data: the action plan and its progress."""
    return store.query("acties", path=path)


def databronnen(path=None) -> pd.DataFrame:
    """Files and rejections per reason: counts of rows, not of persons."""
    return store.query("databronnen", path=path)


# --- filter choices and source freshness ---------------------------------------

AGE_GROUPS = dims.BY_COLUMN["leeftijdsgroep"].order


def gemeente_namen(path=None) -> dict[str, str]:
    """Gemeentecode -> name, for every gemeente of the configured region."""
    df = store.query("gemeenten", path=path)
    return dict(zip(df["gemeentecode"], df["naam"]))


def filter_options(path=None) -> dict:
    """Allowed values per Filters field, for the sidebar and for
    monitor.filters.filters_from_query."""
    df = store.query("ui_filter_options", path=path)
    opts = {veld: list(g["waarde"]) for veld, g in df.groupby("veld")}
    for d in dims.TABLE:
        if d.kind == "gemeente":
            continue
        # fixed members (the age groups) are there before data has them;
        # the rest in the dimension's order, residual members last
        opts[d.field] = list(d.order) if d.fixed else d.sort_members(opts.get(d.field, []))
    opts["peildatum"] = peildata(path)
    chosen = peildatum_default(path, opts["peildatum"])
    opts["peildatum_default"] = chosen.date
    opts["peildatum_bepaald_door"] = [SOURCE_NAMES.get(e, e) for e in chosen.deciding]
    opts["gemeenten"] = list(gemeente_namen(path))
    return opts


# Expected delivery frequency per extract (data-contract.md), in days, with
# the Dutch word for it. A source is "Verouderd" once its newest file is older
# than the frequency plus a margin of half of it.
FREQUENCY = {
    "inburgeraars": ("maandelijks", 31), "participatie": ("maandelijks", 31),
    "uitkeringen": ("maandelijks", 31), "coa_bezetting": ("maandelijks", 31),
    "coa_koppelingen": ("maandelijks", 31), "vista_voortgang": ("maandelijks", 31),
    "taakstelling": ("halfjaarlijks", 183), "begroting": ("jaarlijks", 366),
    "acties": ("per kwartaal", 92), "enquete": ("jaarlijks", 366),
}
SOURCE_NAMES = {
    "inburgeraars": "Inburgeraars (gemeente)", "participatie": "Participatie (gemeente)",
    "uitkeringen": "Uitkeringen (gemeente)", "taakstelling": "Taakstelling (gemeente)",
    "coa_bezetting": "Bezetting (COA)", "coa_koppelingen": "Koppelingen (COA)",
    "vista_voortgang": "Voortgang (VISTA-college)", "begroting": "Begroting (gemeente)",
    "acties": "Acties uitvoeringsprogramma (gemeente)", "enquete": "Enquête inburgeraars (gemeente)",
}


# Extracts whose file name carries a month (jjjjmm) or a year instead of a
# day: dated at the end of their period, which may lie after today.
MONTH_NAMED = {"uitkeringen", "coa_bezetting", "coa_koppelingen"}
YEAR_NAMED = {"enquete"}


def databronnen_versheid(today: dt.date | None = None, path=None) -> pd.DataFrame:
    """Per source: newest file date used, its age on `today`, the expected
    frequency, and a status Actueel / Verouderd / Ontbreekt, or Zonder
    datum for a snapshot whose file name carries no date (taakstelling.csv)."""
    today = today or dt.date.today()
    files = databronnen(path)
    files = files[files["used"].fillna(False).astype(bool)] if not files.empty else files
    rows = []
    for extract, (word, days) in FREQUENCY.items():
        mine = files[files["extract"] == extract] if not files.empty else files
        newest = None if mine.empty or mine["file_date"].isna().all() else \
            pd.Timestamp(mine["file_date"].max()).date()
        # a file of a month is dated at its month end, which may lie after
        # today within that month; any later date is an error of the delivery
        latest_valid = (dt.date(today.year, 12, 31) if extract in YEAR_NAMED
                        else month_end(today) if extract in MONTH_NAMED else today)
        age = None if newest is None else (today - newest).days
        status = ("Ontbreekt" if mine.empty
                  else "Zonder datum" if newest is None
                  else "Datum in de toekomst" if newest > latest_valid
                  else "Lopende periode" if newest > today
                  else "Actueel" if age <= days * 1.5 else "Verouderd")
        # a period that has not ended has no age yet
        age = None if age is None or age < 0 else age
        rows.append({"extract": extract, "bron": SOURCE_NAMES.get(extract, extract),
                     "frequentie": word, "nieuwste": newest, "leeftijd_dagen": age,
                     "status": status})
    return pd.DataFrame(rows)


# --- cohort curves ------------------------------------------------------------------

COHORT_MEASURES = ("werk", "uitkering", "pip", "leerroute")


COHORT_FAMILY = ["measure", "cohort", "months"]


@lru_cache(maxsize=8)
def _cohort_cells(peildatum, path, version) -> pd.DataFrame:
    """The cohort points per gemeente at P with the region, protected as one
    family per point (protect_place_family): every choice of gemeenten
    shows sums of these cells, so no hidden point follows from the region
    minus the shown gemeenten (its denominator is printed with it)."""
    df = store.query("cohort_curves", {"peildatum": peildatum, "gemeenten": [], "doelgroep": [],
                                       "geslacht": [], "per_gemeente": True}, path=path)
    df = df.assign(persons=df["denominator"])
    return protect_place_family(df, "gemeentecode", COHORT_FAMILY, "pct")


def cohort_curves(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Per measure x cohort x months since the start date: the share with
    the outcome (definitions in sql/marts/mart_cohort_curves.sql), points
    observed by the peildatum only. A share needs 10 persons and neither
    its numerator nor the rest may be 1-4; each point is decided once over
    the gemeenten and their region (_cohort_cells). Follows the gemeente
    only (BLOCK_FILTERS)."""
    p = filters.peildatum or default_peildatum(path)
    cells = _cohort_cells(p, path, store.store_version(path))
    out = place_selection(cells, "gemeentecode", COHORT_FAMILY, "pct",
                          block_filters(filters).gemeenten)
    out = out.sort_values(COHORT_FAMILY).reset_index(drop=True)
    out = out[COHORT_FAMILY + ["numerator", "denominator", "value", "suppressed", "weergave",
                               "reden"]]
    for col in ("numerator", "denominator", "value", "weergave", "reden"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


# --- land van herkomst ----------------------------------------------------------------

COUNTRY_REST = "Overig"  # the store's group of rare countries (sql/intermediate/int_landen.sql)


def land_van_herkomst(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Housed persons per land van herkomst at the peildatum, the total
    first. The countries are the store's one grouping (rare ones in
    "Overig", as in every breakdown by land van herkomst). The decision is
    taken over gemeenten x landen at once (protect_count_grid), the region
    and every gemeente, whichever gemeenten are chosen: a hidden count
    follows neither from the total nor from the region minus the gemeenten;
    secondary suppression gives up Overig and Onbekend first."""
    p = filters.peildatum or default_peildatum(path)
    everywhere = Filters()  # the gemeente only (BLOCK_FILTERS), decided over all of them
    df = store.query("land_van_herkomst", _params(everywhere, peildatum=p), path=path)
    if df.empty:
        cells = pd.DataFrame(columns=["land", "value", "suppressed", "weergave", "reden"])
    else:
        grid = protect_count_grid(df, "gemeentecode", "land")
        cells = grid_selection(grid, "gemeentecode", "land", filters.gemeenten)
    counts = {c: v for c, v in zip(cells["land"], cells["value"]) if c != TOTAL}
    rest = [c for c in (COUNTRY_REST, "Onbekend") if c in counts]
    # largest first; a hidden count sorts as the smallest
    shown = sorted((c for c in counts if c not in rest),
                   key=lambda c: (-(counts[c] if counts[c] is not None else 0), c))
    order = {c: i for i, c in enumerate([TOTAL] + shown + rest)}
    out = cells[cells["land"].isin(order)].copy()
    out = out.iloc[sorted(range(len(out)), key=lambda i: order[out["land"].iat[i]])]
    out = out.reset_index(drop=True)
    out["is_total"] = out["land"] == TOTAL
    out["land"] = out["land"].where(~out["is_total"], "Totaal")
    out["numerator"] = out["value"]
    out["denominator"] = None
    out = out[["land", "is_total", "value", "numerator", "denominator", "suppressed", "weergave",
               "reden"]]
    for col in ("value", "numerator", "weergave", "reden"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    total = _number_or_none(out.loc[out["is_total"], "value"])
    out["aandeel_pct"] = pd.Series([None if s or not total else 100.0 * float(v) / total
                                     for v, s in zip(out["value"], out["suppressed"])],
                                    index=out.index, dtype=object)
    return out


def _number_or_none(values: pd.Series) -> float | None:
    v = values.iloc[0] if len(values) else None
    return None if v is None or pd.isna(v) else float(v)


# --- comparing gemeenten (monitor.compare does the statistics) ---------------------------

def gemeente_kenmerken(path=None) -> pd.DataFrame:
    """Every gemeente with the region file's public attributes, by code: no
    person data."""
    return store.query("gemeente_kenmerken", path=path).set_index("gemeentecode")


def compare_strata(indicator_id: str, peildatum: dt.date, path=None) -> pd.DataFrame:
    """Numerator and denominator per gemeente and stratum, for the indirect
    standardisation in monitor.compare only: its counts never leave that
    module (only an expected share does, for a gemeente that is shown)."""
    return store.query("compare_strata", {"indicator": indicator_id, "peildatum": peildatum},
                       path=path)


def compare_distribution(indicator_id: str, peildatum: dt.date, path=None) -> pd.DataFrame:
    """Persons per value of a median indicator per gemeente, for a median's
    limits in monitor.compare only (never shown: only the group's median and
    its guarded limits are)."""
    return store.query("compare_distribution", {"indicator": indicator_id,
                                                "peildatum": peildatum}, path=path)


def compare_features(peildatum: dt.date, path=None) -> pd.DataFrame:
    """Persons with a PIP per gemeente and leerroute / land van herkomst
    group, for finding nearest neighbours only (never shown)."""
    from .compare import FEATURE_INDICATOR
    return store.query("compare_features", {"indicator": FEATURE_INDICATOR,
                                            "peildatum": peildatum}, path=path)
