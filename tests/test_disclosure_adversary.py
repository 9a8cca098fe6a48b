"""An adversary against disclosure control across views (indicators.md,
"Disclosure control"): over random small drops it combines every view a user
can set up within one dimension besides the gemeente (breakdowns under no,
one or two gemeenten; the gemeenten side by side under one or two members;
the headline figure under a gemeente and a member), and the blocks with a
region row (land van herkomst, Z-route persons and hours, VISTA levels), and
solves for hidden cells by differences (tests/adversary.py: linear algebra
over the shown figures, percentages with their denominators). No hidden cell
may be recovered; no cell may be shown in one view and hidden in another;
"<5" only on a hidden count of 1 to 4."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from etl.load import load
from monitor import indicators as ind
from monitor.disclosure import REASON_SECONDARY, TOTAL, grid_selection, protect_count_grid
from tests import adversary as adv
from tests.conftest import TEST_KEY
from tests.test_disclosure_views import _drop

P = dt.date(2024, 12, 31)
UNITS = {"werk.duaal_pct": "pct", "taal.wachtlijst_pip": "aantal"}
DIMS = ["geslacht", "doelgroep", "land_van_herkomst", "cohort_huisvesting"]
tried = {"views": 0, "hidden": 0}


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
    assert system.recovered() == []
    assert adv.wrong_labels(system, percent=unit != "aantal") == []


def test_no_hidden_cell_follows_from_the_blocks(drop_store):
    systems = adv.block_views(drop_store, P)
    hidden = 0
    for name, system in systems.items():
        tried["views"] += system.views
        hidden += len(system.hidden)
        assert system.inconsistent() == [], name
        assert system.recovered() == [], name
        assert adv.wrong_labels(system, percent=name == "Z-route uren") == [], name
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
    assert system.recovered() or system.inconsistent()


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
    print(f"adversary: {tried['views']} views combined, {tried['hidden']} hidden cells tried")
    assert tried["views"] > 500 and tried["hidden"] > 50
