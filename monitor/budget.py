"""What-if budget model for inburgering 2024–2027: SPUK, uitvoeringskosten,
Faciliteitenbesluit and the Reserve Vreemdelingen.

No Streamlit here: the Begroting page only collects inputs and draws what
`compute` returns, so every figure is testable and a slider move costs one
call of pure arithmetic (no store queries).

Money is Decimal throughout so the seed's figures come out to the cent.

How the parts fit (decisions where the seeds are silent are marked *):

- SPUK, as seed 002 "Financiering" reasons: per housed asielstatushouder the
  Rijk pays price t + t-1 + t-2 over three years and the trajectory costs
  leerroute + begeleiding + nazorg + PVT; the difference is the room for the
  extra actions of the programme. Seed 002 spreads a cohort's room evenly
  over its three years (€ 299.213,96 -> € 99.737,99 a year). * Thirds are
  split to the cent with the leftover cents in the first years, so a
  cohort's years add up exactly (99.737,99 + 99.737,99 + 99.737,98).
  The cash receipts per calendar year (prices t, t-1, t-2 against the cohorts
  of this year and the two before) are reported alongside, for comparison
  with the SPUK estimate of seed 001 table 4.
- Uitvoeringskosten against budget 570610905 (seed 002 table
  "Uitvoeringskosten inburgering"). The seed prints Maastricht's amounts at
  the 67,23% verdeelsleutel; * the inputs are those printed amounts and a
  different key rescales the regional parts (basisformatie, tijdelijke extra
  inzet). The beleidsmedewerker is Maastricht's alone (seed: "geen regionale
  functie"), so the key does not touch it.
- Saldo = saldo uitvoering + any SPUK shortfall (+ the Faciliteitenbesluit
  when it is chosen as cover). * An SPUK surplus is not added: the SPUK is a
  specific grant for inburgeringsvoorzieningen and cannot pay personnel
  costs; it is reported as "onbenutte SPUK-ruimte". With the seed's inputs
  the saldo is exactly the seed's budget-minus-costs row.
- Reserve Vreemdelingen (seed 001 table 5): drawn only when the saldo is
  negative, topped up only by incidental gemeentefonds money (and, if chosen,
  the Faciliteitenbesluit), never above € 400.000. * Draws come first and
  top-ups at year end (the decembercirculaire); what would exceed the cap is
  reported as skimmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from monitor.formatting import euro, number, pct

YEARS: tuple[int, ...] = (2024, 2025, 2026, 2027)
# SPUK counts a person for three years, so the 2024 receipts depend on the
# 2022 and 2023 cohorts.
COHORT_YEARS: tuple[int, ...] = (2022, 2023) + YEARS
SPREAD_YEARS = 3

CENT = Decimal("0.01")
ZERO = Decimal("0")

# --- Seed figures -----------------------------------------------------------
# Seed 002, "Inkomsten en uitgaven SPUK per asielstatushouder" (prices the
# Rijk uses in 2024). The seed gives only 2024 prices; they apply to all years.
SEED_PRICE_T = Decimal("8870.51")
SEED_PRICE_T1 = Decimal("4491.54")
SEED_PRICE_T2 = Decimal("1122.89")
SEED_PRICE_TOTAL = Decimal("14484.94")
# Seed 002, "Kosten per asielstatushouder/traject".
SEED_COST_LEERROUTE = Decimal("9500.00")
SEED_COST_BEGELEIDING = Decimal("2092.00")
SEED_COST_NAZORG = Decimal("440.00")
SEED_COST_PVT = Decimal("220.00")
SEED_COST_TOTAL = Decimal("12252.00")
# Seed 002, "Beschikbaar budget SPUK ...": result per person and the 134
# asielstatushouders housed in Maastricht "op dit moment" (2024).
SEED_RESULT_PER_PERSON = Decimal("2232.94")
SEED_HOUSED_2024 = 134
SEED_ROOM_2024_COHORT = Decimal("299213.96")
SEED_ROOM_PER_YEAR = Decimal("99737.99")  # the seed prints € 99.737, truncated
# Seed 002, "Inzet beschikbare middelen SPUK voor uitvoeringsprogramma",
# amounts per year, funded in 2024, 2025 and 2026.
SEED_ACTION_ZROUTE = Decimal("22000")
SEED_ACTION_CAPACITEIT = Decimal("50000")
SEED_ACTION_PSYCHISCH = Decimal("22000")
SEED_ACTION_INBURGERAAD = Decimal("5000")
SEED_ACTIONS_TOTAL = Decimal("99000")
SEED_ACTIONS_UNTIL = 2026
# Seed 002, table "Uitvoeringskosten inburgering" (Maastricht's share).
SEED_BASISFORMATIE = Decimal("380219")
SEED_BASISFORMATIE_FTE = Decimal("7.17")
SEED_EXTRA_CAPACITY = {2024: Decimal("107340"), 2025: Decimal("107340"), 2026: ZERO, 2027: ZERO}
SEED_POLICY_OFFICER = {2024: Decimal("88454"), 2025: Decimal("66341"), 2026: ZERO, 2027: ZERO}
SEED_EXECUTION_TOTAL = {2024: Decimal("576013"), 2025: Decimal("553900"),
                        2026: Decimal("380219"), 2027: Decimal("380219")}
SEED_VERDEELSLEUTEL = Decimal("0.6723")
# Seed 002, same table, row "Totaal uitvoeringsmiddelen Inburgering (obv
# begroting) - 570610905". Seed 001 table 3 prints lower figures for the same
# budget line (620.987 / 524.869 / 525.191 / 525.191); the programme (002) is
# the later, detailed calculation, so it is the default.
SEED_BUDGET_570610905 = {2024: Decimal("645205"), 2025: Decimal("549087"),
                         2026: Decimal("549087"), 2027: Decimal("549087")}
SEED_001_TABLE3_570610905 = {2024: Decimal("620987"), 2025: Decimal("524869"),
                             2026: Decimal("525191"), 2027: Decimal("525191")}
# Seed 001 table 2: Faciliteitenbesluit opvangcentra, an estimate per year.
# The seed ties it to the capacity of the AZC, 650 places (seed 001, "maximaal
# 650 bewoners"); the model scales the estimate by residents not in the BRP
# on 1 January relative to that reference.
SEED_FACILITY_ESTIMATE = Decimal("175000")
SEED_AZC_CAPACITY = 650
# Seed 001 table 4: SPUK estimate in the budget, for comparison only.
SEED_001_TABLE4_SPUK = Decimal("1250000")
# Seed 001 table 5 and the text above it: the council's cap on the reserve.
RESERVE_CAP = Decimal("400000")
SEED_RESERVE_OPENING = Decimal("400000")

FacilityUse = Literal["geen", "dekking", "reserve"]
FACILITY_USE_LABELS: dict[str, str] = {
    "geen": "Geen bestemming (zoals nu)",
    "dekking": "Inzetten als dekking van tekorten",
    "reserve": "Toevoegen aan de Reserve Vreemdelingen",
}

# --- Inputs -----------------------------------------------------------------

# Groups, in page order, with the Dutch explanation the page shows above them.
GROUPS: dict[str, tuple[str, str]] = {
    "spuk": ("SPUK-inkomsten per persoon",
             "Wat het Rijk per gehuisveste asielstatushouder betaalt: een bedrag in het jaar "
             "van huisvesting (t) en in de twee jaren daarna (t-1, t-2). Gezinsmigranten tellen "
             "één keer mee, in hun eerste jaar. Bron: seed 002, tabel ‘Inkomsten per "
             "asielstatushouder’ (prijzen 2024)."),
    "aantallen": ("Aantallen",
                  "Gehuisveste asielstatushouders per jaar van huisvesting (cohort) en "
                  "gezinsmigranten per jaar. Seed 002 noemt alleen 134 gehuisveste "
                  "asielstatushouders voor 2024; de andere jaren staan op 0 (onbekend)."),
    "traject": ("Kosten per traject",
                "Kosten per asielstatushouder voor het hele driejarige traject. Bron: seed 002, "
                "tabel ‘Kosten per asielstatushouder/traject’."),
    "acties": ("Inzet extra acties (per jaar)",
               "De ruimte tussen SPUK-inkomsten en trajectkosten is verdeeld over extra acties "
               "van het uitvoeringsprogramma. Bron: seed 002, tabel ‘Inzet beschikbare middelen "
               "SPUK’ (€ 99.000 per jaar in 2024–2026)."),
    "uitvoering": ("Uitvoeringskosten en budget 570610905",
                   "Personele inzet voor de uitvoering (SZMH) en de tijdelijke beleidsmedewerker, "
                   "betaald uit het gemeentefonds. De bedragen zijn het Maastrichtse deel bij de "
                   "verdeelsleutel van 67,23%; een andere sleutel herrekent de regionale delen. "
                   "Bron: seed 002, tabel ‘Uitvoeringskosten inburgering’."),
    "faciliteit": ("Faciliteitenbesluit opvangcentra",
                   "Vergoeding voor AZC-bewoners die op 1 januari niet in de BRP staan. Raming "
                   "€ 175.000 per jaar (seed 001, tabel 2), naar rato van het aantal bewoners ten "
                   "opzichte van de referentie (aanname: de capaciteit van 650 plaatsen). Er is "
                   "nog geen bestemming vastgelegd."),
    "reserve": ("Reserve Vreemdelingen",
                "Alleen aangesproken als reguliere budgetten ontoereikend zijn; aangevuld met "
                "incidentele middelen uit het gemeentefonds; nooit hoger dan € 400.000 "
                "(raadsbesluit, seed 001 tabel 5)."),
}


def _money(default, title: str, description: str, group: str, *, le: int,
           widget: str = "number", step: float = 1.0, slider_max: int | None = None) -> Any:
    return Field(
        default=Decimal(default), ge=0, le=le, decimal_places=2, title=title,
        description=description,
        json_schema_extra={"group": group, "unit": "euro", "widget": widget, "step": step,
                           "slider_max": slider_max or le},
    )


def _count(default: int, title: str, description: str, group: str, *, le: int,
           widget: str = "slider", slider_max: int | None = None, ge: int = 0) -> Any:
    return Field(
        default=default, ge=ge, le=le, title=title, description=description,
        json_schema_extra={"group": group, "unit": "aantal", "widget": widget, "step": 1,
                           "slider_max": slider_max or le},
    )


def _per_year(kind, name: str, defaults: Mapping[int, Any], years, title: str,
              description: str, group: str, **kw) -> dict[str, Any]:
    return {f"{name}_{y}": kind(defaults.get(y, 0), f"{title} {y}", description, group, **kw)
            for y in years}


_HOUSED = _per_year(
    _count, "housed", {2024: SEED_HOUSED_2024}, COHORT_YEARS, "Gehuisvest",
    "Asielstatushouders die in dit jaar in Maastricht zijn gehuisvest (uitstroommelding COA "
    "of inschrijving BRP). Zij tellen dit jaar en de twee jaren daarna mee voor de SPUK.",
    "aantallen", le=5000, slider_max=600)
_GEZINSMIGRANTEN = _per_year(
    _count, "gezinsmigranten", {}, YEARS, "Gezinsmigranten",
    "Gezinsmigranten en overige migranten die in dit jaar met hun inburgering beginnen; "
    "zij tellen één keer mee voor de SPUK. De seed geeft geen aantal.",
    "aantallen", le=5000, slider_max=300)
_EXTRA_CAPACITY = _per_year(
    _money, "extra_capacity", SEED_EXTRA_CAPACITY, YEARS, "Tijdelijke extra inzet",
    "Kosten van de tijdelijke extra uitvoeringscapaciteit (Maastrichts deel bij 67,23%). "
    "De seed begroot 2024 en 2025.", "uitvoering", le=5_000_000)
_POLICY_OFFICER = _per_year(
    _money, "policy_officer", SEED_POLICY_OFFICER, YEARS, "Tijdelijke beleidsmedewerker",
    "Kosten van de tijdelijke beleidsmedewerker inburgering; volledig voor Maastricht "
    "(geen regionale functie). De seed begroot 2024 en 2025.", "uitvoering", le=5_000_000)
_BUDGET = _per_year(
    _money, "budget", SEED_BUDGET_570610905, YEARS, "Uitvoeringsmiddelen 570610905",
    "Totaal uitvoeringsmiddelen inburgering volgens de begroting (budgetnummer 570610905).",
    "uitvoering", le=10_000_000)
_AZC = _per_year(
    _count, "azc_not_in_brp", {y: SEED_AZC_CAPACITY for y in YEARS}, YEARS,
    "AZC-bewoners niet in BRP op 1 januari",
    "Asielzoekers in het AZC op 1 januari van het jaar die niet in de BRP staan (COA-"
    "bezettingsoverzicht). Standaard de capaciteit van 650.", "faciliteit", le=5000,
    slider_max=1000)
_INCIDENTAL = _per_year(
    _money, "incidental", {}, YEARS, "Incidentele middelen gemeentefonds",
    "Incidentele middelen uit het gemeentefonds die de reserve aanvullen (tot het plafond).",
    "reserve", le=5_000_000)


class _ScalarInputs(BaseModel):
    """The inputs that are not per year; BudgetInputs adds the per-year ones."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    price_t: Decimal = _money(SEED_PRICE_T, "Prijs jaar t",
                              "SPUK-bedrag per asielstatushouder in het jaar van huisvesting.",
                              "spuk", le=100_000, step=0.01)
    price_t1: Decimal = _money(SEED_PRICE_T1, "Prijs jaar t-1",
                               "SPUK-bedrag in het jaar na het jaar van huisvesting.",
                               "spuk", le=100_000, step=0.01)
    price_t2: Decimal = _money(SEED_PRICE_T2, "Prijs jaar t-2",
                               "SPUK-bedrag twee jaar na het jaar van huisvesting.",
                               "spuk", le=100_000, step=0.01)
    price_gezinsmigrant: Decimal = _money(
        0, "Prijs per gezinsmigrant (onbekend)",
        "SPUK-bedrag per gezinsmigrant, eenmalig in het eerste jaar. De seed noemt dit bedrag "
        "niet; 0 betekent: niet meegerekend.", "spuk", le=100_000, step=0.01)
    cost_gezinsmigrant: Decimal = _money(
        0, "Kosten per gezinsmigrant (onbekend)",
        "Kosten van de gemeente per gezinsmigrant (bijvoorbeeld brede intake, PVT). De seed "
        "noemt deze kosten niet; 0 betekent: niet meegerekend.", "spuk", le=100_000, step=0.01)

    cost_leerroute: Decimal = _money(SEED_COST_LEERROUTE, "B1/Z-route (leerroute)",
                                     "Kosten van de leerroute per traject.", "traject",
                                     le=100_000, widget="slider", slider_max=20_000)
    cost_begeleiding: Decimal = _money(SEED_COST_BEGELEIDING, "Maatschappelijke begeleiding",
                                       "Kosten van maatschappelijke begeleiding per traject.",
                                       "traject", le=100_000, widget="slider",
                                       slider_max=6_000)
    cost_nazorg: Decimal = _money(SEED_COST_NAZORG, "Nazorg", "Kosten van nazorg per traject.",
                                  "traject", le=100_000, widget="slider", slider_max=2_000)
    cost_pvt: Decimal = _money(SEED_COST_PVT, "Participatieverklaring (PVT)",
                               "Kosten van het participatieverklaringstraject per traject.",
                               "traject", le=100_000, widget="slider", slider_max=1_000)

    action_zroute: Decimal = _money(
        SEED_ACTION_ZROUTE, "Activeringsprogramma Z-route",
        "Extra SPUK-middelen per jaar voor het activeringsprogramma in de Z-route (naast het "
        "budget Sport en Cultuur).", "acties", le=5_000_000, widget="slider", step=500,
        slider_max=150_000)
    action_capaciteit: Decimal = _money(
        SEED_ACTION_CAPACITEIT, "Extra capaciteit participatie en werk",
        "Extra capaciteit voor begeleiding naar participatie- en arbeidsmogelijkheden, per jaar "
        "(€ 35.000 begeleiding + € 15.000 participatieplaatsen).", "acties", le=5_000_000,
        widget="slider", step=500, slider_max=150_000)
    action_psychisch: Decimal = _money(
        SEED_ACTION_PSYCHISCH, "Psychische klachten",
        "Training consulenten (€ 10.000) en uitbreiding interventies (€ 12.000), per jaar.",
        "acties", le=5_000_000, widget="slider", step=500, slider_max=150_000)
    action_inburgeraad: Decimal = _money(
        SEED_ACTION_INBURGERAAD, "InburgeRaad",
        "Klankbordgroep van zes inburgeraars, per jaar.", "acties", le=5_000_000,
        widget="slider", step=500, slider_max=50_000)
    actions_until: int = Field(
        default=SEED_ACTIONS_UNTIL, ge=2024, le=2027, title="Acties lopen tot en met",
        description="Het laatste jaar waarin de extra acties worden betaald. Seed 002 verdeelt "
                    "de ruimte over 2024, 2025 en 2026.",
        json_schema_extra={"group": "acties", "unit": "jaar", "widget": "slider", "step": 1,
                           "slider_max": 2027})

    basisformatie: Decimal = _money(
        SEED_BASISFORMATIE, "Basisformatie (7,17 fte), per jaar",
        "Kosten van de totale basisformatie uitvoering (Maastrichts deel bij 67,23%).",
        "uitvoering", le=10_000_000)
    verdeelsleutel: Decimal = Field(
        default=SEED_VERDEELSLEUTEL, gt=0, le=1, decimal_places=4,
        title="Verdeelsleutel Maastricht",
        description="Aandeel van Maastricht in de regionale uitvoeringskosten. De seed-bedragen "
                    "horen bij 67,23%; een andere sleutel herrekent basisformatie en tijdelijke "
                    "extra inzet.",
        json_schema_extra={"group": "uitvoering", "unit": "fractie", "widget": "slider",
                           "step": 0.0001, "slider_max": 1})

    facility_estimate: Decimal = _money(
        SEED_FACILITY_ESTIMATE, "Raming Faciliteitenbesluit bij referentie",
        "Geraamde uitkering per jaar bij het referentieaantal bewoners (seed 001, tabel 2).",
        "faciliteit", le=10_000_000)
    facility_reference_residents: int = _count(
        SEED_AZC_CAPACITY, "Referentieaantal bewoners",
        "Aantal bewoners waarop de raming is gebaseerd (aanname: de capaciteit van 650).",
        "faciliteit", le=5000, ge=1, widget="number")
    facility_use: FacilityUse = Field(
        default="geen", title="Bestemming Faciliteitenbesluit",
        description="Seed 001: er is nog geen bestemming vastgelegd. Kies of de uitkering "
                    "tekorten dekt of de reserve aanvult.",
        json_schema_extra={"group": "faciliteit", "unit": "keuze", "widget": "choice"})

    reserve_opening: Decimal = _money(
        SEED_RESERVE_OPENING, "Stand reserve begin 2024",
        "Stand van de Reserve Vreemdelingen op 1 januari 2024 (seed 001, tabel 5).", "reserve",
        le=int(RESERVE_CAP), widget="slider", step=1000)

    def value(self, name: str, year: int):
        """A per-year input, e.g. value("housed", 2024)."""
        return getattr(self, f"{name}_{year}")

    def housed(self, year: int) -> int:
        """Housed in `year`; 0 for years outside the model's cohorts."""
        return getattr(self, f"housed_{year}", 0)


_PER_YEAR_FIELDS: dict[str, tuple[type, Any]] = {
    **{k: (int, v) for k, v in _HOUSED.items()},
    **{k: (int, v) for k, v in _GEZINSMIGRANTEN.items()},
    **{k: (Decimal, v) for k, v in _EXTRA_CAPACITY.items()},
    **{k: (Decimal, v) for k, v in _POLICY_OFFICER.items()},
    **{k: (Decimal, v) for k, v in _BUDGET.items()},
    **{k: (int, v) for k, v in _AZC.items()},
    **{k: (Decimal, v) for k, v in _INCIDENTAL.items()},
}

# Flat, so the page, the URL and the sensitivity analysis treat every input
# alike; per-year inputs are fields named <name>_<year> (housed_2024, ...),
# generated so every year carries the same label and help.
BudgetInputs = create_model(
    "BudgetInputs", __base__=_ScalarInputs, __module__=__name__,
    __doc__="Every input of the budget model, with its seed default.", **_PER_YEAR_FIELDS)

DEFAULT_INPUTS = BudgetInputs()


# --- Field metadata for the page and the URL --------------------------------

@dataclass(frozen=True, slots=True)
class InputSpec:
    name: str
    label: str
    help: str
    group: str
    unit: str  # euro | aantal | fractie | jaar | keuze
    widget: str  # slider | number | choice
    minimum: float
    maximum: float
    slider_max: float
    step: float
    default: Any


def _bound(info, kind: str):
    for m in info.metadata:
        v = getattr(m, kind, None)
        if v is not None:
            return v
    return None


def _specs() -> dict[str, InputSpec]:
    group_order = list(GROUPS)
    out = []
    for name, info in BudgetInputs.model_fields.items():
        extra = info.json_schema_extra or {}
        lo = _bound(info, "ge")
        if lo is None:
            lo = _bound(info, "gt") or 0
        hi = _bound(info, "le")
        out.append(InputSpec(
            name=name, label=info.title or name, help=info.description or "",
            group=extra.get("group", ""), unit=extra.get("unit", ""),
            widget=extra.get("widget", "number"), minimum=float(lo),
            maximum=float(hi) if hi is not None else 0.0,
            slider_max=float(extra.get("slider_max", hi or 0)), step=float(extra.get("step", 1)),
            default=info.default))
    out.sort(key=lambda s: group_order.index(s.group))  # stable within a group
    return {s.name: s for s in out}


INPUT_SPECS: dict[str, InputSpec] = _specs()


def specs_by_group() -> dict[str, list[InputSpec]]:
    groups: dict[str, list[InputSpec]] = {g: [] for g in GROUPS}
    for spec in INPUT_SPECS.values():
        groups[spec.group].append(spec)
    return groups


# --- Results ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class YearResult:
    year: int
    housed: int
    # SPUK, trajectory view (seed 002)
    spuk_income: Decimal         # income of the cohorts, spread over three years
    traject_costs: Decimal       # their trajectory costs, spread alike
    room: Decimal                # ruimte voor extra acties
    actions: Decimal             # inzet extra acties
    saldo_spuk: Decimal          # room - actions
    unused_room: Decimal         # onbenutte SPUK-ruimte (surplus, not added to saldo)
    actions_exceed_room: bool
    spuk_receipts: Decimal       # cash view: prices t, t-1, t-2 in this calendar year
    # Uitvoering
    basisformatie: Decimal
    extra_capacity: Decimal
    policy_officer: Decimal
    execution_costs: Decimal
    budget: Decimal
    saldo_execution: Decimal
    # Faciliteitenbesluit
    facility: Decimal
    facility_cover: Decimal
    facility_to_reserve: Decimal
    # Overall
    saldo: Decimal
    # Reserve Vreemdelingen
    reserve_opening: Decimal
    reserve_draw: Decimal
    reserve_topup: Decimal
    reserve_skimmed: Decimal     # top-up that would have breached the cap
    reserve_closing: Decimal
    shortfall_after_reserve: Decimal

    @property
    def reserve_needed(self) -> bool:
        return self.reserve_draw > 0 or self.shortfall_after_reserve > 0

    @property
    def cap_reached(self) -> bool:
        return self.reserve_skimmed > 0


@dataclass(frozen=True, slots=True)
class BudgetResult:
    inputs: BudgetInputs
    years: tuple[YearResult, ...]
    income_per_person: Decimal   # € 14.484,94
    cost_per_person: Decimal     # € 12.252,00
    result_per_person: Decimal   # € 2.232,94
    room_per_cohort: dict[int, Decimal]               # 2024: € 299.213,96
    room_per_year_average: dict[int, Decimal]         # 2024: € 99.737,99
    actions_per_year: Decimal                         # € 99.000
    saldo_total: Decimal                              # 2024–2027
    notices: tuple[str, ...] = field(default=())

    def year(self, y: int) -> YearResult:
        return self.years[YEARS.index(y)]

    @property
    def by_year(self) -> dict[int, YearResult]:
        return {r.year: r for r in self.years}


# --- The model ---------------------------------------------------------------

def cents(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def spread(total: Decimal, parts: int = SPREAD_YEARS) -> list[Decimal]:
    """`total` in `parts` shares to the cent that add up to it exactly; the
    leftover cents go to the first years. Each share only grows when the
    total grows, so more people never lowers any year."""
    in_cents = int(cents(total) * 100)
    return [Decimal((in_cents + parts - 1 - i) // parts) / 100 for i in range(parts)]


def income_per_person(inp: BudgetInputs) -> Decimal:
    return inp.price_t + inp.price_t1 + inp.price_t2


def cost_per_person(inp: BudgetInputs) -> Decimal:
    return inp.cost_leerroute + inp.cost_begeleiding + inp.cost_nazorg + inp.cost_pvt


def actions_per_year(inp: BudgetInputs) -> Decimal:
    return inp.action_zroute + inp.action_capaciteit + inp.action_psychisch + inp.action_inburgeraad


def spuk_receipts(inp: BudgetInputs, year: int) -> Decimal:
    """Cash SPUK in a calendar year: this year's cohort at price t, last year's
    at t-1, the year before at t-2, plus gezinsmigranten once."""
    amount = (inp.housed(year) * inp.price_t + inp.housed(year - 1) * inp.price_t1
              + inp.housed(year - 2) * inp.price_t2)
    if year in YEARS:
        amount += inp.value("gezinsmigranten", year) * inp.price_gezinsmigrant
    return amount


def regional_share(amount: Decimal, inp: BudgetInputs) -> Decimal:
    """A printed Maastricht amount at the seed key, at the chosen key."""
    if inp.verdeelsleutel == SEED_VERDEELSLEUTEL:
        return amount
    return cents(amount * inp.verdeelsleutel / SEED_VERDEELSLEUTEL)


def facility_payment(inp: BudgetInputs, year: int) -> Decimal:
    residents = inp.value("azc_not_in_brp", year)
    if residents == inp.facility_reference_residents:
        return inp.facility_estimate
    return cents(inp.facility_estimate * residents / inp.facility_reference_residents)


def _spread_by_year(per_cohort: Mapping[int, Decimal]) -> dict[int, Decimal]:
    out = {y: ZERO for y in YEARS}
    for cohort, total in per_cohort.items():
        if not total:
            continue
        for offset, share in enumerate(spread(total)):
            if cohort + offset in out:
                out[cohort + offset] += share
    return out


def compute(inp: BudgetInputs) -> BudgetResult:
    """The whole model for 2024–2027. Pure: same inputs, same result."""
    income_pp = income_per_person(inp)
    cost_pp = cost_per_person(inp)
    result_pp = income_pp - cost_pp
    actions_py = actions_per_year(inp)

    cohorts = {c: inp.housed(c) for c in COHORT_YEARS}
    income_by_year = _spread_by_year({c: n * income_pp for c, n in cohorts.items()})
    cost_by_year = _spread_by_year({c: n * cost_pp for c, n in cohorts.items()})
    room_per_cohort = {c: n * result_pp for c, n in cohorts.items()}
    room_avg = {c: cents(v / SPREAD_YEARS) for c, v in room_per_cohort.items()}

    notices: list[str] = []
    years: list[YearResult] = []
    reserve = inp.reserve_opening
    for y in YEARS:
        gm = inp.value("gezinsmigranten", y)
        income = income_by_year[y] + gm * inp.price_gezinsmigrant
        costs = cost_by_year[y] + gm * inp.cost_gezinsmigrant
        room = income - costs
        actions = actions_py if y <= inp.actions_until else ZERO
        saldo_spuk = room - actions

        basis = regional_share(inp.basisformatie, inp)
        extra = regional_share(inp.value("extra_capacity", y), inp)
        officer = inp.value("policy_officer", y)
        execution = basis + extra + officer
        budget = inp.value("budget", y)
        saldo_execution = budget - execution

        facility = facility_payment(inp, y)
        cover = facility if inp.facility_use == "dekking" else ZERO
        to_reserve = facility if inp.facility_use == "reserve" else ZERO

        saldo = saldo_execution + min(saldo_spuk, ZERO) + cover

        opening = reserve
        need = max(-saldo, ZERO)
        draw = min(need, opening)
        shortfall = need - draw
        topup = inp.value("incidental", y) + to_reserve
        closing = opening - draw + topup
        skimmed = max(closing - RESERVE_CAP, ZERO)
        closing -= skimmed
        reserve = closing

        years.append(YearResult(
            year=y, housed=inp.housed(y), spuk_income=income, traject_costs=costs, room=room,
            actions=actions, saldo_spuk=saldo_spuk, unused_room=max(saldo_spuk, ZERO),
            actions_exceed_room=actions > room, spuk_receipts=spuk_receipts(inp, y),
            basisformatie=basis, extra_capacity=extra, policy_officer=officer,
            execution_costs=execution, budget=budget, saldo_execution=saldo_execution,
            facility=facility, facility_cover=cover, facility_to_reserve=to_reserve,
            saldo=saldo, reserve_opening=opening, reserve_draw=draw, reserve_topup=topup,
            reserve_skimmed=skimmed, reserve_closing=closing, shortfall_after_reserve=shortfall,
        ))

        if actions > room:
            notices.append(f"{y}: de inzet voor extra acties ({euro(actions)}) is "
                           f"{euro(actions - room)} hoger dan de SPUK-ruimte ({euro(room)}).")
        if saldo_execution < 0:
            notices.append(f"{y}: de uitvoeringskosten zijn {euro(-saldo_execution)} hoger dan "
                           f"de uitvoeringsmiddelen (570610905).")
        if draw > 0:
            notices.append(f"{y}: de Reserve Vreemdelingen is nodig: onttrekking {euro(draw)}.")
        if shortfall > 0:
            notices.append(f"{y}: de reserve is ontoereikend; er blijft een tekort van "
                           f"{euro(shortfall)}.")
        if skimmed > 0:
            notices.append(f"{y}: aanvulling van de reserve zou het plafond van "
                           f"{euro(RESERVE_CAP, cents=False)} overschrijden; {euro(skimmed)} "
                           f"kan niet worden toegevoegd.")

    return BudgetResult(
        inputs=inp, years=tuple(years), income_per_person=income_pp, cost_per_person=cost_pp,
        result_per_person=result_pp, room_per_cohort=room_per_cohort,
        room_per_year_average=room_avg, actions_per_year=actions_py,
        saldo_total=sum((r.saldo for r in years), ZERO), notices=tuple(notices),
    )


# --- Waterfall ----------------------------------------------------------------

def waterfall_steps(result: BudgetResult,
                    year: int | None = None) -> list[tuple[str, Decimal, str]]:
    """(label, amount, measure) from income to saldo, for one year or (None)
    for 2024–2027 together; measure is "relative" or "total" as plotly's
    Waterfall wants. The steps add up to the saldo exactly."""
    rows = result.years if year is None else (result.year(year),)

    def total(attr: str) -> Decimal:
        return sum((getattr(r, attr) for r in rows), ZERO)

    steps = [
        ("SPUK-inkomsten (trajecten)", total("spuk_income"), "relative"),
        ("Trajectkosten", -total("traject_costs"), "relative"),
        ("Inzet extra acties", -total("actions"), "relative"),
        ("Onbenutte SPUK-ruimte", -total("unused_room"), "relative"),
        ("Uitvoeringsmiddelen 570610905", total("budget"), "relative"),
        ("Uitvoeringskosten", -total("execution_costs"), "relative"),
    ]
    if result.inputs.facility_use == "dekking":
        steps.append(("Faciliteitenbesluit (dekking)", total("facility_cover"), "relative"))
    steps.append(("Saldo", total("saldo"), "total"))
    return steps


# --- Sensitivity --------------------------------------------------------------

def _fields(name: str, years=YEARS) -> tuple[str, ...]:
    return tuple(f"{name}_{y}" for y in years)


# Levers that move the saldo; per-year inputs move together.
LEVERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Gehuisveste asielstatushouders", _fields("housed", COHORT_YEARS)),
    ("SPUK-prijzen (t, t-1, t-2)", ("price_t", "price_t1", "price_t2")),
    ("Kosten leerroute", ("cost_leerroute",)),
    ("Kosten maatschappelijke begeleiding", ("cost_begeleiding",)),
    ("Kosten nazorg", ("cost_nazorg",)),
    ("Kosten PVT", ("cost_pvt",)),
    ("Gezinsmigranten", _fields("gezinsmigranten")),
    ("Prijs per gezinsmigrant", ("price_gezinsmigrant",)),
    ("Kosten per gezinsmigrant", ("cost_gezinsmigrant",)),
    ("Activeringsprogramma Z-route", ("action_zroute",)),
    ("Extra capaciteit participatie en werk", ("action_capaciteit",)),
    ("Psychische klachten", ("action_psychisch",)),
    ("InburgeRaad", ("action_inburgeraad",)),
    ("Basisformatie", ("basisformatie",)),
    ("Tijdelijke extra inzet", _fields("extra_capacity")),
    ("Tijdelijke beleidsmedewerker", _fields("policy_officer")),
    ("Verdeelsleutel Maastricht", ("verdeelsleutel",)),
    ("Uitvoeringsmiddelen 570610905", _fields("budget")),
    ("AZC-bewoners niet in BRP", _fields("azc_not_in_brp")),
    ("Raming Faciliteitenbesluit", ("facility_estimate",)),
)


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    label: str
    low: Decimal    # change in saldo 2024–2027 when the lever drops by `step`
    high: Decimal   # ... and when it rises by `step`

    @property
    def swing(self) -> Decimal:
        return max(abs(self.low), abs(self.high))


def _scaled(inp: BudgetInputs, names: tuple[str, ...], factor: Decimal) -> BudgetInputs:
    update = {}
    for name in names:
        v = getattr(inp, name)
        spec = INPUT_SPECS[name]
        if isinstance(v, int):
            new = int((Decimal(v) * factor).to_integral_value(rounding=ROUND_HALF_UP))
            update[name] = max(int(spec.minimum), min(new, int(spec.maximum)))
        elif name == "verdeelsleutel":
            update[name] = min((v * factor).quantize(Decimal("0.0001")), Decimal(1))
        else:
            update[name] = min(cents(v * factor), Decimal(str(spec.maximum)))
    return inp.model_copy(update=update)


def sensitivity(inp: BudgetInputs, step: Decimal = Decimal("0.10"),
                base: BudgetResult | None = None) -> list[SensitivityRow]:
    """How much the saldo 2024–2027 moves when each lever moves by ±`step`
    (relative), largest swing first. A lever at 0 does not move."""
    base_saldo = (base or compute(inp)).saldo_total
    rows = []
    for label, names in LEVERS:
        low = compute(_scaled(inp, names, 1 - step)).saldo_total - base_saldo
        high = compute(_scaled(inp, names, 1 + step)).saldo_total - base_saldo
        rows.append(SensitivityRow(label, low, high))
    rows.sort(key=lambda r: r.swing, reverse=True)
    return rows


# --- Actual counts ------------------------------------------------------------

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


# --- URL ----------------------------------------------------------------------

MAX_SCENARIOS = 3
COUNT_PARAM = "scenarios"
_SCENARIO_KEY = re.compile(r"^s\d+\.")
_TRUE = {"1", "ja", "true", "waar", "on"}
_FALSE = {"0", "nee", "false", "onwaar", "off"}


def _to_text(v) -> str:
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return str(int(v))
        return format(v.normalize(), "f")
    return str(v)


def _display(spec: InputSpec, v) -> str:
    if spec.unit == "euro":
        return euro(v)
    if spec.unit == "fractie":
        return pct(v, 2)
    if spec.unit == "aantal":
        return number(v)
    if spec.unit == "keuze":
        return FACILITY_USE_LABELS.get(v, str(v))
    return str(v)


def scenario_to_query(inputs: BudgetInputs, prefix: str = "",
                      compact: bool = False) -> dict[str, str]:
    """The inputs as URL query parameters (machine notation: decimal point, no
    grouping). `compact` leaves out inputs equal to the seed defaults; a link
    without them reproduces the same scenario because the defaults are the
    fixed seed figures."""
    out = {}
    for name in BudgetInputs.model_fields:
        v = getattr(inputs, name)
        if compact and v == getattr(DEFAULT_INPUTS, name):
            continue
        out[f"{prefix}{name}"] = _to_text(v)
    return out


def _last(v):
    if isinstance(v, (list, tuple)):
        return v[-1] if v else ""
    return v


def _parse(spec: InputSpec, raw: str):
    text = str(raw).strip()
    if spec.unit in ("aantal", "jaar"):
        return int(text)
    if spec.unit == "keuze":
        return text.lower()
    # Accept a Dutch decimal comma from a hand-edited link: "8870,51".
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    elif "," in text:
        text = text.replace(".", "").replace(",", ".")
    d = Decimal(text)
    if not d.is_finite():
        raise InvalidOperation(text)
    return d


def scenario_from_query(params: Mapping[str, Any], prefix: str = "",
                        where: str = "") -> tuple[BudgetInputs, list[str]]:
    """Inputs from URL query parameters. Missing inputs take the seed default;
    an invalid one also does, with a Dutch notice. `where` names the scenario
    in notices ("scenario 2")."""
    values: dict[str, Any] = {}
    notices: list[str] = []
    suffix = f" ({where})" if where else ""
    for name, spec in INPUT_SPECS.items():
        key = f"{prefix}{name}"
        if key not in params:
            continue
        raw = _last(params[key])
        try:
            values[name] = _parse(spec, raw)
        except (ValueError, InvalidOperation):
            notices.append(f"Link: ‘{raw}’ is geen geldige waarde voor ‘{spec.label}’{suffix}; "
                           f"de standaardwaarde {_display(spec, spec.default)} is gebruikt.")
    if prefix:
        known = {f"{prefix}{n}" for n in INPUT_SPECS}
        for key in params:
            own = key.startswith(prefix) and key[len(prefix):] not in _SCENARIO_META
            if own and key not in known:
                notices.append(f"Link: onbekende instelling ‘{key}’ is genegeerd.")
    while True:
        try:
            return BudgetInputs.model_validate(values), notices
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            bad &= set(values)
            if not bad:  # cannot happen with per-field constraints; be safe
                return DEFAULT_INPUTS, notices + ["Link: de instellingen zijn ongeldig; de "
                                                  "standaardwaarden zijn gebruikt."]
            for name in sorted(bad):
                spec = INPUT_SPECS[name]
                notices.append(
                    f"Link: ‘{_to_text(values.pop(name))}’ ligt buiten het toegestane bereik voor "
                    f"‘{spec.label}’{suffix} ({_range_text(spec)}); de standaardwaarde "
                    f"{_display(spec, spec.default)} is gebruikt.")


def _range_text(spec: InputSpec) -> str:
    if spec.unit == "keuze":
        return "kies uit " + ", ".join(FACILITY_USE_LABELS)
    if spec.unit == "fractie":
        return f"groter dan 0 en ten hoogste {pct(spec.maximum, 0)}"
    lo, hi = spec.minimum, spec.maximum
    if spec.unit == "euro":
        return f"van {euro(lo, cents=False)} tot en met {euro(hi, cents=False)}, in centen"
    return f"van {number(lo)} tot en met {number(hi)}"


# --- Several named scenarios in one URL ---------------------------------------

_SCENARIO_META = ("naam", "actueel")


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    inputs: BudgetInputs
    use_actual: bool = False  # "gebruik actuele aantallen"


def default_name(i: int) -> str:
    return "Seed 002" if i == 1 else f"Scenario {i}"


def is_scenario_key(key: str) -> bool:
    """Whether a URL parameter belongs to the scenarios (others, such as the
    app's filters, are left alone)."""
    return key == COUNT_PARAM or bool(_SCENARIO_KEY.match(key))


def scenarios_to_query(scenarios: list[Scenario], compact: bool = True) -> dict[str, str]:
    """Up to three scenarios as s1.…, s2.…, s3.… parameters plus their count."""
    out: dict[str, str] = {}
    if len(scenarios) > 1:
        out[COUNT_PARAM] = str(len(scenarios))
    for i, sc in enumerate(scenarios[:MAX_SCENARIOS], start=1):
        p = f"s{i}."
        if not compact or sc.name != default_name(i):
            out[p + "naam"] = sc.name
        if sc.use_actual:
            out[p + "actueel"] = "1"
        out.update(scenario_to_query(sc.inputs, p, compact=compact))
    return out


def scenarios_from_query(params: Mapping[str, Any]) -> tuple[list[Scenario], list[str]]:
    """Scenarios from the URL; at least one. The count is the `scenarios`
    parameter, or else the highest scenario number that has a parameter.
    Parameters that are not the scenarios' are ignored."""
    notices: list[str] = []
    seen = 1
    for key in params:
        if _SCENARIO_KEY.match(key):
            idx = int(key[1:key.index(".")])
            if 1 <= idx <= MAX_SCENARIOS:
                seen = max(seen, idx)
            else:
                notices.append(f"Link: er zijn hoogstens {MAX_SCENARIOS} scenario's; ‘{key}’ is "
                               f"genegeerd.")
    count = seen
    if COUNT_PARAM in params:
        raw = _last(params[COUNT_PARAM])
        try:
            count = int(str(raw).strip())
            if not 1 <= count <= MAX_SCENARIOS:
                raise ValueError
        except ValueError:
            notices.append(f"Link: ‘{raw}’ is geen geldig aantal scenario's (1 tot en met "
                           f"{MAX_SCENARIOS}); {seen} is gebruikt.")
            count = seen
    scenarios = []
    for i in range(1, count + 1):
        p = f"s{i}."
        inputs, notes = scenario_from_query(params, p, where=f"scenario {i}")
        notices += notes
        name = str(_last(params.get(p + "naam", ""))).strip()[:40] or default_name(i)
        actual_raw = str(_last(params.get(p + "actueel", "0"))).strip().lower()
        if actual_raw not in _TRUE | _FALSE:
            notices.append(f"Link: ‘{actual_raw}’ is geen geldige keuze voor ‘gebruik actuele "
                           f"aantallen’ (scenario {i}); uit is gebruikt.")
        scenarios.append(Scenario(name, inputs, actual_raw in _TRUE))
    return scenarios, notices
