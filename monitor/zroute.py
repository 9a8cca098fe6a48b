"""Z-route capacity: the participation hours the active Z-route persons need
per week against the hours per week of their ongoing activities, and how
many are behind, on or ahead of the pro-rata norm (seed 002, actielijn 2).

The norm is a parameter: 800 hours in three years by default, which is
800 / (1095 / 7) = 5,1 hours per week (or 800 / 3 / 40 = 6,6 hours over 40
lesweken). Counts of persons pass monitor.disclosure; an hour total is shown
only where the count of persons it belongs to is. Importable without Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import store
from .disclosure import protect
from .filters import Filters

NORM_UREN = 800.0
NORM_DAGEN = 1095
NORM_UREN_PER_WEEK = NORM_UREN / (NORM_DAGEN / 7)  # 5,1
NORM_UREN_PER_LESWEEK = NORM_UREN / 3 / 40  # 6,67; seed 002 writes 6,6
# Seed 002: about 88 Z-route persons need about 580 hours of places a week.
SEED_UREN_PER_WEEK = 580.0
# "Voor op schema": more than this factor times the pro-rata norm.
VOOR_FACTOR = 1.25
REGIO = "ALL"
SCHEMA = {"achter": "achter op schema", "op_schema": "op schema", "voor": "voor op schema"}


def z_route(peildatum: dt.date, filters: Filters = Filters(), norm_per_week: float = NORM_UREN_PER_WEEK,
            path=None) -> pd.DataFrame:
    """One row per gemeente and one for the region (gemeentecode `ALL`):
    z_personen, uren_nodig (z_personen x norm), uren_per_week (ongoing
    activities) and achter/op_schema/voor; hidden values are None."""
    return shown(store.query("z_route", params(peildatum, filters), path=path), peildatum,
                 norm_per_week)


def params(peildatum: dt.date, filters: Filters = Filters()) -> dict:
    """The parameters of sql/queries/z_route.sql."""
    out = filters.params()
    out.pop("leerroute")  # the population is the Z-route itself
    out.update(peildatum=peildatum, voor_factor=VOOR_FACTOR)
    return out


def shown(df: pd.DataFrame, peildatum: dt.date, norm_per_week: float = NORM_UREN_PER_WEEK
          ) -> pd.DataFrame:
    """z_route.sql's rows as z_route() returns them: the region added, the
    counts through disclosure control, the needed hours made from the norm.
    The export passes the rows it queried at any date through here too."""
    cols = ["z_personen", "uren_per_week", *SCHEMA]
    if not df.empty:
        regio = df[cols].sum().to_frame().T.assign(gemeentecode=REGIO)
        df = pd.concat([df, regio], ignore_index=True)
    rows = []
    for r in df.itertuples(index=False):
        rows.append({"gemeentecode": r.gemeentecode, "categorie": "totaal", "is_total": True,
                     "value": r.z_personen, "numerator": r.z_personen, "persons": r.z_personen})
        for c in SCHEMA:
            n = getattr(r, c)
            rows.append({"gemeentecode": r.gemeentecode, "categorie": c, "is_total": False,
                         "value": n, "numerator": n, "persons": n})
    long = pd.DataFrame(rows, columns=["gemeentecode", "categorie", "is_total", "value",
                                       "numerator", "persons"])
    shown = protect(long, unit="aantal", group_by=["gemeentecode"], member="categorie")
    wide = shown.pivot(index="gemeentecode", columns="categorie", values="value")
    out = pd.DataFrame({"gemeentecode": list(df["gemeentecode"])})
    out["z_personen"] = [wide.at[g, "totaal"] for g in out["gemeentecode"]]
    for c in SCHEMA:
        out[c] = [wide.at[g, c] for g in out["gemeentecode"]]
    hidden = out["z_personen"].isna()
    out["uren_nodig"] = [None if h else float(n) * norm_per_week
                         for h, n in zip(hidden, out["z_personen"])]
    out["uren_per_week"] = [None if h else float(u)
                            for h, u in zip(hidden, df["uren_per_week"])]
    out["peildatum"] = peildatum
    return out.astype(object).where(out.notna(), None)
