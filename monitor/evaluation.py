"""The Evaluatierapportage of seed 002 §7 (mid-term and final evaluation)
as a preset deck: per cluster the headline indicators of every domain at
the start of the programme (1 January 2024, or the first peildatum after it)
and now, the change, the state of the action tracker, and the budget's
realisation against plan. A store with a single peildatum has no baseline:
the deck says "geen nulmeting" instead of failing. Importable without
Streamlit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import budget as bm
from . import catalogue as cat
from . import charts, deck, indicators, judgement, queries, registry, store
from . import compare as cmp
from . import formatting as fmt
from . import presentation as pres
from .filters import Filters
from .formatting import euro
from .queries import Source

PROGRAMME_START = dt.date(2024, 1, 1)
NO_BASELINE = "geen nulmeting"


@dataclass(frozen=True)
class Baseline:
    start: dt.date | None   # None: no peildatum before now to compare with
    now: dt.date


def baseline(peildata: list[dt.date], now: dt.date) -> Baseline:
    """The first peildatum on or after the programme start, before `now`."""
    after = [d for d in sorted(peildata) if PROGRAMME_START <= d < now]
    return Baseline(after[0] if after else None, now)


def start_of(ind: cat.Indicator, base: Baseline, peildata: list[dt.date]) -> dt.date | None:
    """The start an indicator is compared with: the baseline, or for a
    half-yearly figure the end of the first half year after it, because a
    running period is never compared with a completed one."""
    if base.start is None:
        return None
    after = [d for d in sorted(peildata) if base.start <= d < base.now
             and not pres.is_running(ind.frequency, d)]
    return after[0] if after else None


@dataclass(frozen=True)
class Judged:
    """One headline indicator at the start and now, judged once; the summary
    and the domain slides both count from these, so they cannot disagree."""

    cluster: str
    domain: str
    ind: cat.Indicator
    start: float | None
    now: float | None
    start_text: str | None
    now_text: str | None
    status: pres.Status
    change: str
    judgement: judgement.Judgement | None = None        # now, as on the overview
    since_start: judgement.Judgement | None = None      # the same rule against the start

    @property
    def relative_change(self) -> float | None:
        if self.start is None or self.now is None or self.start == 0:
            return None
        return (self.now - self.start) / abs(self.start)


def judged(source, catalogue: list[cat.Indicator], f: Filters, base: Baseline,
           peildata: list[dt.date] | None = None) -> list[Judged]:
    """Every headline indicator judged by monitor.judgement: now exactly as
    the overview (value, status, "lopend"), and since the start with the
    same rule (a half-yearly figure from its first completed half year)."""
    out = []
    for cluster in pres.CLUSTERS:
        for domain in pres.domains_of(cluster):
            for ind in cat.headline_of_domain(catalogue, domain):
                ser = source.series(ind.id, f)
                ser = ser[pd.to_datetime(ser["peildatum"]) <= pd.Timestamp(base.now)] \
                    if not ser.empty else ser
                dates = peildata if peildata is not None else (
                    sorted(pd.to_datetime(ser["peildatum"]).dt.date) if not ser.empty else [])
                now = judgement.judge(ind, ser, base.now)
                start = start_of(ind, base, dates)
                since = judgement.judge(ind, ser, base.now, baseline=start) if start else None
                before = since.before if since else None
                change = (NO_BASELINE if not base.start else
                          since.change if since else "nog geen vergelijking")
                out.append(Judged(cluster, domain, ind,
                                  before.number if before else None, now.now.number,
                                  before.label if before else None, now.now.label,
                                  now.status, change, now, since))
    return out


def _norm_text(ind: cat.Indicator) -> str:
    if ind.norm_text:
        return ind.norm_text
    if ind.norm is not None:
        return pres.fmt_value(ind.norm, ind.unit)
    return "geen norm"


def _sentence(j: Judged, base: Baseline) -> str:
    """The judgement's own sentence: against the start where there is one,
    else as on the overview."""
    if j.since_start is not None and j.since_start.comparable:
        return j.since_start.sentence
    if j.judgement is not None:
        return j.judgement.sentence
    return f"{j.ind.subject}: geen waarde te tonen op {fmt.date_nl(base.now)}."


ON_COURSE = (pres.ON_TRACK,)
OFF_COURSE = (pres.ATTENTION, pres.OFF_TRACK)
SUMMARY_COLUMNS = ["Cluster", "Indicatoren", "Op koers", "Niet op koers", "Beter", "Slechter"]


def summary_rows(rows: list[Judged]) -> pd.DataFrame:
    """Per cluster: how many headline indicators are on course, off course
    (against their norm), better or worse than at the start."""
    out = []
    for cluster, name in pres.CLUSTERS.items():
        mine = [j for j in rows if j.cluster == cluster]
        out.append({"Cluster": f"{cluster} {name}", "Indicatoren": len(mine),
                    "Op koers": sum(j.status in ON_COURSE for j in mine),
                    "Niet op koers": sum(j.status in OFF_COURSE for j in mine),
                    "Beter": sum(j.change == "verbeterd" for j in mine),
                    "Slechter": sum(j.change == "verslechterd" for j in mine)})
    total = {c: sum(r[c] for r in out) for c in SUMMARY_COLUMNS[1:]}
    out.append({"Cluster": "Totaal", **total})
    return pd.DataFrame(out, columns=SUMMARY_COLUMNS)


def largest_changes(rows: list[Judged], base: Baseline, n: int = 3) -> list[str]:
    """The n largest relative changes since the start, as sentences."""
    moved = [j for j in rows if j.relative_change is not None and j.change != "gelijk gebleven"]
    moved.sort(key=lambda j: abs(j.relative_change), reverse=True)
    return [f"{_sentence(j, base)} ({j.change})" for j in moved[:n]]


def summary_slide(rows: list[Judged], base: Baseline) -> deck.TableSlide:
    table = summary_rows(rows)
    t = table.iloc[-1]
    normed = t["Op koers"] + t["Niet op koers"]
    against = (f"{normed} hebben een norm, daarvan {t['Op koers']} op koers" if normed
               else "geen heeft een norm")
    if base.start:
        title = (f"Van de {t['Indicatoren']} kernindicatoren verbeterden er "
                 f"{t['Beter']} sinds {fmt.month_nl(base.start)} en "
                 f"verslechterden er {t['Slechter']}; {against}.")
    else:
        title = (f"Van de {t['Indicatoren']} kernindicatoren {against}; {NO_BASELINE}, dus "
                 "nog geen verandering.")
    bullets = tuple(largest_changes(rows, base)) if base.start else ()
    return deck.TableSlide(
        title=title, table=table, source=SOURCE, peildatum=base.now,
        note=("kernindicatoren van de 13 domeinen; op koers / niet op koers (aandacht of uit "
              "koers): tegen de norm; beter / slechter: nu tegen "
              f"{'de start' if base.start else NO_BASELINE}"),
        bullets=(("De drie grootste veranderingen sinds de start:",) + bullets) if bullets else ())


# Two comparisons side by side, each named: the overview's judgement (against
# the norm, else a year earlier) and the change since the programme's start.
# Unnamed, "geen duidelijk verschil" beside "verbeterd" read as a contradiction.
JUDGED, SINCE_START = "Oordeel (norm, anders een jaar eerder)", "Sinds de start"
DOMAIN_COLUMNS = ["Indicator", "Start", "Nu", "Norm", JUDGED, SINCE_START]


def domain_rows(rows: list[Judged], domain: str, base: Baseline) -> pd.DataFrame:
    out = [{"Indicator": j.ind.name,
            "Start": (j.start_text or "–") if base.start else NO_BASELINE,
            "Nu": j.now_text or "–",
            "Norm": _norm_text(j.ind),
            JUDGED: f"{j.status.symbol} {j.status.label}",
            SINCE_START: j.change} for j in rows if j.domain == domain]
    return pd.DataFrame(out, columns=DOMAIN_COLUMNS)


def domain_slide(rows: list[Judged], domain: str, base: Baseline) -> deck.TableSlide:
    mine = [j for j in rows if j.domain == domain]
    sentences = tuple(_sentence(j, base) for j in mine)
    title = f"{domain} {pres.DOMAINS[domain]}: " + (
        sentences[0] if sentences else "nog geen kernindicator.")
    return deck.TableSlide(title=title, table=domain_rows(rows, domain, base), source=SOURCE,
                           peildatum=base.now,
                           note=(f"start = {fmt.date_nl(base.start)}" if base.start
                                 else NO_BASELINE),
                           bullets=sentences[1:])


def indicator_rows(source, catalogue: list[cat.Indicator], f: Filters, base: Baseline,
                   cluster: str, peildata: list[dt.date] | None = None) -> pd.DataFrame:
    """All headline indicators of a cluster in one table (start, now, norm,
    judgement, change)."""
    rows = [j for j in judged(source, catalogue, f, base, peildata) if j.cluster == cluster]
    frames = [domain_rows(rows, d, base).assign(Domein=f"{d} {pres.DOMAINS[d]}")
              for d in pres.domains_of(cluster)]
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return df[["Domein"] + DOMAIN_COLUMNS]


ACTION_COLUMNS = ["Actielijn", "Afgerond", "Loopt", "Vertraagd", "Niet gestart", "Totaal"]


def action_rows(acties: pd.DataFrame) -> pd.DataFrame:
    """Per actielijn of the programme (the actions are planned per actielijn,
    not per domain): done, running, delayed, not started."""
    lines = list(charts.ACTION_LINES) + sorted(
        set(acties["actielijn"].dropna()) - set(charts.ACTION_LINES)) if not acties.empty else []
    out = []
    for line in lines + ["Totaal"]:
        mine = acties if line == "Totaal" else acties[acties["actielijn"] == line]
        if line != "Totaal" and mine.empty:
            continue
        counts = mine["status"].value_counts()
        out.append({"Actielijn": line, **{s: int(counts.get(s, 0)) for s in ACTION_COLUMNS[1:5]},
                    "Totaal": int(len(mine))})
    return pd.DataFrame(out, columns=ACTION_COLUMNS)


def action_slide(acties: pd.DataFrame, now: dt.date) -> deck.TableSlide:
    table = action_rows(acties)
    if table.empty:
        title = "Uitvoeringsprogramma: er zijn geen acties geladen."
    else:
        t = table.iloc[-1]
        title = (f"Van de {t['Totaal']} acties zijn er {t['Afgerond']} afgerond, {t['Loopt']} lopen "
                 f"en {t['Vertraagd']} zijn vertraagd; {t['Niet gestart']} zijn niet gestart.")
    return deck.TableSlide(title=title, table=table,
                           source="acties uitvoeringsprogramma (gemeente)", peildatum=now)


def budget_rows(path) -> pd.DataFrame:
    """Plan against realisation per year: housed asielstatushouders in the
    plan (the uitvoeringsprogramma's Financiering chapter) and registered,
    the SPUK-ruimte with the planned and with the registered numbers, and
    where the difference comes from. The only coupling to the budget model."""
    housed = bm.actual_counts(path=path).housed
    planned = bm.compute(bm.DEFAULT_INPUTS)
    actual_inputs, _ = bm.apply_actual_counts(bm.DEFAULT_INPUTS, housed=housed)
    actual = bm.compute(actual_inputs)
    rows = []
    for y in bm.YEARS:
        plan_n = bm.DEFAULT_INPUTS.housed(y) or None  # the plan names only some years
        real_n = housed.get(y)
        p, a = planned.year(y), actual.year(y)
        # the housed numbers move the SPUK side (income and trajectory costs,
        # spread over three years), so the ruimte voor extra acties; the
        # execution saldo does not depend on them
        diff = a.room - p.room
        parts = []
        if plan_n is None:
            parts.append("niet begroot")
        elif (real_n or 0) != plan_n:
            more = (real_n or 0) - plan_n
            parts.append(f"{fmt.number(abs(more))} {'meer' if more > 0 else 'minder'} gehuisvest")
        d_in = a.spuk_income - p.spuk_income
        d_cost = a.traject_costs - p.traject_costs
        if d_in:
            parts.append(f"inkomsten {_signed(d_in)}")
        if d_cost:
            parts.append(f"kosten {_signed(d_cost)}")
        rows.append({
            "Jaar": str(y),
            "Gehuisvest plan → werkelijk": (f"{fmt.number(plan_n) if plan_n else '–'} → "
                                            f"{fmt.number(real_n) if real_n is not None else '–'}"),
            "SPUK-ruimte plan → werkelijk": f"{euro(p.room, cents=False)} → "
                                            f"{euro(a.room, cents=False)}",
            "Verschil": _signed(diff),
            "Verklaring": "; ".join(parts) if diff else "geen verschil",
        })
    return pd.DataFrame(rows)


def _signed(x) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + euro(abs(x), cents=False)


SOURCE = "Integratiemonitor (registraties gemeente, COA, VISTA-college, enquête)"


def _budget_title(table: pd.DataFrame) -> str:
    differ = table[table["Verschil"] != _signed(0)]
    if differ.empty:
        return "Begroting: de realisatie volgt het plan; geen jaar wijkt af."
    years = ", ".join(differ["Jaar"])
    return (f"Begroting: in {years} wijkt de SPUK-ruimte af van het plan, doordat er andere "
            "aantallen zijn gehuisvest dan begroot.")


COMPARE_GROUP = "vergelijkbaar"
NOT_COMPARED = "niet te vergelijken"


def comparison_items(source, catalogue: list[cat.Indicator], f: Filters, focal: str,
                     group: str = COMPARE_GROUP) -> list:
    """The headline indicators compared with other gemeenten (Vergelijken):
    a table of the verdicts, then each funnel as the page and the deck draw
    it (the registry's `vergelijking`), its sentence as the slide's title.
    An indicator with nothing to compare (too few gemeenten shown) is a row
    of the table saying why, not a slide."""
    if source.call is None:
        # every comparison reads the same attributes, features and catalogue:
        # once per report, as the pages' cache does
        memo = functools.lru_cache(maxsize=None)(
            lambda name, *args: queries.run(source.path, name, *args))
        source = dataclasses.replace(source, call=memo)
    namen = source.gemeente_namen()
    rows, funnels = [], []
    label = None
    for ind in catalogue:
        if not ind.headline or not cmp.comparable(ind):
            continue
        kind = cmp.kind_of(ind)
        key = registry.KINDS["vergelijking"].key(cmp.Choice(ind.id, focal, group).key_arg())
        name = ind.name + (" (per 1.000 inwoners)" if kind == cmp.RATE else "")
        try:
            c = registry.build(key, source, f)
        except registry.Unavailable as exc:
            rows.append({"Indicator": name, namen.get(focal, focal): fmt.MISSING,
                         "Groep": fmt.MISSING, "Oordeel": NOT_COMPARED, "Rang": fmt.MISSING})
            continue
        comp = c.extra["comparison"]
        label = label or comp.group_label
        point = comp.focal_point
        rows.append({
            "Indicator": name,
            namen.get(focal, focal): charts.funnel_value_text(point["share"], kind, ind.unit)
            if point else fmt.MISSING,
            "Groep": charts.funnel_value_text(comp.funnel.reference, kind, ind.unit),
            "Oordeel": charts.VERDICT_LABELS[comp.verdict] if comp.verdict else NOT_COMPARED,
            "Rang": point.get("rang_tekst", fmt.MISSING) if point else fmt.MISSING})
        funnels.append(c)
    if not rows:
        return []
    table = pd.DataFrame(rows)
    outside = int(table["Oordeel"].isin([charts.VERDICT_LABELS[cmp.HIGHER],
                                         charts.VERDICT_LABELS[cmp.LOWER]]).sum())
    who = namen.get(focal, focal)
    judged = len(funnels)
    title = (f"Vergelijking: {who} ligt bij {outside} van de {judged} vergeleken "
             f"kernindicatoren duidelijk hoger of lager dan {label or 'vergelijkbare gemeenten'}"
             if outside else
             f"Vergelijking: {who} ligt bij alle {judged} vergeleken kernindicatoren binnen wat "
             f"toeval verklaart ten opzichte van {label or 'vergelijkbare gemeenten'}")
    if judged < len(table):
        title += f"; {len(table) - judged} niet te vergelijken"
    if not judged:
        title = f"Vergelijking: {who} is bij geen kernindicator te vergelijken"
    slide = deck.TableSlide(
        title=title, table=table, source="Vergelijken (trechtergrafiek, Spiegelhalter 2005)",
        peildatum=f.peildatum,
        note="duidelijk hoger of lager: buiten de 99,8%-grens rond de waarde van de groep; "
             "rang met 95%-interval; gemeenten met te weinig personen doen niet mee; niet te "
             "vergelijken: minder dan twee gemeenten met een getoonde waarde")
    return [slide, *funnels]


def build(path: Path, now: dt.date | None = None, region: str | None = None,
          render=None) -> bytes:
    """The evaluation deck (.pptx bytes) on the store at `path`; `region`
    defaults to the name the store was loaded with; `render` draws the
    chart slides' images (deck.build)."""
    source = Source(Path(path))
    peildata = indicators.peildata(path=path)
    # the newest month every source delivered in full, as on the screen
    now = now or indicators.peildatum_default(path, peildata).date or dt.date.today()
    base = baseline(peildata, now)
    f = Filters(peildatum=now)
    catalogue = source.catalogue()
    demo = store.is_demo(path)
    region = region or store.region_name(path)
    start_txt = (f"start {base.start:%d-%m-%Y}" if base.start
                 else "geen nulmeting: er is maar één peildatum geladen")
    meta = deck.DeckMeta(title="Evaluatierapportage Integratiemonitor", peildatum=now,
                         region=region, filters="hele regio, alle groepen", demo=demo,
                         subtitle=f"Uitvoeringsprogramma 2024–2027 (§ 7) · {start_txt}")
    rows = judged(source, catalogue, f, base, peildata)
    items: list = [summary_slide(rows, base)]
    items += [domain_slide(rows, d, base) for c in pres.CLUSTERS for d in pres.domains_of(c)]
    namen = source.gemeente_namen()
    focal = store.budget_gemeente(path) or ("GM0935" if "GM0935" in namen else next(iter(namen), None))
    if focal and len(namen) > 1:
        items += comparison_items(source, catalogue, f, focal)
    items.append(action_slide(source.acties(), now))
    try:
        table = budget_rows(path)
        items.append(deck.TableSlide(
            title=_budget_title(table), table=table,
            source="begrotingsmodel uitvoeringsprogramma, registratie inburgeraars",
            peildatum=now, note="SPUK-ruimte = ruimte voor extra acties; werkelijk = met de "
                                "geregistreerde aantallen gehuisveste asielstatushouders; het "
                                "saldo van de uitvoering hangt niet van die aantallen af"))
    except Exception as exc:  # the budget model changes on its own; the report still builds
        items.append(deck.TableSlide(
            title="Begroting: plan tegen realisatie",
            table=pd.DataFrame({"Melding": [f"Niet beschikbaar ({type(exc).__name__})."]}),
            source="begrotingsmodel", peildatum=now))
    acties = source.acties()
    # one timeline per actielijn: a slide holds about eight actions with
    # every label legible at 18 pt; the full descriptions are in the table
    for line in (list(charts.ACTION_LINES) + sorted(set(acties["actielijn"].dropna())
                                                    - set(charts.ACTION_LINES))
                 if not acties.empty else []):
        mine = acties[acties["actielijn"] == line]
        if mine.empty:
            continue
        c = charts.acties_timeline(mine, now, label_chars=22)
        # years, not quarters, on a slide: quarter labels at 18 pt overlap
        years = [pd.Timestamp(f"{y}-01-01") for y in range(2024, 2028)]
        c.figure.update_xaxes(tickvals=years, ticktext=[str(y.year) for y in years])
        items.append(dataclasses.replace(
            c, key=f"{c.key}/{line}", title=f"{c.title}: {line}",
            conclusion=f"Actielijn {line}: " + c.conclusion[0].lower() + c.conclusion[1:]))
    definitions = [(i.name, i.definition) for c in pres.CLUSTERS
                   for d in pres.domains_of(c) for i in cat.headline_of_domain(catalogue, d)]
    return deck.build(meta, items, definitions, render=render)
