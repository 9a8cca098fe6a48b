"""The Raadspresentatie basket: the charts a user collects for a council
deck, kept in the URL as `mand=<key>,<key>,…`.

A key is a Chart's own `key` (monitor.charts). With the store and the
filters that is enough to rebuild the Chart with the same builder and the
same (disclosure-controlled) data the page used, so the deck shows what the
screen showed. Importable without Streamlit: the data comes from a `Source`
(the pages pass their cached functions, tests and the evaluation report a
StoreSource on a store file).
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from . import catalogue as cat
from . import charts, indicators
from .charts import Chart
from .filters import Filters

PARAM = "mand"
MAX_ITEMS = 20
SEPARATOR = ","

REGION_LABELS = ("Hele regio", "Gekozen gemeenten samen")


class Source(Protocol):
    def catalogue(self) -> list[cat.Indicator]: ...
    def gemeente_namen(self) -> dict[str, str]: ...
    def series(self, indicator_id: str, f: Filters) -> pd.DataFrame: ...
    def breakdown(self, indicator_id: str, dimension: str, f: Filters) -> pd.DataFrame: ...
    def by_gemeente(self, indicator_id: str, f: Filters) -> pd.DataFrame: ...
    def taakstelling(self, f: Filters) -> pd.DataFrame: ...
    def azc_bezetting(self) -> pd.DataFrame: ...
    def huisvesting_wijk(self, f: Filters) -> pd.DataFrame: ...
    def route(self, f: Filters) -> pd.DataFrame: ...
    def acties(self) -> pd.DataFrame: ...


@dataclass(frozen=True)
class StoreSource:
    """A Source reading a store file directly (no cache)."""

    path: Path

    def catalogue(self):
        return cat.load(self.path)

    def gemeente_namen(self):
        return indicators.gemeente_namen(path=self.path)

    def series(self, indicator_id, f):
        return indicators.series(indicator_id, f, path=self.path)

    def breakdown(self, indicator_id, dimension, f):
        return indicators.breakdown(indicator_id, dimension, f, path=self.path)

    def by_gemeente(self, indicator_id, f):
        return indicators.by_gemeente(indicator_id, f, path=self.path)

    def taakstelling(self, f):
        return indicators.taakstelling(f, path=self.path)

    def azc_bezetting(self):
        return indicators.azc_bezetting(path=self.path)

    def huisvesting_wijk(self, f):
        return indicators.huisvesting_wijk(f, path=self.path)

    def route(self, f):
        return indicators.route(f, path=self.path)

    def acties(self):
        return indicators.acties(path=self.path)


# --- the URL ---------------------------------------------------------------------

def parse(raw) -> list[str]:
    """Keys from the URL value (a string or repeated values), in order,
    without duplicates or empty parts, at most MAX_ITEMS."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    out: list[str] = []
    for item in items:
        for part in str(item).split(SEPARATOR):
            part = part.strip()
            if part and part not in out and len(part) <= 200:
                out.append(part)
    return out[:MAX_ITEMS]


def to_param(keys: list[str]) -> str:
    return SEPARATOR.join(keys)


def toggle(keys: list[str], key: str) -> list[str]:
    return [k for k in keys if k != key] if key in keys else [*keys, key][:MAX_ITEMS]


def move(keys: list[str], key: str, step: int) -> list[str]:
    if key not in keys:
        return keys
    i = keys.index(key)
    j = max(0, min(len(keys) - 1, i + step))
    out = list(keys)
    out[i], out[j] = out[j], out[i]
    return out


# --- rebuilding a Chart -----------------------------------------------------------

BUDGET = "begroting"


def budget_key(scenario_query: dict[str, str]) -> str:
    """The basket key of the budget scenarios: their URL parameters, packed
    so the key holds no separator."""
    packed = base64.urlsafe_b64encode(urlencode(sorted(scenario_query.items())).encode()).decode()
    return f"{BUDGET}/{packed.rstrip('=') or 'seed'}"


def budget_slide(key: str, peildatum: dt.date | None):
    """The scenarios of a budget key as a deck table (saldo per year, total
    and the reserve at the end). The only coupling to the budget model."""
    from . import budget as bm
    from .deck import TableSlide
    from .formatting import euro

    packed = key.partition("/")[2]
    # The lenient decoder drops characters outside the alphabet, so an edited
    # key would silently become the default scenarios; refuse it instead, as
    # any scenario value the page itself would have refused.
    if not packed:
        raise UnknownChart(key)
    try:
        text = "" if packed == "seed" else base64.b64decode(
            packed + "=" * (-len(packed) % 4), altchars=b"-_", validate=True).decode()
        scenarios, notices = bm.scenarios_from_query(dict(parse_qsl(text, strict_parsing=bool(text))))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnknownChart(key) from exc
    if notices:
        raise UnknownChart(key)
    rows = []
    for sc in scenarios:
        res = bm.compute(sc.inputs)
        row = {"Scenario": sc.name}
        row.update({f"Saldo {y}": euro(res.year(y).saldo, cents=False) for y in bm.YEARS})
        row["Saldo totaal"] = euro(res.saldo_total, cents=False)
        row[f"Reserve eind {bm.YEARS[-1]}"] = euro(res.years[-1].reserve_closing, cents=False)
        rows.append(row)
    note = "saldo vóór inzet van de reserve"
    if any(sc.use_actual for sc in scenarios):
        note += "; ‘gebruik actuele aantallen’ is hier niet toegepast (ingevoerde aantallen)"
    return TableSlide(title="Begroting: scenario's naast elkaar", table=pd.DataFrame(rows),
                      source="begrotingsmodel (beleidskader en uitvoeringsprogramma)", peildatum=peildatum, note=note,
                      key=key)


class UnknownChart(LookupError):
    """A key that names no chart (an edited link, or a removed indicator)."""


def _upto(df: pd.DataFrame, column: str, peildatum: dt.date | None) -> pd.DataFrame:
    if df.empty or peildatum is None:
        return df
    return df[pd.to_datetime(df[column]) <= pd.Timestamp(peildatum)]


def rebuild(key: str, source: Source, f: Filters):
    """The Chart named `key` under filters `f`, built as its page builds it
    (for the budget key a deck.TableSlide)."""
    head, _, arg = key.partition("/")
    peildatum = f.peildatum
    if head == BUDGET:
        return budget_slide(key, peildatum)
    if head == "huisvesting.taakstelling":
        df = _upto(source.taakstelling(f), "period_start", peildatum)
        namen = source.gemeente_namen()
        by_name = {v: k for k, v in namen.items()}
        code = "ALL" if arg in REGION_LABELS else by_name.get(arg, arg)
        rows = df[df["gemeentecode"] == code] if not df.empty else df
        if rows.empty:
            raise UnknownChart(key)
        label = arg if code == "ALL" else namen.get(code, code)
        return charts.taakstelling(rows, label, peildatum)
    if head == "huisvesting.azc_bezetting":
        df = _upto(source.azc_bezetting(), "peildatum", peildatum)
        if df.empty:
            raise UnknownChart(key)
        return charts.azc_bezetting(df, peildatum)
    if head == "huisvesting.wijken":
        df = source.huisvesting_wijk(f)
        if df.empty or arg not in set(df["gemeentecode"]):
            raise UnknownChart(key)
        return charts.wijk_spreiding(df, arg, source.gemeente_namen().get(arg, arg), peildatum)
    if head == "route.stappen":
        df = source.route(f)
        if df.empty or not df["step"].isin(charts.ROUTE_STEPS).any():
            raise UnknownChart(key)
        return charts.route_steps(df, peildatum)
    if head == "route.termijn":
        return charts.route_termijn(source.route(f), peildatum)
    if head == "acties.tijdlijn":
        df = source.acties()
        if df.empty:
            raise UnknownChart(key)
        return charts.acties_timeline(df, peildatum)

    ind = cat.by_id(source.catalogue()).get(head)
    if ind is None:
        raise UnknownChart(key)
    if arg == "reeks":
        ser = source.series(ind.id, f)
        if ser.empty:
            raise UnknownChart(key)
        return charts.indicator_series(ind, ser, peildatum)
    if arg == "gemeenten":
        df = source.by_gemeente(ind.id, f)
        if df.empty:
            raise UnknownChart(key)
        return charts.indicator_by_gemeente(ind, df, source.gemeente_namen(), peildatum)
    if arg in charts.DIMENSION_LABELS and arg != "gemeentecode":
        try:
            df = source.breakdown(ind.id, arg, f)
        except indicators.UnavailableCombination as exc:
            raise UnknownChart(key) from exc
        df = df[df["is_total"] | df["member"].notna()] if not df.empty else df
        if df.empty or df["is_total"].all():
            raise UnknownChart(key)
        return charts.indicator_breakdown(ind, df, arg, peildatum)
    raise UnknownChart(key)


def rebuild_all(keys: list[str], source: Source, f: Filters) -> tuple[list, list[str]]:
    """The charts (and budget tables) that could be rebuilt, and the keys
    that could not."""
    built, missing = [], []
    for k in keys:
        try:
            built.append(rebuild(k, source, f))
        except UnknownChart:
            missing.append(k)
    return built, missing
