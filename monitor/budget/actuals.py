"""The budget model's inputs counted from the loaded data, and the budget
lines of programme 6.1 from `begroting.csv`.

Counts (sql/marts/mart_budget_actuals.sql says exactly what they count):
- housed cohorts: asielstatushouders and nareizigers housed in the year and
  still in the gemeente on 31 December (the SPUK peildatum); the running year
  is a stand at the newest data date and is marked as such;
- AZC residents not in the BRP on 1 January, from the COA file nearest that
  date; a year without one takes the newest earlier file, marked as estimate.

Counts of 1 to 4 persons are not shown (disclosure control): such a year
keeps its typed-in value, with a note. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from monitor.budget.inputs import (
    COHORT_YEARS, INPUT_SPECS, YEARS, BudgetInputs, Provenance,
)
from monitor.disclosure import MIN_COUNT
from monitor import store
from monitor.formatting import date_nl, euro

SOURCE_HOUSED = "gemeentelijke inburgeraarsregistratie (gehuisvest in het jaar, nog in de gemeente)"
SOURCE_AZC = "COA-bezettingsoverzicht"


@dataclass(frozen=True)
class ActualCounts:
    """Counts per year from the data; a year that is missing keeps its input."""

    housed: dict[int, int] = field(default_factory=dict)
    housed_stand: dict[int, dt.date] = field(default_factory=dict)
    running_year: int | None = None
    spuk_stock: dict[int, int] = field(default_factory=dict)
    azc_not_in_brp: dict[int, int] = field(default_factory=dict)
    azc_file: dict[int, dt.date] = field(default_factory=dict)
    azc_estimated: frozenset[int] = frozenset()
    suppressed: tuple[str, ...] = ()

    def provenance(self, name: str) -> Provenance | None:
        """The provenance of input `name` when this data replaces it."""
        kind, _, year = name.rpartition("_")
        if not year.isdigit():
            return None
        y = int(year)
        if kind == "housed" and y in self.housed:
            when = date_nl(self.housed_stand[y])
            if y == self.running_year:
                when += " (lopend jaar: stand tot nu, nog niet 31 december)"
            return Provenance("actueel", SOURCE_HOUSED, peildatum=when)
        if kind == "azc_not_in_brp" and y in self.azc_not_in_brp:
            when = date_nl(self.azc_file[y])
            if y in self.azc_estimated:
                when += f" (schatting: geen bestand van 1 januari {y})"
            return Provenance("actueel", SOURCE_AZC, peildatum=when)
        return None


def _date(v) -> dt.date | None:
    if v is None or pd.isna(v):
        return None
    return pd.Timestamp(v).date()


def counts_from_frame(df: pd.DataFrame) -> ActualCounts:
    """ActualCounts from the rows of sql/queries/budget_actuals.sql."""
    housed, stand, stock, azc, files = {}, {}, {}, {}, {}
    estimated: set[int] = set()
    suppressed: list[str] = []
    running = None
    for row in df.itertuples(index=False):
        y = int(row.jaar)
        if not pd.isna(row.gehuisvest_cohort):
            n = int(row.gehuisvest_cohort)
            if 0 < n < MIN_COUNT:
                suppressed.append(f"gehuisvest {y}")
            else:
                housed[y] = n
                stand[y] = _date(row.stand_datum)
                stock[y] = int(row.spuk_voorraad)
            if bool(row.lopend):
                running = y
        if not pd.isna(row.niet_in_brp):
            n = int(row.niet_in_brp)
            if 0 < n < MIN_COUNT:
                suppressed.append(f"AZC-bewoners niet in BRP {y}")
            else:
                azc[y] = n
                files[y] = _date(row.coa_peildatum)
                if not bool(row.coa_1_januari):
                    estimated.add(y)
    return ActualCounts(housed, stand, running, stock, azc, files, frozenset(estimated),
                        tuple(suppressed))


def actual_counts(gemeente: str | None = None, path=None) -> ActualCounts:
    """The counts of `gemeente`, by default the one the region file names as
    the budget's (seed 002's SPUK calculation and uitvoeringskosten are one
    municipality's own); none for a store that does not name it."""
    gemeente = gemeente or store.budget_gemeente(path)
    if gemeente is None:
        return ActualCounts()
    return counts_from_frame(store.query("budget_actuals", {"gemeente": gemeente}, path=path))


def budget_lines(path=None) -> pd.DataFrame:
    """Programme 6.1 as loaded from begroting.csv, one row per line and year."""
    return store.query("budget_lines", path=path)


def apply_actual_counts(inp: BudgetInputs, housed: Mapping[int, int] | None = None,
                        azc_not_in_brp: Mapping[int, int] | None = None,
                        ) -> tuple[BudgetInputs, list[str]]:
    """Replace the housed cohorts (and AZC residents, when given) by counts from
    the loaded data; years the data does not cover keep their input."""
    update: dict[str, int] = {}
    notes: list[str] = []
    for name, counts, years, what in (
        ("housed", housed, COHORT_YEARS, "gehuisveste asielstatushouders"),
        ("azc_not_in_brp", azc_not_in_brp, YEARS, "AZC-bewoners niet in BRP"),
    ):
        if counts is None:
            continue
        missing = []
        for y in years:
            if y in counts:
                spec = INPUT_SPECS[f"{name}_{y}"]
                update[f"{name}_{y}"] = max(0, min(int(counts[y]), int(spec.maximum)))
            else:
                missing.append(str(y))
        if missing:
            notes.append(f"Geen actuele {what} voor {', '.join(missing)}; daar geldt de "
                         f"ingevoerde waarde.")
    return (inp.model_copy(update=update) if update else inp), notes


def apply_counts(inp: BudgetInputs, counts: ActualCounts) -> tuple[BudgetInputs, list[str]]:
    """`apply_actual_counts` for an ActualCounts, with its suppression notes."""
    out, notes = apply_actual_counts(inp, counts.housed or None, counts.azc_not_in_brp or None)
    if counts.suppressed:
        notes.append("Minder dan 5 personen, daarom niet overgenomen (herleidbaarheid): "
                     + ", ".join(counts.suppressed) + ".")
    return out, notes


# How each line of programme 6.1 relates to the model: (budget number or "",
# words in the name, the Dutch explanation). First match wins.
TIES: tuple[tuple[str, str, str], ...] = (
    ("570610905", "totaal uitvoeringsmiddelen",
     "Invoer ‘Uitvoeringsmiddelen inburgering’ (de standaardwaarden)"),
    ("570610905", "basisformatie", "Invoer ‘Basisformatie (7,17 fte)’"),
    ("570610905", "beleidsmedewerker", "Invoer ‘Tijdelijke beleidsmedewerker’"),
    ("570610905", "extra inzet", "Invoer ‘Tijdelijke extra inzet’"),
    ("570610905", "inburgering",
     "Zelfde budgetnummer, lager bedrag (beleidskader tabel 3); het model volgt het "
     "uitvoeringsprogramma"),
    ("", "faciliteitenbesluit", "Invoer ‘Raming Faciliteitenbesluit’ (naar rato van bewoners)"),
    ("", "specifieke uitkering",
     "Ter vergelijking met de SPUK-ontvangsten per kalenderjaar in het model"),
    ("075597128", "", "Plafond van de reserve (raadsbesluit) in het model"),
)
NOT_IN_MODEL = "Niet in het model (opvang of oude wet, geen SPUK)"


def tie(budgetnummer: str, naam: str) -> str:
    nr, name = str(budgetnummer or ""), str(naam or "").lower()
    for number, words, text in TIES:
        if (not number or nr == number) and words in name:
            return text
    return NOT_IN_MODEL


def programme_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Programme 6.1 as the page shows it: a row per budget line, a column per
    year with the amount in euros, `*` where the amount is an estimate, and
    the line's place in the model."""
    years = sorted({int(y) for y in lines["jaar"]})
    rows: dict[tuple, dict] = {}
    for r in lines.itertuples(index=False):
        key = (r.programma or "", r.budgetnummer or "", r.naam, r.soort)
        row = rows.setdefault(key, {"Prog.": key[0] or "–", "Budget": key[1] or "–",
                                    "Naam": key[2], "Soort": key[3],
                                    **{str(y): "–" for y in years},
                                    "In het model": tie(key[1], key[2])})
        # A no-break space keeps "€ 1.250.000*" on one line in a narrow column.
        row[str(int(r.jaar))] = (euro(r.bedrag, cents=False).replace(" ", "\u00a0")
                                 + ("*" if bool(r.raming) else ""))
    return pd.DataFrame(list(rows.values()))
