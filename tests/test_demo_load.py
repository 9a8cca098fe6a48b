"""The demo drop loads as a real drop would: only the planted rows rejected."""

from __future__ import annotations

import duckdb


def test_demo_drop_rejects_exactly_the_planted_rows(demo_drop, demo_store):
    _, summary = demo_drop
    _, report = demo_store
    rejected = {(r.file, r.row, r.column) for r in report.rejections}
    planted = {(p.file, p.row, p.column) for p in summary.planted}
    assert len(planted) >= 6
    assert rejected == planted


def test_demo_drop_loads_every_used_file_completely(demo_store):
    _, report = demo_store
    used = [f for f in report.files if f.used]
    assert len(used) > 100 and not [f for f in report.files if f.error]
    for f in used:
        assert f.rows_read == f.rows_loaded + f.rows_rejected, f.file
    superseded = {f.file for f in report.files if not f.used}
    assert superseded and all("_2026" in f for f in superseded)


def test_demo_store_is_marked_as_demo(demo_store):
    db, _ = demo_store
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT is_demo, demo_key FROM load_runs").fetchall() == [(True, True)]
