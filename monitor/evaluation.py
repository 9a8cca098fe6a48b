"""The Evaluatierapportage of seed 002 §7 (mid-term and final evaluation)
as a preset deck: per cluster the headline indicators of every domain at
the start of the programme (1 January 2024, or the first peildatum after it)
and now, the change, the state of the action tracker, and the budget's
realisation against plan. A store with a single peildatum has no baseline:
the deck says "geen nulmeting" instead of failing. Importable without
Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import budget as bm
from . import catalogue as cat
from . import charts, deck, indicators, judgement, store
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


def indicator_rows(source, catalogue: list[cat.Indicator], f: Filters, base: Baseline,
                   cluster: str, peildata: list[dt.date] | None = None) -> pd.DataFrame:
    """Per headline indicator of the cluster: the figure at the start and
    now, the change since the start, and the same judgement as the overview
    (monitor.judgement): value, change over the past year and status now."""
    rows = []
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
            rows.append({
                "Domein": f"{domain} {pres.DOMAINS[domain]}",
                "Indicator": ind.name,
                "Start": (NO_BASELINE if not base.start else
                          since.before.label if since and since.before else "–"),
                "Nu": now.now.label,
                "Sinds start": NO_BASELINE if not base.start else
                               since.change if since else "nog geen vergelijking",
                "Afgelopen jaar": now.change,
                "Status nu": judgement.status_text(now),
            })
    return pd.DataFrame(rows, columns=["Domein", "Indicator", "Start", "Nu", "Sinds start",
                                       "Afgelopen jaar", "Status nu"])


def action_rows(acties: pd.DataFrame) -> pd.DataFrame:
    counts = acties["status"].value_counts() if not acties.empty else pd.Series(dtype=int)
    out = [{"Status": f"{sym} {status}", "Acties": int(counts.get(status, 0))}
           for status, (_c, _p, sym) in charts.ACTION_STATUS.items()]
    out.append({"Status": "Totaal", "Acties": int(len(acties))})
    return pd.DataFrame(out)


def budget_rows(path) -> pd.DataFrame:
    """Plan (seed 002) against realisation: housed asielstatushouders per
    year and the saldo the budget model gives with the planned and with the
    actual numbers. The only coupling to the budget model."""
    housed = bm.actual_counts(path=path).housed
    planned = bm.compute(bm.DEFAULT_INPUTS)
    actual_inputs, _ = bm.apply_actual_counts(bm.DEFAULT_INPUTS, housed=housed)
    actual = bm.compute(actual_inputs)
    rows = []
    for y in bm.YEARS:
        plan_n = bm.DEFAULT_INPUTS.housed(y) or None  # seed 002 plans only some years
        rows.append({
            "Jaar": str(y),
            "Gehuisvest plan": plan_n,
            "Gehuisvest werkelijk": housed.get(y),
            "Saldo plan": euro(planned.year(y).saldo, cents=False),
            "Saldo met werkelijke aantallen": euro(actual.year(y).saldo, cents=False),
        })
    return pd.DataFrame(rows)


def build(path: Path, now: dt.date | None = None, region: str | None = None,
          pngs: list[bytes] | None = None) -> bytes:
    """The evaluation deck (.pptx bytes) on the store at `path`; `region`
    defaults to the name the store was loaded with."""
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
    items: list = []
    for cluster, name in pres.CLUSTERS.items():
        items.append(deck.TableSlide(
            title=f"Cluster {cluster} · {name}: start en nu",
            table=indicator_rows(source, catalogue, f, base, cluster, peildata),
            source="Integratiemonitor (registraties gemeente, COA, VISTA-college, enquête)",
            peildatum=now,
            note=((f"start = {base.start:%d-%m-%Y} (een halfjaarcijfer: het eerste afgesloten "
                   "halfjaar daarna)" if base.start else NO_BASELINE)
                  + "; afgelopen jaar en status: als op het overzicht; lopend = de periode loopt "
                  "nog, voorlopig cijfer zonder oordeel")))
    items.append(deck.TableSlide(title="Uitvoeringsprogramma: stand van de acties",
                                 table=action_rows(source.acties()),
                                 source="acties uitvoeringsprogramma (gemeente)", peildatum=now))
    try:
        items.append(deck.TableSlide(title="Begroting: plan tegen realisatie (Maastricht)",
                                     table=budget_rows(path),
                                     source="begrotingsmodel uitvoeringsprogramma, registratie inburgeraars",
                                     peildatum=now,
                                     note="saldo vóór inzet van de reserve; – = niet begroot"))
    except Exception as exc:  # the budget model changes on its own; the report still builds
        items.append(deck.TableSlide(
            title="Begroting: plan tegen realisatie",
            table=pd.DataFrame({"Melding": [f"Niet beschikbaar ({type(exc).__name__})."]}),
            source="begrotingsmodel", peildatum=now))
    acties = source.acties()
    if not acties.empty:
        items.append(charts.acties_timeline(acties, now))
    definitions = [(i.name, i.definition) for c in pres.CLUSTERS
                   for d in pres.domains_of(c) for i in cat.headline_of_domain(catalogue, d)]
    return deck.build(meta, items, definitions, pngs)
