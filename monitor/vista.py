"""VISTA progress per skill: the distribution of last measured levels
(A0-B2, or not yet measured) per skill at a peildatum, from the newest VISTA
file with peildatum <= P. Each skill's levels are siblings of that skill's
total of learners, so a hidden level cannot be recovered by subtraction.
Importable without Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import store
from .disclosure import TOTAL, grid_selection, protect_count_grid
from .filters import Filters

VAARDIGHEDEN = ("lezen", "luisteren", "spreken", "schrijven")
NIVEAUS = ("A0", "A1", "A2", "B1", "B2", "nog niet gemeten")
TOTAAL = "totaal"


def niveaus(peildatum: dt.date, filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Rows vaardigheid, niveau (the total per skill as niveau `totaal`,
    is_total), value (persons, None where hidden), suppressed, weergave, reden."""
    return shown(store.query("vista_niveaus", params(peildatum, filters), path=path),
                 filters.gemeenten)


def params(peildatum: dt.date, filters: Filters = Filters()) -> dict:
    """The parameters of sql/queries/vista_niveaus.sql: every gemeente,
    whatever the gemeenten chosen, because the decision is taken over all."""
    # the gemeente only (monitor.indicators.BLOCK_FILTERS)
    return {**Filters().params(), "peildatum": peildatum, "gemeenten": []}


def shown(df: pd.DataFrame, gemeenten=()) -> pd.DataFrame:
    """vista_niveaus.sql's rows as niveaus() returns them: per skill its
    levels and their total for the chosen gemeenten (none: the region).
    Per skill, gemeenten x levels with the region row and the totals are
    one grid (protect_count_grid), so a hidden level follows neither from
    the skill's total nor from the region minus the shown gemeenten. The
    export uses it too."""
    counted = df[df["gemeentecode"].notna()] if "gemeentecode" in df else df.assign(
        gemeentecode=TOTAL)
    if counted.empty:
        counted = pd.DataFrame({"gemeentecode": [TOTAL], "vaardigheid": [VAARDIGHEDEN[0]],
                                "niveau": [NIVEAUS[0]], "persons": [0]})
    grid = protect_count_grid(counted, "gemeentecode", "niveau", family=["vaardigheid"])
    cells = grid_selection(grid, "gemeentecode", "niveau", gemeenten, family=["vaardigheid"])
    found = {(v, n): r for v, n, r in zip(cells["vaardigheid"], cells["niveau"],
                                         cells.to_dict("records"))}
    rows = []
    for skill in VAARDIGHEDEN:
        for level in (*NIVEAUS, TOTAAL):
            cell = found.get((skill, TOTAL if level == TOTAAL else level))
            value = 0 if cell is None else cell["value"]
            rows.append({"vaardigheid": skill, "niveau": level, "is_total": level == TOTAAL,
                         "value": None if value is None or pd.isna(value) else int(value),
                         "suppressed": False if cell is None else bool(cell["suppressed"]),
                         "weergave": None if cell is None else cell["weergave"],
                         "reden": None if cell is None else cell["reden"]})
    out = pd.DataFrame(rows)
    out["numerator"] = out["value"]
    out["denominator"] = None
    for col in ("value", "numerator", "weergave", "reden"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out
