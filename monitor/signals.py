"""What deserves attention on the overview: indicators that crossed their
norm since the previous month end, and changes over a year larger than
chance explains. Survey figures get a 95% Wilson interval, and a change
between two survey years is a rise or a fall only when the intervals do not
overlap. Pure; works on monitor.indicators.headline rows."""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import presentation as pres
from .catalogue import Indicator

Z95 = 1.959963984540054


def wilson(pct: float | None, n: float | None, z: float = Z95) -> tuple[float, float] | None:
    """95% Wilson score interval for a percentage (0-100) over n persons."""
    if pct is None or n is None or n <= 0 or math.isnan(float(pct)):
        return None
    p = float(pct) / 100.0
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half)


def clearly_different(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two intervals do not overlap."""
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


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


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def signals(rows: list[dict], indicators: dict[str, Indicator]) -> list[Signal]:
    """Signals from headline rows (value, denominator, vorige_maand,
    vorig_jaar, vorig_jaar_noemer, suppressed)."""
    out: list[Signal] = []
    for r in rows:
        ind = indicators.get(r["id"])
        if ind is None or r.get("suppressed") or _missing(r.get("value")) or r.get("lopend"):
            continue
        now = float(r["value"])
        if ind.norm is not None and not _missing(r.get("vorige_maand")):
            direction = ind.direction if ind.direction in pres.HIGHER | pres.LOWER else "hoger_beter"
            met_now = pres.status(now, ind.norm, direction) is pres.ON_TRACK
            met_before = pres.status(r["vorige_maand"], ind.norm, direction) is pres.ON_TRACK
            if met_now != met_before:
                verb = "haalt nu de norm" if met_now else "haalt de norm niet meer"
                out.append(Signal(ind.id, "norm", met_now,
                                  f"{ind.name} {verb} ({pres.fmt_value(now, ind.unit)}, norm "
                                  f"{pres.fmt_value(ind.norm, ind.unit)}) sinds het vorige maandeinde."))
        before, n_before, n_now = r.get("vorig_jaar"), r.get("vorig_jaar_noemer"), r.get("denominator")
        if ind.unit == "pct" and not any(_missing(x) for x in (before, n_before, n_now)):
            a, b = wilson(before, n_before), wilson(now, n_now)
            if clearly_different(a, b):
                rose = now > float(before)
                good = None if ind.direction not in pres.HIGHER | pres.LOWER else \
                    rose == (ind.direction in pres.HIGHER)
                verb = "steeg" if rose else "daalde"
                out.append(Signal(ind.id, "verandering", good,
                                  f"{ind.name} {verb} in een jaar van {pres.fmt_value(before, 'pct')} "
                                  f"naar {pres.fmt_value(now, 'pct')}: meer dan toeval verklaart."))
    return out


def survey_change_is_clear(value, n, previous, n_previous) -> bool | None:
    """None when there is nothing to compare; else whether the two survey
    years' intervals do not overlap."""
    a, b = wilson(previous, n_previous), wilson(value, n)
    if a is None or b is None:
        return None
    return clearly_different(a, b)
