"""An adversary against disclosure control across views (indicators.md,
"Disclosure control"): over random small drops it combines every view a user
can set up within one dimension besides the gemeente (breakdowns under no,
one or two gemeenten; the gemeenten side by side under one or two members;
the headline figure under a gemeente and a member); every view across two
person dimensions (a filter on one and the breakdown by the other, a filter
on both, under no gemeente and each gemeente, and the gemeenten side by
side), which the product must refuse; and the blocks with a region row
(land van herkomst, Z-route persons and hours, VISTA levels, the route in
steps, the cohort curves), and solves for hidden cells by differences
(tests/adversary.py: linear algebra over the shown figures, percentages with
their denominators). No hidden cell, and no hidden sum of 1-4, may be
recovered; no figure may be shown in one view and hidden in another; "<5"
only on a hidden count of 1 to 4."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from etl.load import load
from monitor import filters as flt
from monitor import indicators as ind
from monitor import vista, zroute
from monitor.filters import Filters
from monitor.disclosure import REASON_SECONDARY, TOTAL, grid_selection, protect_count_grid
from tests import adversary as adv
from tests.conftest import TEST_KEY
from tests.test_disclosure_views import _drop

P = dt.date(2024, 12, 31)
UNITS = {"werk.duaal_pct": "pct", "taal.wachtlijst_pip": "aantal"}
DIMS = ["geslacht", "doelgroep", "land_van_herkomst", "cohort_huisvesting"]
PAIRS = [("geslacht", "leeftijdsgroep"), ("doelgroep", "leerroute"), ("leeftijdsgroep", "cohort")]
tried = {"views": 0, "hidden": 0, "refused": 0}


@pytest.fixture(scope="module", params=[(11, 70), (4242, 120)], ids=["small", "larger"])
def drop_store(request, tmp_path_factory):
    seed, size = request.param
    root = tmp_path_factory.mktemp(f"adv{seed}")
    _drop(root, seed, size)
    db = root / "s.duckdb"
    load(root, db, key=TEST_KEY)
    return db


@pytest.mark.parametrize("indicator", list(UNITS))
def test_no_hidden_cell_follows_from_the_views_combined(drop_store, indicator):
    unit = UNITS[indicator]
    system = adv.indicator_views(drop_store, indicator, P, dims=DIMS,
                                 check=lambda r, where: adv.shown_safe(r, unit, where))
    tried["views"] += system.views
    tried["hidden"] += len(system.hidden)
    assert system.hidden, "the drop must hide cells, or the search proves nothing"
    assert system.inconsistent() == []
    assert system.leaks() == []
    assert adv.wrong_labels(system, percent=unit != "aantal") == []


@pytest.mark.parametrize("pair", PAIRS, ids=["-".join(p) for p in PAIRS])
def test_no_view_combines_two_person_dimensions(drop_store, pair):
    """Every view across two person dimensions is refused, under no gemeente
    and under each (the product offers one dimension besides the gemeente at
    a time), whatever the indicator; the views of each dimension alone are
    the search above."""
    for indicator in UNITS:
        system = adv.pair_views(drop_store, indicator, P, *pair, margins=False)
        tried["refused"] += system.refused
        assert system.refused > 0
        assert system.views == 0 and system.hidden == {}


def test_the_adversary_finds_the_recipes_across_two_dimensions(drop_store, monkeypatch):
    """With views across two person dimensions allowed again (a filter
    protected against its own total only: the rule before), the same search
    recovers a hidden count or finds a figure shown in one view and hidden
    in another: the search can fail."""
    def old_rule(f, dimension=""):
        used = [d for d in (*flt.PERSON_DIMENSIONS, *flt.MARGIN_DIMENSIONS) if getattr(f, d)]
        if dimension and dimension != "gemeentecode" and dimension not in used:
            used.append(dimension)
        margin = any(d in flt.MARGIN_DIMENSIONS for d in used)
        return tuple(used) if margin and len(used) > 1 else ()

    monkeypatch.setattr(ind, "combination_conflict", old_rule)
    found = []
    for pair in PAIRS:
        system = adv.pair_views(drop_store, "werk.duaal_pct", P, *pair, gemeenten=[])
        assert system.refused == 0
        found += system.leaks() + system.inconsistent()
        if found:
            break
    assert found


def test_blocks_follow_the_gemeente_only(drop_store):
    """A person filter changes no block: under it the block would be a slice
    of a three-way table (gemeente x member x column) that the grid does
    not protect."""
    plain = Filters(peildatum=P)
    person = Filters(peildatum=P, geslacht=("V",))
    margin = Filters(peildatum=P, land_van_herkomst=("Overig",))
    for f in (person, margin):
        assert zroute.z_route(P, f, path=drop_store).equals(zroute.z_route(P, plain,
                                                                             path=drop_store))
        assert vista.niveaus(P, f, path=drop_store).equals(vista.niveaus(P, plain,
                                                                          path=drop_store))
        for block in (ind.route, ind.cohort_curves, ind.land_van_herkomst, ind.huisvesting_wijk):
            assert block(f, path=drop_store).equals(block(plain, path=drop_store)), block


def test_no_hidden_cell_follows_from_the_blocks(drop_store):
    systems = adv.block_views(drop_store, P)
    hidden = 0
    for name, system in systems.items():
        tried["views"] += system.views
        hidden += len(system.hidden)
        assert system.inconsistent() == [], name
        assert system.leaks() == [], name
        assert adv.wrong_labels(system, percent=name in ("Z-route uren", "cohortlijnen")) == [], \
            name
    assert hidden > 0
    tried["hidden"] += hidden


def test_the_adversary_finds_the_recipes_of_a_one_view_decision(drop_store, monkeypatch):
    """With the family decision switched off (every view decided on its own,
    a filter checked against one breakdown: the decision before the
    families) the same search recovers hidden cells or finds a cell shown
    in one view and hidden in another: the search can fail."""
    monkeypatch.setattr(ind, "_family_mask",
                        lambda df, f, d, p: (np.zeros(len(df), bool), np.zeros(len(df), bool)))
    system = adv.indicator_views(drop_store, "werk.duaal_pct", P,
                                 dims=["geslacht", "land_van_herkomst"], pairs=False)
    assert system.leaks() or system.inconsistent()


def test_region_minus_the_shown_gemeenten_gives_nothing():
    """The Z-route recipe by hand: region 7 = 6 + 1. Deciding each row on
    its own shows the 6, and 7 - 6 is the hidden 1; the grid hides the 6 as
    well, as "–", while the 1 reads "<5"."""
    df = pd.DataFrame({"g": ["A", "A", "B"], "m": ["x", "y", "x"], "persons": [4, 2, 1]})
    grid = protect_count_grid(df, "g", "m")
    cell = {(g, m): r for g, m, r in zip(grid["g"], grid["m"], grid.to_dict("records"))}
    assert cell[(TOTAL, TOTAL)]["value"] == 7
    assert cell[("B", TOTAL)]["suppressed"] and cell[("B", TOTAL)]["weergave"] == "<5"
    assert cell[("A", TOTAL)]["suppressed"] and cell[("A", TOTAL)]["weergave"] == "–"
    assert cell[("A", TOTAL)]["reden"] == REASON_SECONDARY
    # a choice of both gemeenten is the region; of one, that gemeente's row
    assert grid_selection(grid, "g", "m", ("A", "B")).equals(grid_selection(grid, "g", "m"))
    one = grid_selection(grid, "g", "m", ("A",))
    assert set(one["g"]) == {"A"}


def test_search_size():
    """The searches above ran (file order): say how many views they combined."""
    print(f"adversary: {tried['views']} views combined, {tried['refused']} refused, "
          f"{tried['hidden']} hidden cells tried")
    assert tried["views"] > 500 and tried["hidden"] > 50 and tried["refused"] > 100
