"""The one way to read the store: every query a page, a chart or a deck
needs, by name, and a `Source` that runs them on one store file.

A Source runs a query directly (tests, the evaluation report, the export),
or through the call it is given: the pages pass one cached function keyed on
the store snapshot (pages/ui/data.py), so every query is cached the same way
and a deck rebuilt from the basket reads the tables the page showed.
Everything returned is an aggregate that already passed monitor.disclosure.
Importable without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import catalogue as cat
from . import indicators, reference, store, vista, zroute
from .budget import actuals as budget_actuals


def _z_route(path, filters, norm_per_week):
    p = filters.peildatum or indicators.default_peildatum(path)
    return zroute.z_route(p, filters, norm_per_week=norm_per_week, path=path)


def _vista_niveaus(path, filters):
    p = filters.peildatum or indicators.default_peildatum(path)
    return vista.niveaus(p, filters, path=path).assign(peildatum=p)


def _budget_counts(path):
    """The budget model's counts from the data, or None when there are none
    (the model then keeps the entered counts, as the page says)."""
    try:
        counts = budget_actuals.actual_counts(path=path)
    except Exception:  # no store or no readable data: the entered counts hold
        return None
    return counts if counts.housed or counts.azc_not_in_brp else None


# name -> function(path, *args)
QUERIES: dict[str, Callable[..., Any]] = {
    "load_info": lambda path: store.load_info(path),
    "region_name": lambda path: store.region_name(path),
    "is_demo": lambda path: store.is_demo(path),
    "catalogue": lambda path: cat.load(path),
    "catalogue_blocks": lambda path: cat.load_blocks(path),
    "filter_options": lambda path: indicators.filter_options(path=path),
    "gemeente_namen": lambda path: indicators.gemeente_namen(path=path),
    "series": lambda path, ind, f: indicators.series(ind, f, path=path),
    "breakdown": lambda path, ind, dim, f: indicators.breakdown(ind, dim, f, path=path),
    "by_gemeente": lambda path, ind, f: indicators.by_gemeente(ind, f, path=path),
    "headline": lambda path, f: indicators.headline(f, path=path),
    "route": lambda path, f: indicators.route(f, path=path),
    "taakstelling": lambda path, f: indicators.taakstelling(f, path=path),
    "azc_bezetting": lambda path: indicators.azc_bezetting(path=path),
    "huisvesting_wijk": lambda path, f: indicators.huisvesting_wijk(f, path=path),
    "acties": lambda path: indicators.acties(path=path),
    "databronnen": lambda path: indicators.databronnen(path=path),
    "databronnen_versheid": lambda path, today: indicators.databronnen_versheid(today, path=path),
    "cohort_curves": lambda path, f: indicators.cohort_curves(f, path=path),
    "land_van_herkomst": lambda path, f: indicators.land_van_herkomst(f, path=path),
    "z_route": _z_route,
    "vista_niveaus": _vista_niveaus,
    "budget_counts": _budget_counts,
    # comparing gemeenten (monitor.compare): public attributes, and aggregates
    # that only the comparison reads (never shown themselves)
    "gemeente_kenmerken": lambda path: indicators.gemeente_kenmerken(path=path),
    "compare_features": lambda path, p: indicators.compare_features(p, path=path),
    "compare_strata": lambda path, ind, p: indicators.compare_strata(ind, p, path=path),
    "compare_distribution": lambda path, ind, p: indicators.compare_distribution(ind, p,
                                                                                 path=path),
    "reference_figures": lambda path, ind, p: reference.figures(
        ind, p, indicators.gemeente_namen(path=path), path=path),
}


def run(path: Path, name: str, *args):
    return QUERIES[name](path, *args)


@dataclass(frozen=True)
class Source:
    """The queries on the store at `path`; through `call(name, *args)` when
    given (the pages' cache), else directly."""

    path: Path
    call: Callable[..., Any] | None = None

    def get(self, name: str, *args):
        if name not in QUERIES:
            raise KeyError(f"unknown query {name!r}")
        return self.call(name, *args) if self.call else run(self.path, name, *args)

    def catalogue(self) -> list[cat.Indicator]:
        return self.get("catalogue")

    def gemeente_namen(self) -> dict[str, str]:
        return self.get("gemeente_namen")

    def series(self, indicator_id, f):
        return self.get("series", indicator_id, f)

    def acties(self):
        return self.get("acties")
