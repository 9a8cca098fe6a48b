"""Every dimension of monitor/dimensions.py reaches the filters and their
URL form, the sidebar, the breakdown selector, the SQL parameters and the
store: a new dimension is one row in the table plus its SQL, and this test
names whatever it does not reach yet."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from monitor import dimensions as dims
from monitor import disclosure, indicators
from monitor.filters import QUERY_KEYS, Filters, filters_from_query, filters_to_query

SQL = Path(__file__).resolve().parent.parent / "sql"
DIMS = [pytest.param(d, id=d.column) for d in dims.TABLE]


@pytest.mark.parametrize("d", DIMS)
def test_reaches_the_filters_and_the_link(d):
    assert d.field in {f.name for f in dataclasses.fields(Filters)}
    assert QUERY_KEYS[d.url_key] == d.field
    assert Filters().params()[d.field] == []
    f, notices = filters_from_query({d.url_key: "waarde-a,waarde-b"}, {})
    assert getattr(f, d.field) == ("waarde-a", "waarde-b") and not notices
    assert filters_to_query(f)[d.url_key] == "waarde-a,waarde-b"
    assert Filters(**{d.field: ("x",)}).params()[d.field] == ["x"]


@pytest.mark.parametrize("d", DIMS)
def test_residual_and_focus_members_reach_disclosure(d):
    for m in d.residual:
        assert disclosure.hide_rank(m) == 0
    for m in d.focus:
        assert disclosure.hide_rank(m) == 2


def test_the_table_is_the_only_declaration():
    """The old per-module dictionaries are views of the table."""
    from monitor import charts
    from pages.ui import card, filters as ui_filters

    assert charts.DIMENSION_LABELS == {d.column: d.label for d in dims.TABLE}
    assert set(card.BREAKDOWNS) == {d.column for d in dims.TABLE if d.kind != "gemeente"}
    assert {k for k in ui_filters._W if k != "peildatum"} == {d.field for d in dims.TABLE}
    assert all(ui_filters._HELP[d.field] == d.help for d in dims.TABLE)
    assert indicators.FILTER_FIELDS == {d.column: d.field for d in dims.TABLE}


def _params(text: str) -> set[str]:
    return set(re.findall(r"\$(\w+)", re.sub(r"--[^\n]*", "", text)))


@pytest.mark.parametrize("d", DIMS)
def test_reaches_the_sql(d):
    cube_cells = (SQL / "queries" / "cube_cells.sql").read_text(encoding="utf-8")
    code = re.sub(r"--[^\n]*", "", cube_cells)
    if d.kind == "margin":
        # a marginal is asked for by name through $margin: every view that
        # makes the marginals names it, and the cube's union carries it
        for rel in ("macros/dimension_cells.sql", "intermediate/int_person_cells.sql",
                    "intermediate/int_vista_cells.sql", "intermediate/int_koppelingen_cells.sql"):
            assert f"'{d.column}'" in (SQL / rel).read_text(encoding="utf-8"), rel
        assert "$margin" in code
    else:
        # a list parameter of its own, the filter on it and a breakdown by it
        assert f"in_filter(${d.field}::VARCHAR[]" in code
        assert re.search(rf"WHEN '{d.column}' THEN \w*\.?{d.column}\b", code) or \
            re.search(rf"\$dimension = '{d.column}' THEN \w*\.?{d.column}\b", code)
    if d.kind == "person":
        cube = (SQL / "marts" / "mart_indicator_cube.sql").read_text(encoding="utf-8")
        assert re.search(rf"\b{d.column}\b", cube)


# The block queries take the Filters' parameters whole (DuckDB refuses a
# parameter a query does not use): each filters on every dimension, but the
# one it is about. The pages pass them empty: a block follows the gemeente
# only (monitor.indicators.BLOCK_FILTERS), one decision over its gemeenten.
BLOCKS = {"route_funnel.sql": (), "vista_niveaus.sql": (), "land_van_herkomst.sql": (),
          "z_route.sql": ("leerroute",)}


@pytest.mark.parametrize("query, about", BLOCKS.items())
def test_blocks_that_follow_the_filters_take_every_dimension(query, about):
    code = re.sub(r"--[^\n]*", "", (SQL / "queries" / query).read_text(encoding="utf-8"))
    for d in dims.TABLE:
        if d.kind != "gemeente" and d.column not in about:
            assert f"in_filter(${d.field}::VARCHAR[]" in code, (query, d.field)


def test_the_query_takes_exactly_the_dimensions_parameters():
    """cube_cells.sql's list parameters are the Filters' (the marginals go
    through $margin), nothing forgotten and nothing extra."""
    control = {"indicators", "peildata", "dimension", "per_key", "values", "source", "margin",
               "margin_values", "by_gemeente"}
    wanted = {n for n in Filters().params() if n not in dims.MARGIN}
    got = _params((SQL / "queries" / "cube_cells.sql").read_text(encoding="utf-8"))
    assert got - control == wanted


@pytest.fixture(scope="module")
def store(demo_store):
    db, _ = demo_store
    return db


@pytest.mark.parametrize("d", DIMS)
def test_reaches_the_store(store, d):
    """On the demo store every dimension has choices and breaks a person
    indicator down into those members; filtering on one member narrows it."""
    opts = indicators.filter_options(path=store)
    members = list(opts[d.field])
    assert members, d.column
    f = Filters(peildatum=opts["peildatum"][-1])
    ind = "basis.pvt_afgerond_pct"
    bd = indicators.breakdown(ind, d.column, f, path=store)
    parts = bd[~bd["is_total"]]
    assert len(parts) >= 2 and parts["member"].notna().all()
    assert set(parts["member"]) <= set(members), d.column
    total = bd[bd["is_total"]]["denominator"].iloc[0]
    largest = parts.sort_values("denominator", ascending=False)["member"].iloc[0]
    one = indicators.breakdown(ind, d.column, Filters(peildatum=f.peildatum,
                                                      **{d.field: (largest,)}), path=store)
    assert 0 < one[one["is_total"]]["denominator"].iloc[0] < total


def test_member_order_puts_residual_members_last():
    land = dims.BY_COLUMN["land_van_herkomst"]
    assert land.sort_members(["Onbekend", "Syrië", "Overig", "Eritrea"]) == [
        "Eritrea", "Syrië", "Overig", "Onbekend"]
    assert dims.BY_COLUMN["geslacht"].member_label("V") == "Vrouw"


def test_the_age_groups_are_the_ones_sql_makes():
    populations = (SQL / "macros" / "populations.sql").read_text(encoding="utf-8")
    made = re.findall(r"THEN '([^']+)'|ELSE '([^']+)'", populations[
        populations.index("MACRO age_group_at"):populations.index("MACRO age_group_changes")])
    assert sorted(a or b for a, b in made) == sorted(dims.BY_COLUMN["leeftijdsgroep"].order)
