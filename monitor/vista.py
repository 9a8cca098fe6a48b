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
from .disclosure import protect
from .filters import Filters

VAARDIGHEDEN = ("lezen", "luisteren", "spreken", "schrijven")
NIVEAUS = ("A0", "A1", "A2", "B1", "B2", "nog niet gemeten")
TOTAAL = "totaal"


def niveaus(peildatum: dt.date, filters: Filters = Filters(), path=None) -> pd.DataFrame:
    """Rows vaardigheid, niveau (the total per skill as niveau `totaal`,
    is_total), value (persons, None where hidden), suppressed, weergave, reden."""
    return shown(store.query("vista_niveaus", params(peildatum, filters), path=path))


def params(peildatum: dt.date, filters: Filters = Filters()) -> dict:
    """The parameters of sql/queries/vista_niveaus.sql."""
    return {**filters.params(), "peildatum": peildatum}


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """vista_niveaus.sql's rows as niveaus() returns them: a total per skill,
    every count through disclosure control. The export uses it too."""
    totals = df.groupby("vaardigheid", as_index=False, sort=False)["persons"].sum()
    totals["niveau"] = TOTAAL
    rows = pd.concat([df.assign(is_total=False), totals.assign(is_total=True)],
                     ignore_index=True)
    rows["value"] = rows["persons"]
    rows["numerator"] = rows["persons"]
    return protect(rows, unit="aantal", group_by=["vaardigheid"], member="niveau")
