"""Every input of the budget model, with its default and where that default
comes from.

A default is one of three kinds (`Provenance.kind`):
- "seed": a figure printed in a source document, named with its table;
- "aanname": a choice the seeds do not make, with why this default and who
  may change it;
- "actueel": counted from the loaded data (set at run time by
  `monitor.budget.actuals`, with its source and peildatum).

A new input is a field here (with its provenance) and its use in `model.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from monitor.formatting import euro, number, pct

YEARS: tuple[int, ...] = (2024, 2025, 2026, 2027)
# SPUK counts a person for three years, so the 2024 receipts depend on the
# 2022 and 2023 cohorts.
COHORT_YEARS: tuple[int, ...] = (2022, 2023) + YEARS
ZERO = Decimal("0")

# The budget line as a reader names it; its ledger number is in the help text.
BUDGET_LINE = "Uitvoeringsmiddelen inburgering"

# --- The source documents -----------------------------------------------------
DOC_001 = "Beleidskader Nieuwe stadsgezichten (2023)"
DOC_002 = "Uitvoeringsprogramma Taal en Participatie 2024–2027"
T_PRICES = "tabel ‘Inkomsten per asielstatushouder’"
T_COSTS = "tabel ‘Kosten per asielstatushouder/traject’"
T_ROOM = "tekst bij ‘Beschikbaar budget SPUK inburgering’"
T_ACTIONS = "tabel ‘Inzet beschikbare middelen SPUK’"
T_EXECUTION = "tabel ‘Uitvoeringskosten inburgering’"

# --- Seed figures -------------------------------------------------------------
# Seed 002, "Inkomsten en uitgaven SPUK per asielstatushouder" (prices the
# Rijk uses in 2024).
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
# Seed 002, "Beschikbaar budget SPUK": result per person and the 134
# asielstatushouders "op dit moment gehuisvest" in Maastricht (a stock, which
# the seed itself uses as the 2024 cohort).
SEED_RESULT_PER_PERSON = Decimal("2232.94")
SEED_HOUSED_2024 = 134
SEED_ROOM_2024_COHORT = Decimal("299213.96")
SEED_ROOM_PER_YEAR = Decimal("99737.99")  # the seed prints € 99.737, truncated
# Seed 002, "Inzet beschikbare middelen SPUK voor uitvoeringsprogramma".
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
# Seed 001 table 2: Faciliteitenbesluit opvangcentra, an estimate per year,
# "berekend op basis van het aantal asielzoekers woonachtig in het AZC op 1
# januari ... die niet geregistreerd staan in het BRP". The seed gives no such
# count; the AZC has 650 places (seed 001, "maximaal 650 bewoners").
SEED_FACILITY_ESTIMATE = Decimal("175000")
SEED_AZC_CAPACITY = 650
# Seed 001 table 4: SPUK estimate in the budget, for comparison only.
SEED_001_TABLE4_SPUK = Decimal("1250000")
# Seed 001, text above table 5: the council's cap on the reserve. Table 5
# prints € 400.000* per year, which the text explains as the cap.
RESERVE_CAP = Decimal("400000")
DEFAULT_RESERVE_OPENING = RESERVE_CAP

FacilityUse = Literal["geen", "dekking", "reserve"]
FACILITY_USE_LABELS: dict[str, str] = {
    "geen": "Geen bestemming (zoals nu)",
    "dekking": "Inzetten als dekking van tekorten",
    "reserve": "Toevoegen aan de Reserve Vreemdelingen",
}


# --- Provenance ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Provenance:
    kind: Literal["seed", "aanname", "actueel"]
    source: str          # seed: document and table; actueel: the file; aanname: why
    owner: str = ""      # aanname: who may change it
    peildatum: str = ""  # actueel: as of when

    @property
    def text(self) -> str:
        """One Dutch line for beside the input."""
        if self.kind == "seed":
            return f"Uit document: {self.source}"
        if self.kind == "actueel":
            when = f", peildatum {self.peildatum}" if self.peildatum else ""
            return f"Actueel: {self.source}{when}"
        owner = f" Wijzigen: {self.owner}." if self.owner else ""
        return f"Aanname: {self.source}{owner}"


def seed(doc: str, table: str) -> Provenance:
    return Provenance("seed", f"{doc}, {table}")


def aanname(why: str, owner: str) -> Provenance:
    return Provenance("aanname", why, owner)


FINANCE = "afdeling Financiën, bij de begroting of de decembercirculaire"
POLICY = "beleid inburgering, met de actuele aantallen"
COUNCIL = "college, met instemming van de raad"

# --- Groups, in page order, with the Dutch explanation the page shows ---------
GROUPS: dict[str, tuple[str, str]] = {
    "aantallen": ("Aantallen",
                  "Gehuisveste asielstatushouders per jaar van huisvesting (cohort) en "
                  "gezinsmigranten per jaar. Het uitvoeringsprogramma noemt alleen de 134 "
                  "asielstatushouders die ‘op dit moment’ (2024) gehuisvest zijn; de andere jaren "
                  "staan op 0 (onbekend) tot u een aantal invult of de actuele aantallen gebruikt."),
    "traject": ("Kosten per traject",
                "Kosten per asielstatushouder voor het hele driejarige traject, prijzen 2024."),
    "acties": ("Inzet extra acties (per jaar)",
               "De ruimte tussen SPUK-inkomsten en trajectkosten is verdeeld over extra acties "
               "van het uitvoeringsprogramma (samen € 99.000)."),
    "spuk": ("SPUK-inkomsten per persoon",
             "Wat het Rijk per gehuisveste asielstatushouder betaalt: een bedrag in het jaar "
             "van huisvesting (t) en in de twee jaren daarna (t-1, t-2), prijzen 2024. "
             "Gezinsmigranten tellen één keer mee, in hun eerste jaar."),
    "uitvoering": ("Uitvoeringskosten en uitvoeringsmiddelen",
                   "Personele inzet voor de uitvoering (SZMH) en de tijdelijke beleidsmedewerker, "
                   "betaald uit het gemeentefonds. De bedragen zijn het Maastrichtse deel bij de "
                   "verdeelsleutel van 67,23%; een andere sleutel herrekent de regionale delen."),
    "faciliteit": ("Faciliteitenbesluit opvangcentra",
                   "Vergoeding voor AZC-bewoners die op 1 januari niet in de BRP staan: raming "
                   "€ 175.000 per jaar, naar rato van het aantal bewoners ten opzichte van de "
                   "referentie. Er is nog geen bestemming vastgelegd."),
    "reserve": ("Reserve Vreemdelingen",
                "Alleen aangesproken als reguliere budgetten ontoereikend zijn; aangevuld met "
                "incidentele middelen uit het gemeentefonds; nooit hoger dan € 400.000 "
                "(raadsbesluit)."),
}


def _extra(group: str, unit: str, widget: str, step: float, slider_max, provenance) -> dict:
    return {"group": group, "unit": unit, "widget": widget, "step": step,
            "slider_max": slider_max, "provenance": provenance}


def _money(default, title: str, description: str, group: str, provenance, *, le: int,
           widget: str = "number", step: float = 1.0, slider_max: int | None = None) -> Any:
    return Field(
        default=Decimal(default), ge=0, le=le, decimal_places=2, title=title,
        description=description,
        json_schema_extra=_extra(group, "euro", widget, step, slider_max or le, provenance))


def _count(default: int, title: str, description: str, group: str, provenance, *, le: int,
           widget: str = "slider", slider_max: int | None = None, ge: int = 0) -> Any:
    return Field(
        default=default, ge=ge, le=le, title=title, description=description,
        json_schema_extra=_extra(group, "aantal", widget, 1, slider_max or le, provenance))


def _per_year(kind, name: str, defaults: Mapping[int, Any], years, title: str,
              description: str, group: str, provenance, **kw) -> dict[str, Any]:
    """Fields <name>_<year>; `provenance` maps a year to its provenance."""
    return {f"{name}_{y}": kind(defaults.get(y, 0), f"{title} {y}", description, group,
                                provenance(y), **kw)
            for y in years}


_UNKNOWN_COUNT = aanname("het document noemt geen aantal; 0 betekent: niet meegerekend.",
                         POLICY)
_HOUSED = _per_year(
    _count, "housed", {2024: SEED_HOUSED_2024}, COHORT_YEARS, "Gehuisvest",
    "Asielstatushouders (ook nareizigers) die in dit jaar in Maastricht zijn gehuisvest "
    "(uitstroommelding COA of inschrijving BRP). Zij tellen dit jaar en de twee jaren daarna "
    "mee voor de SPUK.",
    "aantallen",
    lambda y: (Provenance("seed", f"{DOC_002}, {T_ROOM}: 134 ‘op dit moment gehuisvest’; het "
                                  "document rekent die stand als cohort 2024")
               if y == 2024 else _UNKNOWN_COUNT),
    le=5000, slider_max=600)
_GEZINSMIGRANTEN = _per_year(
    _count, "gezinsmigranten", {}, YEARS, "Gezinsmigranten",
    "Gezinsmigranten en overige migranten die in dit jaar met hun inburgering beginnen; "
    "zij tellen één keer mee voor de SPUK.", "aantallen", lambda y: _UNKNOWN_COUNT,
    le=5000, slider_max=300)
_EXTRA_CAPACITY = _per_year(
    _money, "extra_capacity", SEED_EXTRA_CAPACITY, YEARS, "Tijdelijke extra inzet",
    "Kosten van de tijdelijke extra uitvoeringscapaciteit (Maastrichts deel bij 67,23%). "
    "Het document begroot 2024 en 2025 (‘-’ in 2026 en 2027).", "uitvoering",
    lambda y: seed(DOC_002, T_EXECUTION), le=5_000_000)
_POLICY_OFFICER = _per_year(
    _money, "policy_officer", SEED_POLICY_OFFICER, YEARS, "Tijdelijke beleidsmedewerker",
    "Kosten van de tijdelijke beleidsmedewerker inburgering; volledig voor Maastricht "
    "(geen regionale functie). Het document begroot 2024 en 2025 (‘-’ daarna).",
    "uitvoering", lambda y: seed(DOC_002, T_EXECUTION), le=5_000_000)
_BUDGET = _per_year(
    _money, "budget", SEED_BUDGET_570610905, YEARS, BUDGET_LINE,
    "Totaal uitvoeringsmiddelen inburgering volgens de begroting (budgetnummer 570610905).",
    "uitvoering",
    lambda y: seed(DOC_002, T_EXECUTION + ", regel ‘Totaal uitvoeringsmiddelen (obv "
                   "begroting)’"), le=10_000_000)
_AZC = _per_year(
    _count, "azc_not_in_brp", {y: SEED_AZC_CAPACITY for y in YEARS}, YEARS,
    "AZC-bewoners niet in BRP op 1 januari",
    "Asielzoekers in het AZC op 1 januari van het jaar die niet in de BRP staan (COA-"
    "bezettingsoverzicht).", "faciliteit",
    lambda y: aanname("geen document noemt dit aantal; standaard de capaciteit van het AZC "
                      "(650 plaatsen, beleidskader), dan geldt precies de raming.", POLICY),
    le=5000, slider_max=1000)
_INCIDENTAL = _per_year(
    _money, "incidental", {}, YEARS, "Incidentele middelen gemeentefonds",
    "Incidentele middelen uit het gemeentefonds die de reserve aanvullen (tot het plafond).",
    "reserve", lambda y: aanname("nog niet bekend; 0 betekent: geen aanvulling.", FINANCE),
    le=5_000_000)

_PER_YEAR_ACTION = aanname(
    "het document noemt dit bedrag zonder periode (alleen de Z-route-regel zegt ‘p.j.’); het "
    "totaal van € 99.000 past bij de € 99.737 ruimte per jaar, dus het model leest het als "
    "bedrag per jaar.", COUNCIL)


class _ScalarInputs(BaseModel):
    """The inputs that are not per year; BudgetInputs adds the per-year ones."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    price_t: Decimal = _money(SEED_PRICE_T, "Prijs jaar t",
                              "SPUK-bedrag per asielstatushouder in het jaar van huisvesting.",
                              "spuk", seed(DOC_002, T_PRICES), le=100_000, step=0.01)
    price_t1: Decimal = _money(SEED_PRICE_T1, "Prijs jaar t-1",
                               "SPUK-bedrag in het jaar na het jaar van huisvesting.",
                               "spuk", seed(DOC_002, T_PRICES), le=100_000, step=0.01)
    price_t2: Decimal = _money(SEED_PRICE_T2, "Prijs jaar t-2",
                               "SPUK-bedrag twee jaar na het jaar van huisvesting.",
                               "spuk", seed(DOC_002, T_PRICES), le=100_000, step=0.01)
    price_gezinsmigrant: Decimal = _money(
        0, "Prijs per gezinsmigrant (onbekend)",
        "SPUK-bedrag per gezinsmigrant, eenmalig in het eerste jaar.", "spuk",
        aanname("het document noemt dit bedrag niet; 0 betekent: niet meegerekend.", FINANCE),
        le=100_000, step=0.01)
    cost_gezinsmigrant: Decimal = _money(
        0, "Kosten per gezinsmigrant (onbekend)",
        "Kosten van de gemeente per gezinsmigrant (bijvoorbeeld brede intake, PVT).", "spuk",
        aanname("het document noemt deze kosten niet; 0 betekent: niet meegerekend.", FINANCE),
        le=100_000, step=0.01)

    cost_leerroute: Decimal = _money(SEED_COST_LEERROUTE, "B1/Z-route (leerroute)",
                                     "Kosten van de leerroute per traject.", "traject",
                                     seed(DOC_002, T_COSTS), le=100_000, widget="slider",
                                     step=10, slider_max=20_000)
    cost_begeleiding: Decimal = _money(SEED_COST_BEGELEIDING, "Maatschappelijke begeleiding",
                                       "Kosten van maatschappelijke begeleiding per traject.",
                                       "traject", seed(DOC_002, T_COSTS), le=100_000,
                                       widget="slider", step=10, slider_max=6_000)
    cost_nazorg: Decimal = _money(SEED_COST_NAZORG, "Nazorg", "Kosten van nazorg per traject.",
                                  "traject", seed(DOC_002, T_COSTS), le=100_000,
                                  widget="slider", step=10, slider_max=2_000)
    cost_pvt: Decimal = _money(SEED_COST_PVT, "Participatieverklaring (PVT)",
                               "Kosten van het participatieverklaringstraject per traject.",
                               "traject", seed(DOC_002, T_COSTS), le=100_000, widget="slider",
                               step=10, slider_max=1_000)

    action_zroute: Decimal = _money(
        SEED_ACTION_ZROUTE, "Activeringsprogramma Z-route",
        "Extra SPUK-middelen per jaar voor het activeringsprogramma in de Z-route (naast het "
        "budget Sport en Cultuur).", "acties",
        seed(DOC_002, T_ACTIONS + " en de actietabel (‘€ 22.000 p.j.’)"), le=5_000_000,
        widget="slider", step=500, slider_max=150_000)
    action_capaciteit: Decimal = _money(
        SEED_ACTION_CAPACITEIT, "Extra capaciteit participatie en werk",
        "Extra capaciteit voor begeleiding naar participatie- en arbeidsmogelijkheden "
        "(€ 35.000 begeleiding + € 15.000 participatieplaatsen).", "acties", _PER_YEAR_ACTION,
        le=5_000_000, widget="slider", step=500, slider_max=150_000)
    action_psychisch: Decimal = _money(
        SEED_ACTION_PSYCHISCH, "Psychische klachten",
        "Training consulenten (€ 10.000) en uitbreiding interventies (€ 12.000).",
        "acties", _PER_YEAR_ACTION, le=5_000_000, widget="slider", step=500, slider_max=150_000)
    action_inburgeraad: Decimal = _money(
        SEED_ACTION_INBURGERAAD, "InburgeRaad",
        "Klankbordgroep van zes inburgeraars.", "acties", _PER_YEAR_ACTION, le=5_000_000,
        widget="slider", step=500, slider_max=50_000)
    actions_until: int = Field(
        default=SEED_ACTIONS_UNTIL, ge=2024, le=2027, title="Acties lopen tot en met",
        description="Het laatste jaar waarin de extra acties worden betaald.",
        json_schema_extra=_extra("acties", "jaar", "slider", 1, 2027, seed(
            DOC_002, T_ROOM + ": ‘gemiddeld € 99.737 per jaar in 2024, 2025 en 2026’")))

    basisformatie: Decimal = _money(
        SEED_BASISFORMATIE, "Basisformatie (7,17 fte), per jaar",
        "Kosten van de totale basisformatie uitvoering (Maastrichts deel bij 67,23%).",
        "uitvoering", seed(DOC_002, T_EXECUTION), le=10_000_000)
    verdeelsleutel: Decimal = Field(
        default=SEED_VERDEELSLEUTEL, gt=0, le=1, decimal_places=4,
        title="Verdeelsleutel Maastricht",
        description="Aandeel van Maastricht in de regionale uitvoeringskosten. De bedragen uit "
                    "het document horen bij 67,23%; een andere sleutel herrekent basisformatie "
                    "en tijdelijke extra inzet.",
        json_schema_extra=_extra("uitvoering", "fractie", "slider", 0.0001, 1,
                                 seed(DOC_002, "tekst bij " + T_EXECUTION)))

    facility_estimate: Decimal = _money(
        SEED_FACILITY_ESTIMATE, "Raming Faciliteitenbesluit bij referentie",
        "Geraamde uitkering per jaar bij het referentieaantal bewoners.",
        "faciliteit", seed(DOC_001, "tabel 2 (raming, *)"), le=10_000_000)
    facility_reference_residents: int = _count(
        SEED_AZC_CAPACITY, "Referentieaantal bewoners",
        "Aantal bewoners niet in de BRP waarop de raming van € 175.000 berust.", "faciliteit",
        aanname("het beleidskader noemt de grondslag van de raming niet; het model neemt de "
                "capaciteit van 650 plaatsen.", FINANCE),
        le=5000, ge=1, widget="number")
    facility_use: FacilityUse = Field(
        default="geen", title="Bestemming Faciliteitenbesluit",
        description="Kies of de uitkering tekorten dekt of de reserve aanvult.",
        json_schema_extra=_extra("faciliteit", "keuze", "choice", 1, None, seed(
            DOC_001, "tekst bij tabel 2: ‘geen bestemming vastgelegd’")))

    reserve_opening: Decimal = _money(
        DEFAULT_RESERVE_OPENING, "Stand reserve begin 2024",
        "Stand van de Reserve Vreemdelingen op 1 januari 2024.", "reserve",
        aanname("de stand staat in geen document (tabel 5 van het beleidskader noemt € 400.000 "
                "als plafond); het model neemt aan dat de reserve vol is.", FINANCE),
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
    __doc__="Every input of the budget model, with its default.", **_PER_YEAR_FIELDS)

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
    provenance: Provenance


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
            slider_max=float(extra.get("slider_max") or hi or 0),
            step=float(extra.get("step", 1)), default=info.default,
            provenance=extra["provenance"]))
    out.sort(key=lambda s: group_order.index(s.group))  # stable within a group
    return {s.name: s for s in out}


INPUT_SPECS: dict[str, InputSpec] = _specs()


def specs_by_group() -> dict[str, list[InputSpec]]:
    groups: dict[str, list[InputSpec]] = {g: [] for g in GROUPS}
    for spec in INPUT_SPECS.values():
        groups[spec.group].append(spec)
    return groups


def changed_inputs(inputs: BudgetInputs, base: BudgetInputs = DEFAULT_INPUTS) -> list[str]:
    """The names of the inputs that differ from `base`, in page order."""
    return [n for n in INPUT_SPECS if getattr(inputs, n) != getattr(base, n)]


def shown(spec: InputSpec, v) -> str:
    """An input value as the page prints it."""
    if spec.unit == "euro":
        return euro(v)
    if spec.unit == "fractie":
        return pct(v, 2)
    if spec.unit == "aantal":
        return number(v)
    if spec.unit == "keuze":
        return FACILITY_USE_LABELS.get(v, str(v))
    return str(v)
