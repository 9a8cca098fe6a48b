"""What a load killed mid-build leaves (a store-sized `*.tmp-*` file, its
`.wal` and its spill folder, as a national load killed at 110 s left 343 MB)
is cleared by the next load, before it builds; the store it replaces and the
audit log stay."""

from __future__ import annotations

import os

from etl.load import load
from tests.conftest import TEST_KEY
from tests.test_kill import _drop, _figures

SIZE = 400 * 1024 * 1024  # a national build's size; sparse, so the test writes no 400 MB


def test_next_load_clears_a_killed_builds_debris(tmp_path):
    drop, db = tmp_path / "drop", tmp_path / "store" / "monitor.duckdb"
    _drop(drop)
    load(drop, db, key=TEST_KEY)
    before = _figures(db)
    build = db.with_name(f"{db.name}.tmp-0badc0de")
    for path in (build, build.with_name(build.name + ".wal")):
        with open(path, "wb") as fh:
            fh.truncate(SIZE)
    spill = build.with_name(build.name + ".spill")
    spill.mkdir()
    (spill / "duckdb_temp_block-1.block").write_bytes(b"\0" * 4096)
    assert sum(os.path.getsize(p) for p in (build, build.with_name(build.name + ".wal"))) == 2 * SIZE
    load(drop, db, key=TEST_KEY)
    left = sorted(p.name for p in db.parent.iterdir())
    assert left == ["monitor.duckdb", "monitor.duckdb.audit.jsonl", "monitor.duckdb.laadslot"]
    assert _figures(db) == before
