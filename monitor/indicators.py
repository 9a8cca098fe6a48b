"""Query API for the pages: indicator values from the store, disclosure-controlled.

Every function runs a file of sql/queries/ through monitor.store.query and
passes the result through monitor.disclosure before returning it; nothing here
imports Streamlit. Filters: see monitor.filters.Filters (empty = all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

import pandas as pd

from . import store
from . import catalogue as cat
from . import dimensions as dims
from .disclosure import protect, suppressed_mask
from .filters import (DIMENSIONS, MARGIN_DIMENSIONS, PERSON_DIMENSIONS, Filters, active_margin,
                      combination_conflict)
from .presentation import is_running, year_earlier

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
    margins = dims.listed(dims.word(d) for d in MARGIN_DIMENSIONS)
    return (f"De combinatie van {listed} is niet beschikbaar: {margins} gaan alleen samen met "
            "gemeente en peildatum. Haal een van deze filters of de uitsplitsing weg.")


def _cells(filters: Filters, indicators=(), dates=(), dimension: str = "", per_key=False,
           path=None, values=True) -> pd.DataFrame:
    if dimension and dimension not in DIMENSIONS:
        raise ValueError(f"onbekende dimensie: {dimension}")
    conflict = combination_conflict(filters, dimension)
    if conflict:
        raise UnavailableCombination(unavailable_text(conflict))
    params = _params(filters, indicators=list(indicators), peildata=list(dates),
                     dimension=dimension, per_key=per_key, values=values)
    margin = active_margin(filters) or (dimension if dimension in MARGIN_DIMENSIONS else "")
    params["margin"] = margin
    params["margin_values"] = list(getattr(filters, margin)) if margin else []
    for d in MARGIN_DIMENSIONS:
        params.pop(d)
    # The smallest table that can answer: without person filters a rollup
    # over the person dimensions, without any filter the region totals; a
    # marginal dimension has its own table and its region sum.
    person_filtered = any(params[d] for d in PERSON_DIMENSIONS)
    by_gemeente = bool(params["gemeenten"]) or dimension == "gemeentecode"
    if margin:
        params["source"] = "margin" if by_gemeente else "margin_region"
    elif (person_filtered or dimension not in ("", "gemeentecode")) and not by_gemeente:
        params["source"] = "person"
    elif person_filtered or dimension not in ("", "gemeentecode"):
        params["source"] = "cube"
    elif dimension or params["gemeenten"]:
        params["source"] = "rollup"
    else:
        params["source"] = "region"
    out = store.query("cube_cells", params, path=path)
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


def _hidden_of(others: Filters, indicators: tuple, dimension: str, path) -> pd.DataFrame:
    # without the medians, whose decision reads only their persons; and the
    # numbers as they come, not as the objects _values makes for the pages
    total = _cells(others, indicators, path=path, values=False).assign(is_total=True, member=None)
    parts = _cells(others, indicators, dimension=dimension, path=path,
                   values=False).assign(is_total=False)
    both = pd.concat([total, parts], ignore_index=True)
    both["key_group"] = _key_group(both["key"])
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


def _protect_filtered(df: pd.DataFrame, filters: Filters, indicators=(), path=None) -> pd.DataFrame:
    """Disclosure control for cells under filters, with one decision per cell
    across views: a selection that contains a member hidden in the breakdown
    by that dimension (under the other filters) is hidden too, so a filter
    can never show, or difference out, a cell a breakdown hides."""
    out = protect(df)
    cells = None
    for dimension, field in FILTER_FIELDS.items():
        chosen = tuple(getattr(filters, field))
        if not chosen:
            continue
        others = replace(filters, **{field: ()})
        hidden = _hidden_in_breakdown(others, tuple(indicators), dimension, path=path,
                                      version=store.store_version(path))
        mine = hidden[hidden["member"].isin(chosen)]
        if mine.empty or out.empty:
            continue
        if cells is None:
            cells = pd.MultiIndex.from_arrays([out["indicator_id"].astype(str), out["peildatum"],
                                               _key_group(out["key"])])
        hit = pd.MultiIndex.from_arrays([mine["indicator_id"].astype(str), mine["peildatum"],
                                         mine["key_group"].astype(str)])
        mask = cells.isin(hit) & ~out["suppressed"].to_numpy(dtype=bool)
        if mask.any():
            out.loc[mask, ["value", "numerator", "denominator"]] = None
            out.loc[mask, "suppressed"] = True
            out.loc[mask, "weergave"] = "–"
            out.loc[mask, "reden"] = REASON_FILTER
    return out


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
    total = _cells(filters, [indicator_id], [peildatum], "", path=path)
    parts = _cells(filters, [indicator_id], [peildatum], dimension, path=path)
    total["is_total"] = True
    parts["is_total"] = False
    df = pd.concat([total, parts], ignore_index=True)
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


def headline(filters: Filters, path=None) -> pd.DataFrame:
    """Every catalogue indicator at the filters' peildatum: value, the value a year before
    (the latest peildatum at least 365 days earlier), and the sparkline
    series (values per peildatum up to P, None where suppressed)."""
    peildatum = filters.peildatum or latest_peildatum(path)
    rows_of_catalogue = catalogue(path)
    df = _protect_filtered(_with_zero_counts(_cells(filters, path=path), path=path), filters,
                           path=path)
    dates = sorted(set(df["peildatum"]))
    prev = year_earlier(peildatum, dates)
    month = max((d for d in dates if d < peildatum), default=None)
    cells = {}  # indicator -> peildatum -> row; dicts, because ~2.500 .loc calls cost 0,1 s
    by_id = cat.by_id(cat.from_frame(rows_of_catalogue))
    # rows from column lists: to_dict("records") boxes every value (~10 ms a call)
    wanted = ["indicator_id", "peildatum", "value", "numerator", "denominator", "suppressed",
              "weergave", "reden"]
    for row in zip(*(df[c].tolist() for c in wanted)):
        cells.setdefault(row[0], {})[row[1]] = dict(zip(wanted, row))
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
    """Take the decision every later gemeente choice shares: the headline's
    breakdown by gemeente under no other filter (nationally 342 siblings per
    cell, seconds), so the first user to pick a gemeente after a load does
    not wait for it."""
    codes = list(gemeente_namen(path))
    if len(codes) > 1:
        # the sidebar opens on the latest peildatum, which is part of the key
        headline(Filters(peildatum=latest_peildatum(path), gemeenten=(codes[0],)), path=path)


def route(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """The inburgeringsroute funnel at filters.peildatum (default: latest):
    per step the persons who reached it and the median lead days from the
    previous step; termijn_lopend / termijn_verstreken for active persons."""
    p = filters.peildatum or latest_peildatum(path)
    df = store.query("route_funnel", _params(filters, peildatum=p), path=path)
    n = df["persons"].astype(int)
    out = pd.DataFrame({"stap": df["stap"], "step": df["step"], "peildatum": p, "eenheid": "aantal",
                        "numerator": n, "denominator": None, "persons": n, "value": n,
                        "mediaan_dagen": df["mediaan_dagen"].astype(object)
                        .where(df["mediaan_dagen"].notna(), None),
                        "mediaan_n": df["mediaan_n"].astype(int)})
    out["mediaan_dagen"] = [None if n < 10 else m for m, n in zip(out["mediaan_dagen"],
                                                                   out["mediaan_n"])]
    return protect(out.drop(columns=["mediaan_n"]))


def huisvesting_wijk(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Housed persons per wijk at the peildatum; wijken are the siblings of
    their gemeente total."""
    p = filters.peildatum or latest_peildatum(path)
    df = store.query("huisvesting_wijk", {"peildatum": p, "gemeenten": list(filters.gemeenten),
                                          "doelgroep": list(filters.doelgroep)}, path=path)
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


def _month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


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
                        else _month_end(today) if extract in MONTH_NAMED else today)
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


def cohort_curves(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Per measure x cohort x months since the start date: the share with
    the outcome (definitions in sql/marts/mart_cohort_curves.sql), points
    observed by the peildatum only. Each point is its own cell (no totals,
    so no secondary suppression): a share needs 10 persons, a numerator of
    1-4 is not printed. Gemeente, doelgroep and geslacht filter; the other
    person filters do not apply (leeftijdsgroep is an age at P, cohort the
    PIP year)."""
    p = filters.peildatum or latest_peildatum(path)
    df = store.query("cohort_curves", {"peildatum": p, "gemeenten": list(filters.gemeenten),
                                       "doelgroep": list(filters.doelgroep),
                                       "geslacht": list(filters.geslacht)}, path=path)
    df = df.assign(persons=df["denominator"],
                   value=100.0 * df["numerator"] / df["denominator"].where(df["denominator"] > 0))
    return protect(df, unit="pct")


# --- land van herkomst ----------------------------------------------------------------

COUNTRY_REST = "Overig"  # the store's group of rare countries (sql/intermediate/int_landen.sql)


def land_van_herkomst(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Housed persons per land van herkomst at the peildatum, the total
    first. The countries are the store's one grouping (rare ones in
    "Overig", as in every breakdown by land van herkomst); a count of 1-4 is
    hidden, and secondary suppression gives up Overig and Onbekend first, so
    no hidden count follows from the total."""
    p = filters.peildatum or latest_peildatum(path)
    df = store.query("land_van_herkomst", _params(filters, peildatum=p), path=path)
    counts = dict(zip(df["land"], df["persons"].astype(int)))
    rest = [c for c in (COUNTRY_REST, "Onbekend") if c in counts]
    shown = sorted((c for c in counts if c not in rest), key=lambda c: (-counts[c], c))
    rows = ([("Totaal", sum(counts.values()), True)]
            + [(c, counts[c], False) for c in shown + rest])
    out = pd.DataFrame(rows, columns=["land", "persons", "is_total"])
    out["numerator"] = out["value"] = out["persons"]
    out["denominator"] = None
    out = protect(out, unit="aantal", member="land")
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


def compare_features(peildatum: dt.date, path=None) -> pd.DataFrame:
    """Persons with a PIP per gemeente and leerroute / land van herkomst
    group, for finding nearest neighbours only (never shown)."""
    from .compare import FEATURE_INDICATOR
    return store.query("compare_features", {"indicator": FEATURE_INDICATOR,
                                            "peildatum": peildatum}, path=path)
