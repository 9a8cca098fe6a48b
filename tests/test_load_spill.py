"""A killed load can leave DuckDB's spill directory beside its build; the
next load removes it with the build itself."""

from __future__ import annotations

from etl.load import load
from tests.conftest import TEST_KEY
from tests.factories import person, write_csv


def test_next_load_removes_a_killed_loads_build_and_spill_directory(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1)])
    db = tmp_path / "s.duckdb"
    build = tmp_path / "s.duckdb.tmp-dead0000"
    build.write_bytes(b"half a store")
    spill = tmp_path / "s.duckdb.tmp-dead0000.spill"
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled rows")
    load(drop, db, key=TEST_KEY)
    assert db.exists()
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
