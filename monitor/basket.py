"""The Raadspresentatie basket: the charts a user collects for a council
deck, kept in the URL as `mand=<key>,<key>,…`.

A key is a registered chart's key (monitor.registry). With the store and
the filters that is enough to rebuild the Chart with the same loader,
builder and (disclosure-controlled) data the page used, so the deck shows
what the screen showed. Importable without Streamlit: the data comes from a
monitor.queries.Source (the pages' one goes through their cache).
"""

from __future__ import annotations

from .deck import TableSlide
from .filters import Filters
from .queries import Source
from . import registry
from .registry import Unavailable as UnknownChart

PARAM = "mand"
MAX_ITEMS = 20
SEPARATOR = ","
# a budget key carries its scenarios' changes: room for all of them
MAX_KEY = 2000

# a Source on a store file, without cache (tests, the evaluation report)
StoreSource = Source


# --- the URL ---------------------------------------------------------------------

def parse(raw) -> list[str]:
    """Keys from the URL value (a string or repeated values), in order,
    without duplicates or empty parts, at most MAX_ITEMS."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    out: list[str] = []
    for item in items:
        for part in str(item).split(SEPARATOR):
            part = part.strip()
            if part and part not in out and len(part) <= MAX_KEY:
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

def budget_key(scenario_query: dict[str, str]) -> str:
    """The basket key of the budget scenarios as a table: their URL
    parameters, packed so the key holds no separator."""
    return registry.budget_key(registry.BUDGET, scenario_query)


def rebuild(key: str, source: Source, f: Filters):
    """The Chart named `key` under filters `f`, built as its page builds it
    (monitor.registry); a kind the deck shows as a table comes as a
    deck.TableSlide."""
    kind, arg = registry.resolve(key)
    c = registry.make(kind, arg, source, f)
    if kind.deck == "table":
        # the slide's title is what the table concludes, as for a chart
        return TableSlide(title=c.title, table=c.table, source=c.source, peildatum=c.peildatum,
                          headline=c.conclusion,
                          note=c.note, key=c.key)
    return c


def rebuild_all(keys: list[str], source: Source, f: Filters) -> tuple[list, list[str]]:
    """The charts (and tables) that could be rebuilt, and the keys that could
    not."""
    built, missing = [], []
    for k in keys:
        try:
            built.append(rebuild(k, source, f))
        except UnknownChart:
            missing.append(k)
    return built, missing
