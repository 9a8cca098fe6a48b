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
from .disclosure import TOTAL, grid_selection, protect_count_grid
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
    activities) and achter/op_schema/voor; hidden values are None, with
    their display text in weergave_<column>."""
    return shown(store.query("z_route", params(peildatum, filters), path=path), peildatum,
                 norm_per_week, filters.gemeenten)


def params(peildatum: dt.date, filters: Filters = Filters()) -> dict:
    """The parameters of sql/queries/z_route.sql: every gemeente, whatever
    the gemeenten chosen, because the decision is taken over all of them."""
    # the gemeente only (monitor.indicators.BLOCK_FILTERS): under a person
    # filter the grid would be a slice of a three-way table
    out = Filters().params()
    out.pop("leerroute")  # the population is the Z-route itself
    out.update(peildatum=peildatum, voor_factor=VOOR_FACTOR, gemeenten=[])
    return out


def shown(df: pd.DataFrame, peildatum: dt.date, norm_per_week: float = NORM_UREN_PER_WEEK,
          gemeenten=()) -> pd.DataFrame:
    """z_route.sql's rows (every gemeente) as z_route() returns them: the
    chosen gemeenten (none: all) and their region, the counts through
    disclosure control, the needed hours made from the norm. The counts
    per gemeente x schema are one grid with the region row and the total
    per gemeente (protect_count_grid), so no hidden count follows from the
    region minus the shown gemeenten or from a gemeente's total; the region
    of a choice of gemeenten is their sum, hidden where a part is hidden.
    Per count column a `weergave_<column>` says "<5" (a real 1-4) or "–".
    The export passes the rows it queried at any date through here too."""
    counts = ["z_personen", *SCHEMA]
    columns = ["gemeentecode", *counts, "uren_nodig", "uren_per_week", "peildatum",
               *(f"weergave_{c}" for c in counts)]
    if df.empty:
        return pd.DataFrame(columns=columns)
    long = df.melt(id_vars=["gemeentecode"], value_vars=list(SCHEMA), var_name="categorie",
                   value_name="persons")
    grid = protect_count_grid(long, "gemeentecode", "categorie")
    chosen = list(gemeenten) or sorted(df["gemeentecode"])
    region = grid_selection(grid, "gemeentecode", "categorie", gemeenten)
    hours = dict(zip(df["gemeentecode"], df["uren_per_week"]))
    rows = []
    for code in [*chosen, REGIO]:
        cells = (region if code == REGIO else grid[grid["gemeentecode"] == code])
        cells = {c: r for c, r in zip(cells["categorie"], cells.to_dict("records"))}
        row = {"gemeentecode": code}
        for name, cat in (("z_personen", TOTAL), *((c, c) for c in SCHEMA)):
            cell = cells.get(cat)
            value = 0 if cell is None else cell["value"]
            row[name] = None if value is None or pd.isna(value) else int(value)
            row[f"weergave_{name}"] = None if cell is None else cell["weergave"]
        hidden = row["z_personen"] is None or (cells.get(TOTAL) or {}).get("suppressed", False)
        row["uren_nodig"] = None if hidden else float(row["z_personen"]) * norm_per_week
        own = [hours.get(g, 0.0) for g in (chosen if code == REGIO else [code])]
        row["uren_per_week"] = None if hidden else float(sum(own))
        row["peildatum"] = peildatum
        rows.append(row)
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(object).where(out.notna(), None)
