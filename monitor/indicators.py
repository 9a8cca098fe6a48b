"""Query API for the pages: indicator values from the store, disclosure-controlled.

Every function runs a file of sql/queries/ through monitor.store.query and
passes the result through monitor.disclosure before returning it; nothing here
imports Streamlit. Filters: see monitor.filters.Filters (empty = all).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import store
from .disclosure import protect, weighted_median
from .filters import DIMENSIONS, Filters

MEDIAN_UNITS = {"dagen", "uren"}
VALUE_COLUMNS = ["value", "numerator", "denominator", "persons"]


def catalogue(path=None) -> pd.DataFrame:
    """The indicator catalogue (ref_indicators): no person data, no control needed."""
    return store.query("catalogue", path=path)


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


def _cells(filters: Filters, indicators=(), dates=(), dimension: str = "", per_key=False,
           path=None) -> pd.DataFrame:
    if dimension and dimension not in DIMENSIONS:
        raise ValueError(f"onbekende dimensie: {dimension}")
    params = _params(filters, indicators=list(indicators), peildata=list(dates),
                     dimension=dimension, per_key=per_key)
    # The smallest table that can answer: without person filters a rollup
    # over the person dimensions, without any filter the region totals.
    person_filtered = any(params[d] for d in DIMENSIONS if d != "gemeentecode")
    if person_filtered or dimension not in ("", "gemeentecode"):
        params["source"] = "cube"
    elif dimension or params["gemeenten"]:
        params["source"] = "rollup"
    else:
        params["source"] = "region"
    return _values(store.query("cube_cells", params, path=path))


def _values(df: pd.DataFrame) -> pd.DataFrame:
    """value per cell: pct = 100*num/den, aantal = num, medians as the query
    computed them (numerator None, denominator = persons)."""
    keys = ["indicator_id", "peildatum", "key", "member"]
    if df.empty:
        return pd.DataFrame(columns=keys + ["eenheid", "teller_personen"] + VALUE_COLUMNS)
    num, den = df["numerator"].astype(float), df["denominator"].astype(float)
    pct = (100.0 * num / den).where(den > 0)
    value = pct.where(df["eenheid"] != "aantal", num)
    value = value.where(~df["eenheid"].isin(MEDIAN_UNITS), df["median"].astype(float))
    out = df.drop(columns=["median"]).assign(value=value)
    out["peildatum"] = pd.to_datetime(out["peildatum"]).dt.date
    for column in ("key", "member", "numerator", "value"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def _round(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["value"] = pd.Series([None if v is None or pd.isna(v) else round(float(v), 1)
                             for v in df["value"]], index=df.index, dtype=object)
    return df


def series(indicator_id: str, filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Value per peildatum (no key: taakstelling = the half year of P;
    occupancy = all locations together)."""
    df = _cells(filters, indicators=[indicator_id], path=path)
    return _round(protect(df)).sort_values("peildatum").reset_index(drop=True)


def breakdown(indicator_id: str, peildatum: dt.date, dimension: str,
              filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """The indicator at `peildatum` per value of `dimension`, with the total
    (is_total) first; secondary suppression among the members."""
    total = _cells(filters, [indicator_id], [peildatum], "", path=path)
    parts = _cells(filters, [indicator_id], [peildatum], dimension, path=path)
    total["is_total"] = True
    parts["is_total"] = False
    df = pd.concat([total, parts], ignore_index=True)
    df["member"] = [("Totaal" if t else m) for t, m in zip(df["is_total"], df["member"])]
    df = protect(df, group_by=["indicator_id", "peildatum"])
    return _round(df)


def by_gemeente(indicator_id: str, peildatum: dt.date, filters: Filters = Filters(),
                path=None) -> pd.DataFrame:
    df = breakdown(indicator_id, peildatum, "gemeentecode", filters, path=path)
    names = store.query("gemeenten", path=path)
    df = df.merge(names, how="left", left_on="member", right_on="gemeentecode")
    df["naam"] = df["naam"].where(~df["is_total"], "Regio")
    return df.drop(columns=["gemeentecode"])


def headline(peildatum: dt.date, filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Every catalogue indicator at `peildatum`: value, the value a year before
    (the latest peildatum at least 365 days earlier), and the sparkline
    series (values per peildatum up to P, None where suppressed)."""
    cat = catalogue(path)
    df = _round(protect(_cells(filters, path=path)))
    dates = sorted(set(df["peildatum"]))
    prev = max((d for d in dates if d <= peildatum - dt.timedelta(days=365)), default=None)
    cells = {}  # indicator -> peildatum -> row; dicts, because ~2.500 .loc calls cost 0,1 s
    for row in df.to_dict("records"):
        cells.setdefault(row["indicator_id"], {})[row["peildatum"]] = row
    rows = []
    for ind in cat.to_dict("records"):
        mine = cells.get(ind["id"], {})
        now, before = mine.get(peildatum), mine.get(prev)
        rows.append({
            **ind,
            "peildatum": peildatum,
            "value": (0.0 if ind["eenheid"] == "aantal" else None) if now is None else now["value"],
            "numerator": None if now is None else now["numerator"],
            "denominator": None if now is None else now["denominator"],
            "suppressed": False if now is None else bool(now["suppressed"]),
            "weergave": None if now is None else now["weergave"],
            "reden": ("Geen gegevens op deze peildatum of voor dit filter." if now is None
                      else now["reden"]),
            "vorig_jaar_peildatum": prev,
            "vorig_jaar": None if before is None else before["value"],
            "sparkline": [(d, mine[d]["value"] if d in mine else None)
                          for d in dates if d <= peildatum],
        })
    out = pd.DataFrame(rows)
    for col in ("value", "numerator", "denominator", "vorig_jaar"):
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


def route(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """The inburgeringsroute funnel at filters.peildatum (default: latest):
    per step the persons who reached it and the median lead days from the
    previous step; termijn_lopend / termijn_verstreken for active persons."""
    p = filters.peildatum or latest_peildatum(path)
    df = store.query("route_funnel", _params(filters, peildatum=p), path=path)
    rows = []
    for (stap, step), g in df.groupby(["stap", "step"], sort=True):
        lead = g.dropna(subset=["lead_days"])
        n = int(g["persons"].sum())
        rows.append({"stap": stap, "step": step, "peildatum": p, "eenheid": "aantal",
                     "numerator": n, "denominator": None, "persons": n, "value": n,
                     "mediaan_dagen": weighted_median(lead["lead_days"], lead["persons"]),
                     "mediaan_n": int(lead["persons"].sum())})
    out = pd.DataFrame(rows, columns=["stap", "step", "peildatum", "eenheid", "numerator",
                                      "denominator", "persons", "value", "mediaan_dagen",
                                      "mediaan_n"])
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
    return protect(df, unit="aantal", group_by=["gemeentecode"])


def azc_bezetting(path=None) -> pd.DataFrame:
    df = store.query("azc_bezetting", path=path)
    return _protect_counts(df, ["bezetting", "vergunninghouders", "niet_in_brp", "minderjarig"])


def taakstelling(filters: Filters = Filters(), path=None) -> pd.DataFrame:
    df = store.query("taakstelling", {"gemeenten": list(filters.gemeenten)}, path=path)
    return _protect_counts(df, ["gehuisvest"], linked={"gehuisvest": ["achterstand_eind"]})


def acties(path=None) -> pd.DataFrame:
    """No person data: the action plan and its progress."""
    return store.query("acties", path=path)


def databronnen(path=None) -> pd.DataFrame:
    """Files and rejections per reason: counts of rows, not of persons."""
    return store.query("databronnen", path=path)


# --- pages block (issue 5): filter choices and source freshness ---------------
# Added by the pages' engineer; the functions above are untouched.

AGE_GROUPS = ("0-17", "18-26", "27-39", "40-54", "55+", "Onbekend")
_DOELGROEP_ORDER = ("Asielstatushouder", "Nareiziger", "Gezinsmigrant", "Overig")


def gemeente_namen(path=None) -> dict[str, str]:
    """Gemeentecode -> name, for every gemeente of the configured region."""
    df = store.query("gemeenten", path=path)
    return dict(zip(df["gemeentecode"], df["naam"]))


def filter_options(path=None) -> dict:
    """Allowed values per Filters field, for the sidebar and for
    monitor.filters.filters_from_query."""
    df = store.query("ui_filter_options", path=path)
    opts = {veld: list(g["waarde"]) for veld, g in df.groupby("veld")}
    doel = opts.get("doelgroep", [])
    opts["doelgroep"] = ([d for d in _DOELGROEP_ORDER if d in doel]
                         + sorted(d for d in doel if d not in _DOELGROEP_ORDER))
    opts["leeftijdsgroep"] = list(AGE_GROUPS)
    opts["peildatum"] = peildata(path)
    opts["gemeenten"] = list(gemeente_namen(path))
    for veld in ("geslacht", "leerroute", "cohort"):
        opts.setdefault(veld, [])
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
        # a monthly file is dated at its month end, which may lie after today
        age = None if newest is None else max(0, (today - newest).days)
        status = ("Ontbreekt" if mine.empty
                  else "Zonder datum" if newest is None
                  else "Actueel" if age <= days * 1.5 else "Verouderd")
        rows.append({"extract": extract, "bron": SOURCE_NAMES.get(extract, extract),
                     "frequentie": word, "nieuwste": newest, "leeftijd_dagen": age,
                     "status": status})
    return pd.DataFrame(rows)
