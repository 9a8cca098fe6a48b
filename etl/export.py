"""`python -m etl export --db FILE --peildatum JJJJ-MM-DD`: every catalogue
indicator at one peildatum as the JSON of indicators.md, disclosure-controlled.

The store is opened read-only; the indicator views read the peildatum from the
DuckDB variable `peildata`, so any date works, not only the materialised month
ends. Indicators come for ALL (sum over the gemeenten) and per gemeentecode,
with the key where the definition has one; the AZC occupancy for ALL only.

Beside the catalogue indicators, the figures the pages show as blocks, each
made by the same function as on screen, so every cell gets the one disclosure
decision it gets there (a hidden count is null and named in `verborgen`):
- `z_route`: per gemeente and ALL, the active Z-route persons, behind / on /
  ahead of schedule, the hours per week of their ongoing activities and the
  hours needed under both norms (monitor.zroute), with seed 002's 580 h/week;
- `vista_niveaus`: learners per skill and level, ALL (monitor.vista);
- `cohortcurven`: per measure x cohort x months the share, ALL
  (monitor.indicators.cohort_curves, points observed by the peildatum);
- `coa_locaties`: per COA location in the newest bezetting file on or before
  the peildatum, capacity and occupancy (public) and the counts of
  vergunninghouders, residents not in the BRP and minors (not public).
- `vergelijking`: per compared indicator (shares, counts per 1.000
  inhabitants, medians: the catalogue's `vergelijking`) x gemeente x
  comparison group (regio, alle, grootteklasse, vergelijkbaar) the
  gemeente's figures, the group's value, the 95% and 99,8% limits, the
  expected share for its own mix and the verdict, on the scale `schaal`
  names (monitor.compare.export_block), from the same disclosure decision as
  `indicators`: a hidden gemeente has null figures.

With `--grafiek KEY` (repeatable) and `--map DIR` it writes, instead of the
JSON, the CSV and PNG of each chart named by its key (monitor.registry, the
key in a Raadspresentatie link): the files the download buttons under that
chart give, built by the same registered loader and builder.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import pandas as pd

from etl.sqlrun import SCRATCH
from monitor import compare, exports, registry, store, vista, zroute
from monitor.catalogue import from_frame, public_ids
from monitor.disclosure import protect
from monitor.filters import MARGIN_DIMENSIONS, Filters
from monitor.queries import Source
from monitor.indicators import azc_bezetting, cohort_curves
from monitor.chance import wilson
from monitor.store import query_text, region_name
from monitor.values import MEDIAN_UNITS, rounded

ALL_ONLY = {"huisvesting.azc_bezettingsgraad_pct"}
DEMO_TEXT = ("Let op: dit zijn synthetische demogegevens, geen echte personen of cijfers van "
             "de gemeenten. Ze zijn alleen bedoeld om het dashboard te tonen.")


def _cells(con, peildatum: dt.date) -> pd.DataFrame:
    """One row per indicator x gemeente (or ALL) x key, with its value, from
    sql/queries/cube_cells.sql (the one place values and medians are computed),
    run over the cube at this one date."""
    con.execute("SET VARIABLE peildata = [CAST(? AS DATE)]", [peildatum])
    # As at load (sqlrun.SCRATCH): views that many indicator views read are
    # computed once, into a temp table that a temp view of the same name
    # shadows; temp objects work on the read-only connection. The cube of
    # this date shadows the materialised one in the same way.
    for view in SCRATCH:
        con.execute(f"CREATE OR REPLACE TEMP TABLE scratch_{view} AS SELECT * FROM main.{view}")
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM temp.scratch_{view}")
    con.execute("CREATE OR REPLACE TEMP TABLE mart_indicator_cube AS "
                "SELECT * FROM main.mart_indicator_cube_v")
    # the comparison's population mix reads the marginals of this date too
    con.execute("CREATE OR REPLACE TEMP TABLE mart_indicator_margins AS "
                "SELECT * FROM main.mart_indicator_margins_v")
    # no filter on any dimension (monitor/dimensions.py); a marginal
    # dimension is asked for through $margin instead of its own list
    params = {name: values for name, values in Filters().params().items()
              if name not in MARGIN_DIMENSIONS}
    params.update(indicators=[], peildata=[])
    params.update(per_key=True, values=True, source="cube", margin="", margin_values=[],
                  by_gemeente=False)
    parts = [con.execute(query_text("cube_cells"), {**params, "dimension": dim}).df()
             for dim in ("gemeentecode", "")]
    df = pd.concat(parts, ignore_index=True)
    df["gemeente"] = df["member"].where(df["member"].notna(), "ALL")
    return df


def _values(df: pd.DataFrame, cat: pd.DataFrame) -> pd.DataFrame:
    """The export's columns; a count has no denominator."""
    cols = ["indicator_id", "gemeente", "key", "domain", "eenheid", "teller_personen", "value",
            "numerator", "denominator", "persons"]
    out = df.merge(cat[["id", "domain"]], how="left", left_on="indicator_id", right_on="id")
    out["denominator"] = out["denominator"].astype(object).where(out["eenheid"] != "aantal", None)
    for column in ("key", "value", "numerator", "denominator"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out[cols]


def _clean(x, ndigits=None):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    x = float(x)
    if ndigits is not None:
        return round(x, ndigits)
    return int(x) if x.is_integer() else x


def _shown(x, ndigits=None):
    return None if x is None or pd.isna(x) else _clean(x, ndigits)


def _z_route(raw: pd.DataFrame, peildatum: dt.date) -> dict:
    """Both norms from the one query; the counts decide what is hidden, the
    same for either norm."""
    a = zroute.shown(raw, peildatum, zroute.NORM_UREN_PER_WEEK)
    b = zroute.shown(raw, peildatum, zroute.NORM_UREN_PER_LESWEEK)
    rows = []
    counts = ["z_personen", *zroute.SCHEMA]
    for (_, x), (_, y) in zip(a.iterrows(), b.iterrows()):
        row = {"gemeente": x["gemeentecode"], **{c: _shown(x[c]) for c in counts},
               "uren_per_week": _shown(rounded(x["uren_per_week"], "uren")),
               "uren_nodig_800_in_3_jaar": _shown(rounded(x["uren_nodig"], "uren")),
               "uren_nodig_40_lesweken": _shown(rounded(y["uren_nodig"], "uren"))}
        row["verborgen"] = [k for k, v in row.items() if v is None]
        rows.append(row)
    rows.sort(key=lambda r: (r["gemeente"] != zroute.REGIO, r["gemeente"]))
    return {"norm_uren_per_week_800_in_3_jaar": round(zroute.NORM_UREN_PER_WEEK, 2),
            "norm_uren_per_week_40_lesweken": round(zroute.NORM_UREN_PER_LESWEEK, 2),
            "referentie_uren_per_week": zroute.SEED_UREN_PER_WEEK, "gemeenten": rows}


def _vista_niveaus(raw: pd.DataFrame) -> list[dict]:
    df = vista.shown(raw)
    return [{"vaardigheid": r.vaardigheid, "niveau": r.niveau, "aantal": _shown(r.value),
             "suppressed": bool(r.suppressed)} for r in df.itertuples(index=False)]


def _cohortcurven(db: Path, peildatum: dt.date) -> list[dict]:
    df = cohort_curves(Filters(peildatum=peildatum), path=db)
    return [{"reeks": r.measure, "cohort": str(r.cohort), "maanden": int(r.months),
             "value": None if r.suppressed else _shown(rounded(r.value, "pct")),
             "numerator": None if r.suppressed else _shown(r.numerator),
             "denominator": None if r.suppressed else _shown(r.denominator),
             "suppressed": bool(r.suppressed)} for r in df.itertuples(index=False)]


def _coa_locaties(db: Path, peildatum: dt.date) -> list[dict]:
    df = azc_bezetting(path=db)
    df = df[df["peildatum"] <= pd.Timestamp(peildatum)]
    if df.empty:
        return []
    df = df[df["peildatum"] == df["peildatum"].max()]
    out = []
    for r in df.sort_values("locatie").itertuples(index=False):
        row = {"locatie": r.locatie, "gemeente": r.gemeentecode, "type_opvang": r.type_opvang,
               "bestand_peildatum": pd.Timestamp(r.peildatum).date().isoformat(),
               "capaciteit": _shown(r.capaciteit), "bezetting": _shown(r.bezetting),
               "bezettingsgraad_pct": _shown(rounded(r.bezettingsgraad_pct, "pct")),
               "vergunninghouders": _shown(r.vergunninghouders),
               "niet_in_brp": _shown(r.niet_in_brp), "minderjarig": _shown(r.minderjarig)}
        # hidden is None (azc_bezetting); an empty cell of the file stays NA:
        # unknown, not hidden
        row["verborgen"] = [k for k in ("vergunninghouders", "niet_in_brp", "minderjarig")
                            if getattr(r, k) is None]
        out.append(row)
    return out


def export(db: Path, peildatum: dt.date) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")
        cat = con.execute(query_text("catalogue")).df()
        cells = _cells(con, peildatum)
        # with the variable of _cells set to this one date, so any date works
        z_raw = con.execute(query_text("z_route"), zroute.params(peildatum)).df()
        vista_raw = con.execute(query_text("vista_niveaus"), vista.params(peildatum)).df()
        is_demo = bool(con.execute(query_text("is_demo")).fetchone()[0])
        gemeenten = [r[0] for r in con.execute(query_text("gemeenten")).fetchall()]
        comparable = [i for i in from_frame(cat) if compare.comparable(i)]
        kenmerken = con.execute(query_text("gemeente_kenmerken")).df().set_index("gemeentecode")
        mix = con.execute(query_text("compare_features_cube"),
                          {"indicator": compare.FEATURE_INDICATOR, "peildatum": peildatum}).df()
        strata = {i.id: con.execute(query_text("compare_strata_cube"),
                                    {"indicator": i.id, "peildatum": peildatum}).df()
                  for i in comparable if compare.kind_of(i) == compare.SHARE}
        distributions = {i.id: con.execute(query_text("compare_distribution_cube"),
                                           {"indicator": i.id, "peildatum": peildatum}).df()
                         for i in comparable if compare.kind_of(i) == compare.MEDIAN}
    finally:
        con.close()

    values = _values(cells, cat)
    values = values[~(values["indicator_id"].isin(ALL_ONLY) & (values["gemeente"] != "ALL"))]
    # every catalogue indicator appears, also without data: ALL and each
    # gemeente (except ALL-only ones) get a row with value null
    wanted = []
    for _, ind in cat.iterrows():
        places = ["ALL"] if ind["id"] in ALL_ONLY else ["ALL", *sorted(gemeenten)]
        have = values[values["indicator_id"] == ind["id"]] if not values.empty else values
        for g in places:
            if have.empty or not (have["gemeente"] == g).any():
                if ind["id"] in ALL_ONLY and not have.empty:
                    continue  # per-location rows exist
                wanted.append({"indicator_id": ind["id"], "gemeente": g, "key": None,
                               "domain": ind["domain"], "eenheid": ind["eenheid"],
                               "teller_personen": ind["teller_personen"],
                               # no persons in the population: a count is 0,
                               # a percentage has no value
                               "value": 0.0 if ind["eenheid"] == "aantal" else None,
                               "numerator": 0.0 if ind["eenheid"] == "aantal" else None,
                               "denominator": None, "persons": 0})
    if wanted:
        values = pd.concat([values, pd.DataFrame(wanted)], ignore_index=True)
    values["is_total"] = values["gemeente"] == "ALL"
    values["openbaar"] = values["indicator_id"].isin(public_ids(from_frame(cat)))
    values["key_group"] = values["key"].map(lambda k: "" if k is None else str(k))
    protected = protect(values, group_by=["indicator_id", "key_group"])

    order = {i: n for n, i in enumerate(cat["id"])}
    protected["_o"] = protected["indicator_id"].map(order)
    protected["_g"] = protected["gemeente"].map(lambda g: "" if g == "ALL" else g)
    protected = protected.sort_values(["_o", "_g", "key_group"])
    surveys = {i.id for i in from_frame(cat) if i.is_survey}
    indicators = []
    for r in protected.itertuples(index=False):
        suppressed = bool(r.suppressed)
        indicators.append({
            "id": r.indicator_id,
            "domain": str(r.domain),
            "gemeente": r.gemeente,
            "key": None if r.key is None or (isinstance(r.key, float) and math.isnan(r.key))
            else str(r.key),
            "value": None if suppressed else _clean(rounded(r.value, r.eenheid)),
            "numerator": None if suppressed or r.eenheid in MEDIAN_UNITS else _clean(r.numerator),
            "denominator": None if suppressed else _clean(r.denominator),
            "suppressed": suppressed,
        })
        if r.indicator_id in surveys and not suppressed:
            ci = wilson(r.value, r.denominator)
            indicators[-1]["betrouwbaarheidsinterval_95"] = (
                None if ci is None else [round(ci[0], 1), round(ci[1], 1)])
    result = {"peildatum": peildatum.isoformat(), "demo": is_demo}
    if is_demo:
        result["toelichting"] = DEMO_TEXT
    result["indicators"] = indicators
    result["z_route"] = _z_route(z_raw, peildatum)
    result["vista_niveaus"] = _vista_niveaus(vista_raw)
    result["cohortcurven"] = _cohortcurven(db, peildatum)
    result["coa_locaties"] = _coa_locaties(db, peildatum)
    result["vergelijking"] = _vergelijking(protected, comparable, strata, kenmerken, mix,
                                           region_name(db), distributions)
    return result


def _vergelijking(protected: pd.DataFrame, comparable: list, strata: dict,
                  kenmerken: pd.DataFrame, mix: pd.DataFrame, region: str | None,
                  distributions: dict | None = None) -> list[dict]:
    """The `indicators` rows as they left disclosure control, per indicator in
    the shape of monitor.indicators.by_gemeente, compared per group."""
    by_gemeente = {}
    for ind in comparable:
        rows = protected[(protected["indicator_id"] == ind.id) & (protected["key_group"] == "")]
        by_gemeente[ind.id] = pd.DataFrame({
            "member": rows["gemeente"].where(rows["gemeente"] != "ALL", "Totaal"),
            "naam": rows["gemeente"], "is_total": rows["gemeente"] == "ALL",
            "value": rows["value"], "numerator": rows["numerator"],
            "denominator": rows["denominator"], "suppressed": rows["suppressed"]})
    return compare.export_block(comparable, by_gemeente, strata, kenmerken, mix, region,
                                distributions)


def export_charts(db: Path, peildatum: dt.date, keys: list[str], out: Path,
                  png: bool = True) -> list[Path]:
    """The CSV (and PNG) of each registered chart key at the peildatum, as the
    page's downloads make them; raises registry.Unavailable for a key with
    nothing to show."""
    source, f = Source(Path(db)), Filters(peildatum=peildatum)
    demo = store.is_demo(db)
    built = [registry.build(k, source, f) for k in keys]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for c in built:
        path = out / f"{c.file_stem()}.csv"
        path.write_bytes(exports.csv_bytes(c, demo))
        written.append(path)
    if png and built:
        images = exports.render_png([exports.print_figure(c, demo) for c in built])
        for c, image in zip(built, images):
            path = out / f"{c.file_stem()}.png"
            path.write_bytes(image)
            written.append(path)
    return written
