"""A load that starts from the cached empty store (etl.load.SCHEMA_CACHE, on
for the whole test run) builds the same store as one that creates every
table and view itself: same objects with the same definitions, same rows."""

from __future__ import annotations

import datetime as dt
import re

import duckdb

from etl import load as load_module
from etl.load import load
from tests.conftest import TEST_KEY
from tests.test_indicators import main_drop

# Differ between any two loads: when and as which run it happened.
RUN_COLUMNS = {"load_runs": ("run_id", "loaded_at", "duration_s"), "load_files": ("run_id",)}


def _canonical(sql: str | None) -> str | None:
    """DuckDB prints an EXCLUDE list in no fixed order."""
    if sql is None:
        return None
    return re.sub(r"EXCLUDE \(([^()]*)\)",
                  lambda m: "EXCLUDE (" + ", ".join(sorted(m.group(1).split(", "))) + ")", sql)


def _store(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        objects = con.execute(
            "SELECT 'table', table_name, sql FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT 'view', view_name, sql FROM duckdb_views() WHERE NOT internal "
            "UNION ALL SELECT 'macro', function_name, macro_definition FROM duckdb_functions() "
            "WHERE NOT internal AND function_type LIKE '%macro' ORDER BY ALL").fetchall()
        objects = [(kind, name, _canonical(sql)) for kind, name, sql in objects]
        rows = {}
        for kind, name, _ in objects:
            if kind == "table":
                skip = RUN_COLUMNS.get(name, ())
                cols = ", ".join(f'"{c}"' for c, in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "ORDER BY column_index", [name]).fetchall() if c not in skip)
                rows[name] = sorted(con.execute(f'SELECT {cols} FROM "{name}"').fetchall(),
                                    key=repr)
        return objects, rows
    finally:
        con.close()


def test_a_load_from_the_template_is_a_load_without_it(drop, tmp_path, monkeypatch):
    main_drop(drop)
    today = dt.date(2025, 1, 6)
    assert load_module.SCHEMA_CACHE is not None  # conftest turns it on for the run
    cached = tmp_path / "cached.duckdb"
    load(drop, cached, key=TEST_KEY, today=today)
    assert list(load_module.SCHEMA_CACHE.glob("schema-*.duckdb"))  # it was used
    monkeypatch.setattr(load_module, "SCHEMA_CACHE", None)
    plain = tmp_path / "plain.duckdb"
    load(drop, plain, key=TEST_KEY, today=today)

    objects_cached, rows_cached = _store(cached)
    objects_plain, rows_plain = _store(plain)
    assert objects_cached == objects_plain
    assert {"mart_indicator_cube", "mart_indicator_margins", "raw_inburgeraars"} <= set(rows_plain)
    assert len(rows_plain["mart_indicator_cube"]) > 100  # the drop fills the cube
    for name in rows_plain:
        assert rows_cached[name] == rows_plain[name], name
