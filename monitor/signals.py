"""What deserves attention on the overview: indicators that crossed their
norm since the previous month end, and changes over a year larger than
chance explains. Pure; works on monitor.indicators.headline rows and the
one judgement of monitor.judgement, so a signal says what the tile says.

- A change is tested over the persons the share counts (learners,
  respondents, inburgeraars), never over hours or places: a share of hours
  (attendance) is tested over its learners.
- Facts (the taakstelling, COA capacity and occupancy) are administrative
  counts, not samples: they only cross their norm, no chance test.
- A running period and a provisional peildatum (a month not delivered in
  full) give no signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import chance
from . import judgement as jd
from . import presentation as pres
from .catalogue import Indicator
from .formatting import month_nl

def interval_text(ci: tuple[float, float] | None) -> str:
    if ci is None:
        return ""
    return f"tussen {pres.fmt_value(ci[0], 'pct')} en {pres.fmt_value(ci[1], 'pct')}"


@dataclass(frozen=True)
class Signal:
    indicator_id: str
    kind: str      # "norm" or "verandering"
    good: bool | None
    text: str


def _norm_met(value, ind: Indicator) -> bool:
    d = ind.direction if ind.direction in pres.HIGHER | pres.LOWER else "hoger_beter"
    return pres.status(value, ind.norm, d) is pres.ON_TRACK


def signals(rows: list[dict], indicators: dict[str, Indicator],
            provisional: bool = False) -> list[Signal]:
    """Signals from headline rows (value, suppressed, peildatum, vorige_maand,
    vorig_jaar, vorig_jaar_peildatum, personen, vorig_jaar_personen, lopend,
    sparkline). `provisional`: the peildatum is a month not delivered in
    full; nothing fires from it."""
    if provisional:
        return []
    out: list[Signal] = []
    for r in rows:
        ind = indicators.get(r["id"])
        if ind is None or r.get("suppressed") or r.get("lopend"):
            continue
        j = jd.judge_headline(ind, r)
        if j.now.value is None or j.now.running:
            continue
        # a monthly figure against the previous month end; a half-yearly one
        # against its last completed period, never a running one
        if ind.frequency in jd.PERIOD_WORD:
            prev = jd.previous_period(ind, r)
            before, since = (prev.number, f"het vorige {jd.PERIOD_WORD[ind.frequency]} "
                             f"({prev.period})") if prev else (None, "")
        else:
            last_month = pres.shown_number(r.get("vorige_maand"), ind.unit)
            before = None if last_month is None else float(last_month)
            since = "het vorige maandeinde"
        if ind.norm is not None and before is not None:
            met_now, met_before = _norm_met(j.now.number, ind), _norm_met(before, ind)
            if met_now != met_before:
                verb = "haalt nu de norm" if met_now else "haalt de norm niet meer"
                out.append(Signal(ind.id, "norm", met_now,
                                  f"{ind.name} {verb} ({j.now.text}, norm "
                                  f"{pres.fmt_value(ind.norm, ind.unit)}) sinds {since}."))
        if jd.is_fact(ind) or ind.unit != "pct" or j.movement not in ("steeg", "daalde"):
            continue
        n_now, n_before = r.get("personen"), r.get("vorig_jaar_personen")
        if chance.clear_change(r.get("vorig_jaar"), n_before, r.get("value"), n_now):
            rose = j.movement == "steeg"
            good = None if ind.direction not in pres.HIGHER | pres.LOWER else \
                rose == (ind.direction in pres.HIGHER)
            out.append(Signal(ind.id, "verandering", good,
                              f"{ind.name} is duidelijk {'gestegen' if rose else 'gedaald'} (meer dan "
                              f"toeval): van {j.before.text} naar {j.now.text} "
                              f"sinds {month_nl(j.before.date)}."))
    return out


def survey_change_is_clear(value, n, previous, n_previous) -> bool | None:
    """None when there is nothing to compare; else whether the two survey
    years' intervals do not overlap."""
    return chance.clear_change(previous, n_previous, value, n)
