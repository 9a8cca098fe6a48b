"""Every chart kind the product shows, declared once: its key, what it
loads (through monitor.queries), how it is built into a monitor.charts.Chart
and which filters it follows.

A chart is named by a key: `<kind>/<arg>` (or `<kind>` without an argument;
the indicator kinds are keyed `<indicator id>/reeks|gemeenten|<dimension>`,
as links already carry them). The page renders a chart by kind and argument
(pages/ui/render.registered); the basket keeps the key in the URL; the deck,
presentation mode, the downloads and `python -m etl export --grafieken`
rebuild it with `build(key, source, filters)`. So a chart the page can show
is a chart the deck can rebuild: there is no second place that knows how.

Add a chart kind: write its builder in monitor.charts (or a module of its
own), then one `register(Kind(...))` below; the tests over the registry
cover it from then on. Importable without Streamlit.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from . import action_plan, charts
from . import catalogue as cat
from . import indicators, zroute
from .charts import Chart
from .filters import DIMENSIONS, Filters, combination_conflict
from .queries import Source

ALL_FILTERS = tuple(f for f in Filters.__dataclass_fields__)
#: the blocks follow the gemeente and the peildatum only (indicators.BLOCK_FILTERS)
BLOCK_FILTERS = indicators.BLOCK_FILTERS


class Unavailable(LookupError):
    """Nothing to show for this key under these filters (or a key that names
    no chart: an edited link, a removed indicator). The message is Dutch,
    for the page."""


@dataclass(frozen=True)
class Kind:
    """One chart kind.

    load(source, arg, f) -> the data (through source.get only);
    build(data, arg, f) -> Chart (raise Unavailable when there is nothing
    to draw); examples(source, f) -> arguments that exist in this store (for
    the tests and the export)."""

    name: str
    label: str
    load: Callable[[Source, str, Filters], Any]
    build: Callable[[Any, str, Filters], Chart]
    follows: tuple[str, ...]
    examples: Callable[[Source, Filters], list[str]]
    # a key for an argument, and the argument of a key (None: not this kind)
    to_key: Callable[[str], str] | None = None
    from_key: Callable[[str], str | None] | None = None
    # "table": the deck shows it as a real table instead of an image
    deck: str = "image"

    def key(self, arg: str = "") -> str:
        if self.to_key:
            return self.to_key(arg)
        return f"{self.name}/{arg}" if arg else self.name

    def arg_of(self, key: str) -> str | None:
        if self.from_key:
            return self.from_key(key)
        head, sep, arg = key.partition("/")
        return arg if head == self.name else None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.name in KINDS:
        raise ValueError(f"chart kind {kind.name!r} registered twice")
    KINDS[kind.name] = kind
    return kind


def resolve(key: str) -> tuple[Kind, str]:
    """The kind and argument of a key, or Unavailable."""
    # kinds keyed by their own name first: an indicator key is only what no
    # named kind claims ("cohorten.curve/leerroute" is a cohort chart)
    ordered = sorted(KINDS.values(), key=lambda k: k.from_key is not None)
    for kind in ordered:
        arg = kind.arg_of(key)
        if arg is not None:
            return kind, arg
    raise Unavailable(key)


def knows(key: str) -> bool:
    try:
        resolve(key)
    except Unavailable:
        return False
    return True


def build(key: str, source: Source, f: Filters) -> Chart:
    """The chart named `key` under filters `f`, exactly as its page builds it."""
    kind, arg = resolve(key)
    return make(kind, arg, source, f)


def make(kind: Kind | str, arg: str, source: Source, f: Filters) -> Chart:
    kind = KINDS[kind] if isinstance(kind, str) else kind
    chart = kind.build(kind.load(source, arg, f), arg, f)
    # the registry names the chart: the key a page shows is the key the deck reads
    return replace(chart, key=kind.key(arg))


# --- helpers -------------------------------------------------------------------------

def _upto(df: pd.DataFrame, column: str, peildatum: dt.date | None) -> pd.DataFrame:
    if df.empty or peildatum is None:
        return df
    return df[pd.to_datetime(df[column]) <= pd.Timestamp(peildatum)]


def _none(_source, _f) -> list[str]:
    return [""]


def _indicator(source: Source, ind_id: str) -> cat.Indicator:
    ind = cat.by_id(source.catalogue()).get(ind_id)
    if ind is None:
        raise Unavailable(ind_id)
    return ind


# --- indicator charts ----------------------------------------------------------------
# Keyed `<indicator id>/<view>`: the argument is the indicator id (and for a
# breakdown `<id>/<dimension>`).

VIEWS = ("reeks", "gemeenten")


def _view_key(view: str):
    def to_key(arg: str) -> str:
        return f"{arg}/{view}"

    def from_key(key: str) -> str | None:
        head, _, tail = key.partition("/")
        return head if tail == view and head else None
    return to_key, from_key


def _breakdown_from_key(key: str) -> str | None:
    head, _, tail = key.partition("/")
    return key if head and tail in DIMENSIONS and tail != "gemeentecode" else None


def _series_load(source, arg, f):
    ind = _indicator(source, arg)
    dates = source.get("filter_options").get("peildatum") or [None]
    # published figures (contract section 11) beside the series, with their source
    refs = source.get("reference_figures", ind.id, f.peildatum or dates[-1]) if dates[-1] else []
    return ind, source.series(ind.id, f), dates[0], refs


def _series_build(data, arg, f):
    ind, ser, start, refs = data
    if ser.empty:
        raise Unavailable(indicators.not_splittable(ind, f) or "Nog geen reeks voor deze indicator.")
    return charts.indicator_series(ind, ser, f.peildatum, store_start=start, references=refs)


def _breakdown_load(source, arg, f):
    ind_id, _, dimension = arg.partition("/")
    ind = _indicator(source, ind_id)
    conflict = combination_conflict(f, dimension)
    if conflict:
        raise Unavailable(indicators.unavailable_text(conflict))
    try:
        bd = source.get("breakdown", ind.id, dimension, f)
    except indicators.UnavailableCombination as exc:
        raise Unavailable(str(exc)) from exc
    return ind, dimension, bd


def _breakdown_build(data, arg, f):
    ind, dimension, bd = data
    bd = bd[bd["is_total"] | bd["member"].notna()] if not bd.empty else bd
    if bd.empty or bd["is_total"].all():
        raise Unavailable(f"Voor deze indicator is geen uitsplitsing naar "
                          f"{charts.dimension_word(dimension)} beschikbaar (bijvoorbeeld omdat de "
                          "enquête anoniem is).")
    return charts.indicator_breakdown(ind, bd, dimension, f.peildatum)


def _gemeenten_load(source, arg, f):
    ind = _indicator(source, arg)
    return ind, source.get("by_gemeente", ind.id, f), source.gemeente_namen()


def _gemeenten_build(data, arg, f):
    ind, bg, namen = data
    if bg.empty:
        raise Unavailable("Geen vergelijking per gemeente beschikbaar.")
    return charts.indicator_by_gemeente(ind, bg, namen, f.peildatum)


def _indicator_ids(source, f) -> list[str]:
    return [i.id for i in source.catalogue()]


register(Kind("indicator.reeks", "Ontwikkeling van een indicator", _series_load, _series_build,
              ALL_FILTERS, _indicator_ids, *_view_key("reeks")))
register(Kind("indicator.gemeenten", "Indicator per gemeente", _gemeenten_load,
              _gemeenten_build, ALL_FILTERS, _indicator_ids, *_view_key("gemeenten")))
register(Kind("indicator.uitsplitsing", "Indicator uitgesplitst", _breakdown_load,
              _breakdown_build, ALL_FILTERS,
              lambda source, f: [f"{i}/{d}" for i in _indicator_ids(source, f)
                                 for d in DIMENSIONS if d != "gemeentecode"],
              to_key=lambda arg: arg, from_key=_breakdown_from_key))


# --- Huisvesting en opvang -------------------------------------------------------------

REGION_LABELS = ("Hele regio", "Gekozen gemeenten samen")


def region_label(f: Filters) -> str:
    return REGION_LABELS[1] if f.gemeenten else REGION_LABELS[0]


def _taak_load(source, arg, f):
    return _upto(source.get("taakstelling", f), "period_start", f.peildatum), source.gemeente_namen()


def _taak_build(data, arg, f):
    df, namen = data
    by_name = {v: k for k, v in namen.items()}
    code = "ALL" if arg in REGION_LABELS else by_name.get(arg, arg)
    rows = df[df["gemeentecode"] == code] if not df.empty else df
    if rows.empty:
        raise Unavailable("Geen taakstellingsgegevens geladen.")
    label = arg if code == "ALL" else namen.get(code, code)
    return charts.taakstelling(rows, label, f.peildatum)


def _taak_examples(source, f):
    namen = source.gemeente_namen()
    codes = list(dict.fromkeys(source.get("taakstelling", f)["gemeentecode"]))
    return [region_label(f) if c == "ALL" else namen.get(c, c) for c in codes]


register(Kind("huisvesting.taakstelling", "Taakstelling en realisatie", _taak_load, _taak_build,
              ("peildatum", "gemeenten"), _taak_examples))


def _azc_load(source, arg, f):
    return _upto(source.get("azc_bezetting"), "peildatum", f.peildatum)


def _azc_build(df, arg, f):
    if df.empty:
        raise Unavailable("Geen bezettingscijfers tot deze peildatum.")
    return charts.azc_bezetting(df, f.peildatum)


def _azc_samenstelling_build(df, arg, f):
    if arg not in charts.AZC_MEASURES:
        raise Unavailable(arg)
    if df.empty:
        raise Unavailable("Geen bezettingscijfers tot deze peildatum.")
    return charts.azc_samenstelling(df, arg, f.peildatum)


register(Kind("huisvesting.azc_bezetting", "Bezetting COA-locaties", _azc_load, _azc_build,
              ("peildatum",), _none))
register(Kind("huisvesting.azc_samenstelling", "Bewoners per COA-locatie", _azc_load,
              _azc_samenstelling_build, ("peildatum",),
              lambda source, f: list(charts.AZC_MEASURES)))


def _wijk_load(source, arg, f):
    return source.get("huisvesting_wijk", f), source.gemeente_namen()


def _wijk_build(data, arg, f):
    df, namen = data
    if df.empty or arg not in set(df["gemeentecode"]):
        raise Unavailable("Geen gehuisveste inburgeraars voor deze selectie.")
    return charts.wijk_spreiding(df, arg, namen.get(arg, arg), f.peildatum)


register(Kind("huisvesting.wijken", "Spreiding over de wijken", _wijk_load, _wijk_build,
              BLOCK_FILTERS,
              lambda source, f: list(dict.fromkeys(source.get("huisvesting_wijk", f)["gemeentecode"]))))


# --- Inburgeringsroute -------------------------------------------------------------------

def _route_load(source, arg, f):
    return source.get("route", f)


def _steps_build(df, arg, f):
    if df.empty or not df["step"].isin(charts.ROUTE_STEPS).any():
        raise Unavailable("Geen routegegevens voor deze selectie.")
    return charts.route_steps(df, f.peildatum)


register(Kind("route.stappen", "De route in stappen", _route_load, _steps_build, BLOCK_FILTERS,
              _none))
register(Kind("route.termijn", "Inburgeringstermijn", _route_load,
              lambda df, arg, f: charts.route_termijn(df, f.peildatum), BLOCK_FILTERS, _none))


# --- Uitvoeringsprogramma ----------------------------------------------------------------
# The argument is the chosen actielijnen as their numbers in ACTION_LINES
# ("1.3"); empty is all. The sidebar filters do not apply: the action plan
# is one snapshot, drawn at the date of the newest data.

def action_lines_arg(lines: list[str]) -> str:
    return ".".join(str(charts.ACTION_LINES.index(x) + 1) for x in charts.ACTION_LINES
                    if x in lines)


def _lines_of(arg: str) -> list[str]:
    out = []
    for part in filter(None, arg.split(".")):
        if not part.isdigit() or not 1 <= int(part) <= len(charts.ACTION_LINES):
            raise Unavailable(arg)
        out.append(charts.ACTION_LINES[int(part) - 1])
    return out


def data_date(source: Source) -> dt.date:
    """The newest date of the loaded data: the statuses are that snapshot."""
    dates = list(source.get("filter_options").get("peildatum") or [])
    return dates[-1] if dates else dt.date.today()


def _acties_load(source, arg, f):
    lines = _lines_of(arg)
    df = source.get("acties")
    if df.empty:
        raise Unavailable("Geen actiebestand geladen.")
    demo = source.get("is_demo")
    sources = [action_plan.planning_source(o, demo) for o in df["omschrijving"]]
    df = df.assign(planning=[k for k, _ in sources], planning_uitleg=[t for _, t in sources])
    return (df[df["actielijn"].isin(lines)] if lines else df), data_date(source)


# A slide holds about this many actions with every label at 18 pt; a longer
# timeline goes on the slides as one per actielijn (the page shows it whole).
ACTIONS_PER_SLIDE = 9


def _acties_build(data, arg, f):
    df, today = data
    if df.empty:
        raise Unavailable("Geen acties in deze actielijnen.")
    c = charts.acties_timeline(df, today)
    lines = [x for x in charts.ACTION_LINES if x in set(df["actielijn"])]
    if len(df) > ACTIONS_PER_SLIDE and len(lines) > 1:
        parts = []
        for line in lines:
            part = charts.acties_timeline(df[df["actielijn"] == line], today, label_chars=22)
            parts.append(replace(
                part, key=f"acties.tijdlijn/{charts.ACTION_LINES.index(line) + 1}",
                title=f"{part.title}: {line}",
                conclusion=f"Actielijn {line}: " + part.conclusion[0].lower()
                + part.conclusion[1:]))
        c.extra[charts.SLIDE_PARTS] = parts
    return c


register(Kind("acties.tijdlijn", "Acties uitvoeringsprogramma", _acties_load, _acties_build, (),
              lambda source, f: ["", "1.3"]))


# --- Cohorten ----------------------------------------------------------------------------

def _curves_build(df, arg, f):
    if arg not in charts.COHORT_MEASURES:
        raise Unavailable(arg)
    if df.empty:
        raise Unavailable("Geen cohortgegevens voor deze selectie.")
    return charts.cohort_curves(df, arg, f.peildatum)


def _land_build(df, arg, f):
    if df.empty or not (~df["is_total"].astype(bool)).any():
        raise Unavailable("Geen gehuisveste inburgeraars in deze selectie.")
    return charts.land_van_herkomst(df, f.peildatum)


COHORT_FILTERS = BLOCK_FILTERS
register(Kind("cohorten.curve", "Cohortlijnen", lambda source, arg, f: source.get("cohort_curves", f),
              _curves_build, COHORT_FILTERS, lambda source, f: list(charts.COHORT_MEASURES)))
register(Kind("cohorten.land_van_herkomst", "Land van herkomst",
              lambda source, arg, f: source.get("land_van_herkomst", f), _land_build, BLOCK_FILTERS,
              _none))


# --- Z-route and VISTA -------------------------------------------------------------------
# The Z-route capacity's argument is the norm: "lesweken" (800 hours over
# 40 lesweken a year, the seed's own measure) or "jaar" (800 hours in 3 years).

Z_NORMS = {"lesweken": zroute.NORM_UREN_PER_LESWEEK, "jaar": zroute.NORM_UREN_PER_WEEK}


def _z_load(source, arg, f):
    if arg not in Z_NORMS:
        raise Unavailable(arg)
    return source.get("z_route", f, Z_NORMS[arg]), source.gemeente_namen()


def _z_empty(df):
    if df.empty:
        raise Unavailable("Op deze peildatum zijn er geen actieve Z-route-inburgeraars binnen de "
                          "filters.")


def _z_capacity_build(data, arg, f):
    df, namen = data
    _z_empty(df)
    return charts.z_route_capaciteit(df, namen, df["peildatum"].iloc[0], Z_NORMS[arg])


def _z_schema_build(data, arg, f):
    df, namen = data
    _z_empty(df)
    return charts.z_route_schema(df, namen, df["peildatum"].iloc[0])


register(Kind("werk.z_route_capaciteit", "Z-route: capaciteit", _z_load, _z_capacity_build,
              BLOCK_FILTERS, lambda source, f: list(Z_NORMS)))
# on schedule or not does not depend on the weekly norm: no argument
register(Kind("werk.z_route_schema", "Z-route: uren op schema",
              lambda source, arg, f: _z_load(source, "lesweken", f), _z_schema_build, BLOCK_FILTERS,
              _none))


def _vista_build(df, arg, f):
    if df.empty or not df["value"].map(lambda v: v is not None and v > 0).any():
        raise Unavailable("Er is geen VISTA-bestand op of voor deze peildatum.")
    return charts.vista_niveaus(df, df["peildatum"].iloc[0])


register(Kind("taal.vista_niveaus", "Taalniveau per vaardigheid",
              lambda source, arg, f: source.get("vista_niveaus", f), _vista_build, BLOCK_FILTERS,
              _none))


# --- Begroting ---------------------------------------------------------------------------
# The argument carries the scenarios: their URL parameters, packed so the key
# holds no basket separator. Waterfall and sensitivity show one scenario:
# `<n>/<year or totaal>/<packed>` and `<n>/<packed>` (n counts from 1).

def pack_scenarios(scenario_query: dict[str, str]) -> str:
    packed = base64.urlsafe_b64encode(urlencode(sorted(scenario_query.items())).encode()).decode()
    return packed.rstrip("=") or "seed"


def unpack_scenarios(packed: str) -> dict[str, str]:
    if not packed:
        raise Unavailable(packed)
    try:
        # validate: an edited key is refused, not read as the seed scenario
        text = "" if packed == "seed" else base64.b64decode(
            packed + "=" * (-len(packed) % 4), altchars=b"-_", validate=True).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unavailable(packed) from exc
    return dict(parse_qsl(text))


def budget_results(source: Source, packed: str) -> tuple[list, bool]:
    """(name, BudgetResult) per scenario, as the page computes them: with the
    counts from the data where a scenario asks for them."""
    from . import budget as bm

    scenarios, notices = bm.scenarios_from_query(unpack_scenarios(packed))
    if notices:  # a value the page would have refused: no silent default in a deck
        raise Unavailable(packed)
    counts = source.get("budget_counts") if any(sc.use_actual for sc in scenarios) else None
    out = []
    for name, sc in zip(bm.display_names(scenarios), scenarios):
        inputs = sc.inputs
        if sc.use_actual and counts is not None:
            inputs, _ = bm.apply_counts(inputs, counts)
        out.append((name, bm.compute(inputs)))
    return out, counts is not None


def _one(results: list, n: str):
    if not n.isdigit() or not 1 <= int(n) <= len(results):
        raise Unavailable(n)
    return results[int(n) - 1]


# A model has no peildatum: its charts carry none, so the page and the deck
# show the same chart; the scenario table keeps the deck's.
def _budget_load(source, arg, f):
    return budget_results(source, arg.rpartition("/")[2]), f.peildatum


def _saldo_build(data, arg, f):
    from .budget import charts as bc
    (results, _), p = data
    return bc.saldo(results, "", None)


def _reserve_build(data, arg, f):
    from .budget import charts as bc
    (results, _), p = data
    return bc.reserve(results, "", None)


def _waterfall_build(data, arg, f):
    from .budget import charts as bc
    from .budget import YEARS
    (results, _), p = data
    n, year, _packed = (arg.split("/") + ["", ""])[:3]
    if year != "totaal" and (not year.isdigit() or int(year) not in YEARS):
        raise Unavailable(arg)
    name, res = _one(results, n)
    return bc.waterfall(name, res, None if year == "totaal" else int(year), "", None)


def _sensitivity_build(data, arg, f):
    from . import budget as bm
    from .budget import charts as bc
    (results, _), p = data
    name, res = _one(results, arg.partition("/")[0])
    return bc.sensitivity(bm.sensitivity(res.inputs, base=res), name, "", None)


def _table_build(data, arg, f):
    from .budget import charts as bc
    (results, applied), p = data
    return bc.scenario_table(results, "", p, applied)


def _budget_examples(prefix: str = ""):
    def examples(source, f) -> list[str]:
        from . import budget as bm
        two = pack_scenarios(bm.scenarios_to_query(
            [bm.Scenario("", bm.DEFAULT_INPUTS),
             bm.Scenario("Krap", bm.DEFAULT_INPUTS.model_copy(update={"reserve_opening": 0}))]))
        return [f"{prefix}seed", f"{prefix}{two}"]
    return examples


BUDGET = "begroting"
register(Kind(BUDGET, "Begroting: scenario's naast elkaar", _budget_load, _table_build, (),
              _budget_examples(), deck="table"))
register(Kind("begroting.saldo", "Saldo per jaar per scenario", _budget_load, _saldo_build, (),
              _budget_examples()))
register(Kind("begroting.reserve", "Reserve Vreemdelingen", _budget_load, _reserve_build, (),
              _budget_examples()))
register(Kind("begroting.waterval", "Van inkomsten naar saldo", _budget_load, _waterfall_build,
              (), lambda source, f: ["1/totaal/seed", "2/2025/" + _budget_examples()(source, f)[1]]))
register(Kind("begroting.gevoeligheid", "Gevoeligheid van het saldo", _budget_load,
              _sensitivity_build, (), _budget_examples("1/")))


# --- Vergelijken: the funnel of one indicator, gemeente and group ---------------------------
# Keyed `vergelijking/<indicator>~<gemeente>~<groep>[~k=…~w=…]` (compare.Choice):
# the weights the user set travel with the chart into the deck.

def _compare_load(source, arg, f):
    from . import compare
    try:
        choice = compare.Choice.from_key_arg(arg)
    except ValueError as exc:
        raise Unavailable(str(exc)) from exc
    ind = _indicator(source, choice.indicator_id)
    namen = source.gemeente_namen()
    if not compare.comparable(ind) or choice.focal not in namen:
        raise Unavailable("Deze vergelijking bestaat niet in deze opslag.")
    opts = source.get("filter_options")
    p = f.peildatum or opts.get("peildatum_default") or (opts["peildatum"] or [None])[-1]
    if p is None:
        raise Unavailable("Er is nog geen peildatum in deze opslag.")
    kind = compare.kind_of(ind)
    comp = compare.comparison_for(
        choice, ind, namen, source.get("by_gemeente", ind.id, Filters(peildatum=p)),
        source.get("gemeente_kenmerken"), source.get("compare_features", p),
        source.get("compare_strata", ind.id, p) if kind == compare.SHARE else None,
        source.get("region_name"),
        source.get("compare_distribution", ind.id, p) if kind == compare.MEDIAN else None)
    return ind, choice, comp, source.get("reference_figures", ind.id, p), p


def _compare_build(data, arg, f):
    ind, choice, (comp, features, k, neighbours), refs, p = data
    c = charts.funnel_plot(ind, comp, p, references=refs)
    if c.table is None or c.table.empty:
        # fewer than two gemeenten shown: an empty funnel would say nothing,
        # and its limits alone hint at the hidden counts
        fn = comp.funnel
        why = [f"{fn.hidden} verborgen om kleine groepen te beschermen"] if fn.hidden else []
        why += [f"{fn.unknown} zonder inwonertal in het regiobestand"] if fn.unknown else []
        raise Unavailable("Geen vergelijking: in deze groep is de waarde van minder dan twee "
                          "gemeenten te tonen" + (f" ({'; '.join(why)})." if why else "."))
    # the page shows the rank, the expected share and the neighbours beside it
    return replace(c, extra={"comparison": comp, "features": features, "k": k,
                             "neighbours": neighbours})


def _compare_examples(source, f) -> list[str]:
    from . import compare
    namen = source.gemeente_namen()
    focal = "GM0935" if "GM0935" in namen else next(iter(namen), "")
    inds = compare.in_page_order(source.catalogue())
    # a few of each kind: shares, counts per 1.000 inhabitants, medians
    ids = [i.id for kind, most in ((compare.SHARE, 6), (compare.RATE, 2), (compare.MEDIAN, 1))
           for i in [i for i in inds if compare.kind_of(i) == kind][:most]]
    return [compare.Choice(i, focal, g).key_arg() for i in ids
            for g in ("vergelijkbaar", "alle")]


register(Kind("vergelijking", "Vergelijken met andere gemeenten", _compare_load, _compare_build,
              ("peildatum",), _compare_examples))


def budget_key(kind: str, scenario_query: dict[str, str], *parts) -> str:
    """The key of a budget chart for the scenarios as they are now."""
    return KINDS[kind].key("/".join([*map(str, parts), pack_scenarios(scenario_query)]))
