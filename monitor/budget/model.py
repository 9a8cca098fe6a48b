"""The budget model for inburgering 2024–2027: pure arithmetic from
`BudgetInputs` to `BudgetResult`, plus the views of a result the page draws
(waterfall, sensitivity, headline figures and their difference from the
uitgangspunt).

No Streamlit and no store here: a slider move costs one call of `compute`.
Money is Decimal throughout so the seed's figures come out to the cent.

How the parts fit (choices where the seeds are silent are in ASSUMPTIONS,
which the page shows as "Uitgangspunten"):

- SPUK, as seed 002 "Financiering" reasons: per housed asielstatushouder the
  Rijk pays price t + t-1 + t-2 over three years and the trajectory costs
  leerroute + begeleiding + nazorg + PVT; the difference is the room for the
  extra actions. Seed 002 spreads a cohort's room evenly over its three years
  (€ 299.213,96 -> € 99.737,99 a year); thirds are split to the cent with the
  leftover cents in the first years, so a cohort's years add up exactly. The
  cash receipts per calendar year are reported alongside, for comparison
  with the SPUK estimate of seed 001 table 4.
- Uitvoeringskosten against budget 570610905 (seed 002). The seed prints
  Maastricht's amounts at the 67,23% verdeelsleutel; a different key rescales
  the regional parts. The beleidsmedewerker is Maastricht's alone.
- Saldo = saldo uitvoering + any SPUK shortfall (+ the Faciliteitenbesluit
  when it is chosen as cover). An SPUK surplus is earmarked and not added.
  With the seed's inputs the saldo is exactly the seed's budget-minus-costs.
- Reserve Vreemdelingen (seed 001): drawn only when the saldo is negative,
  topped up only by incidental gemeentefonds money (and, if chosen, the
  Faciliteitenbesluit), never above € 400.000.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from monitor.budget.inputs import (
    BUDGET_LINE, COHORT_YEARS, INPUT_SPECS, RESERVE_CAP, SEED_VERDEELSLEUTEL, YEARS, ZERO,
    BudgetInputs,
)
from monitor.formatting import euro

SPREAD_YEARS = 3
CENT = Decimal("0.01")

# Every choice the model makes where the documents are silent, in plain Dutch.
ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    ("Saldo per jaar",
     "Elk jaar staat op zichzelf: een overschot in het ene jaar dekt geen tekort in een ander "
     "jaar. Alleen de Reserve Vreemdelingen verbindt de jaren."),
    ("SPUK-overschot geoormerkt",
     "De SPUK is een specifieke uitkering voor inburgeringsvoorzieningen. Wat na trajectkosten "
     "en extra acties overblijft telt niet mee in het saldo, maar staat apart als ‘onbenutte "
     "SPUK-ruimte’. Een SPUK-tekort telt wel mee."),
    ("Prijzen 2024 voor elk jaar",
     "Het uitvoeringsprogramma geeft alleen de prijzen en kosten van 2024; het model gebruikt "
     "ze voor 2024–2027, zonder indexering."),
    ("Ruimte per cohort over drie jaar",
     "De ruimte van een cohort (aantal × resultaat per persoon) wordt gelijk verdeeld over het "
     "jaar van huisvesting en de twee jaren daarna, zoals het uitvoeringsprogramma doet; "
     "restcenten gaan naar de eerste jaren."),
    ("Stand als cohort",
     "Het uitvoeringsprogramma rekent de 134 asielstatushouders die ‘op dit moment’ gehuisvest "
     "zijn als het cohort van 2024. Met actuele aantallen is een cohort: gehuisvest in het jaar "
     "en op 31 december van dat jaar nog in de gemeente (de SPUK-peildatum)."),
    ("Extra acties per jaar",
     "De vier extra acties (samen € 99.000) worden elk jaar betaald tot en met het gekozen "
     "laatste jaar (standaard 2026); alleen bij de Z-route zegt het document ‘p.j.’."),
    ("Reserve Vreemdelingen",
     "Wordt alleen aangesproken bij een negatief saldo, en alleen aangevuld met incidentele "
     "middelen uit het gemeentefonds (en het Faciliteitenbesluit als u dat kiest), tot het "
     "plafond van € 400.000. Onttrekkingen gaan voor aanvullingen (die komen met de "
     "decembercirculaire aan het eind van het jaar); wat boven het plafond uitkomt, vervalt. "
     "De stand begin 2024 is onbekend en staat standaard op het plafond."),
    ("Uitvoeringskosten los van aantallen",
     "Basisformatie, tijdelijke extra inzet en beleidsmedewerker hangen in het model niet af "
     "van het aantal inburgeraars."),
    ("Verdeelsleutel",
     "De bedragen in het uitvoeringsprogramma zijn het Maastrichtse deel bij 67,23%. Een andere "
     "sleutel herrekent basisformatie en tijdelijke extra inzet naar rato; de beleidsmedewerker "
     "is alleen van Maastricht en verandert niet."),
    ("Faciliteitenbesluit",
     "De raming van € 175.000 per jaar geldt bij 650 bewoners niet in de BRP op 1 januari; bij "
     "een ander aantal naar rato. Zonder bestemming telt de uitkering niet mee in het saldo."),
)


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
                           f"de uitvoeringsmiddelen inburgering.")
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
        (BUDGET_LINE, total("budget"), "relative"),
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
    (BUDGET_LINE, _fields("budget")),
    ("AZC-bewoners niet in BRP", _fields("azc_not_in_brp")),
    ("Raming Faciliteitenbesluit", ("facility_estimate",)),
)

# Inputs that are no lever, each with the reason: scaling them by ±10 % says
# nothing about the saldo 2024–2027 (tests/test_budget.py checks that every
# input is a lever or here).
NOT_LEVERS: dict[str, str] = {
    "actions_until": "een jaartal, geen hoeveelheid",
    "facility_use": "een keuze, geen hoeveelheid",
    "facility_reference_residents": "schaalt alleen de raming Faciliteitenbesluit naar het "
                                    "aantal bewoners; die raming is zelf een hefboom",
    "reserve_opening": "de reserve dekt het saldo pas na de berekening ervan",
    **{f"incidental_{y}": "vult alleen de reserve aan, niet het saldo" for y in YEARS},
}


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




# --- Headline figures and the difference from the uitgangspunt ---------------

@dataclass(frozen=True, slots=True)
class Headline:
    label: str
    value: Decimal
    diff: Decimal        # value minus the same figure of the uitgangspunt
    higher_is_better: bool = True


def headline_figures(res: BudgetResult) -> list[tuple[str, Decimal, bool]]:
    """(label, value, higher is better) of the figures a decision turns on."""
    rows = [(f"Saldo {r.year}", r.saldo, True) for r in res.years]
    rows += [
        ("Saldo 2024–2027", res.saldo_total, True),
        ("Ruimte extra acties 2024–2027", sum((r.room for r in res.years), ZERO), True),
        ("Onbenutte SPUK-ruimte 2024–2027", sum((r.unused_room for r in res.years), ZERO), True),
        ("Onttrekking reserve 2024–2027", sum((r.reserve_draw for r in res.years), ZERO), False),
        ("Reserve eind 2027", res.years[-1].reserve_closing, True),
        ("Tekort na reserve 2024–2027",
         sum((r.shortfall_after_reserve for r in res.years), ZERO), False),
    ]
    return rows


def headline(res: BudgetResult, base: BudgetResult) -> list[Headline]:
    """The headline figures of `res` with their difference from `base`."""
    return [Headline(label, value, value - base_value, better)
            for (label, value, better), (_, base_value, _) in
            zip(headline_figures(res), headline_figures(base))]
