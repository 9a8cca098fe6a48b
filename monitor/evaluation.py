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
from . import charts, deck, indicators, store
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


def _at(ser: pd.DataFrame, day: dt.date | None):
    """(value, shown text) of an unkeyed series on a peildatum."""
    if day is None or ser.empty:
        return None, None
    row = ser[pd.to_datetime(ser["peildatum"]) == pd.Timestamp(day)]
    if "key" in row.columns:
        row = row[row["key"].isna()]
    if row.empty:
        return None, None
    r = row.iloc[-1]
    hidden = bool(r["suppressed"])
    value = None if hidden or r["value"] is None or pd.isna(r["value"]) else float(r["value"])
    return value, charts.value_text(r["value"], hidden, r["eenheid"], r.get("weergave"))


def judge_change(ind: cat.Indicator, start, now) -> str:
    """The change in words, by the indicator's direction, on the values as
    shown (presentation.change: the same rule as the overview)."""
    if start is None or now is None:
        return "niet te bepalen"
    arrow = pres.trend_arrow(start, now, ind.unit)
    if arrow == "→":
        return "gelijk gebleven"
    up = arrow == "↗"
    d = (ind.direction or "").lower()
    if d in pres.HIGHER:
        return "verbeterd" if up else "verslechterd"
    if d in pres.LOWER:
        return "verslechterd" if up else "verbeterd"
    return "gestegen" if up else "gedaald"


def indicator_rows(source, catalogue: list[cat.Indicator], f: Filters, base: Baseline,
                   cluster: str) -> pd.DataFrame:
    rows = []
    for domain in pres.domains_of(cluster):
        for ind in cat.headline_of_domain(catalogue, domain):
            ser = source.series(ind.id, f)
            v0, t0 = _at(ser, base.start)
            v1, t1 = _at(ser, base.now)
            status = pres.status(v1, ind.norm, ind.direction) if v1 is not None else pres.UNKNOWN
            rows.append({
                "Domein": f"{domain} {pres.DOMAINS[domain]}",
                "Indicator": ind.name,
                "Start": t0 if base.start else NO_BASELINE,
                "Nu": t1 or "–",
                "Verandering": (NO_BASELINE if not base.start else
                                "gelijk gebleven" if t0 is not None and t0 == t1 else
                                judge_change(ind, v0, v1)),
                "Status nu": f"{status.symbol} {status.label}",
            })
    return pd.DataFrame(rows, columns=["Domein", "Indicator", "Start", "Nu", "Verandering",
                                       "Status nu"])


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
    now = now or (peildata[-1] if peildata else dt.date.today())
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
            table=indicator_rows(source, catalogue, f, base, cluster),
            source="Integratiemonitor (registraties gemeente, COA, VISTA-college, enquête)",
            peildatum=now,
            note=(f"start = {base.start:%d-%m-%Y}" if base.start else NO_BASELINE)))
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
