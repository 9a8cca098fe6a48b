"""A load killed at any moment leaves the store as it was, and the next load
clears what the killed one left behind.

One load of a small drop is measured; then 20 loads are killed with SIGKILL
at moments spread uniformly over that duration. After each kill the store
opens read-only and gives the same figures; after one more load no file but
the store, its load lock and the audit log is left in the folder.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import duckdb

from tests.conftest import TEST_KEY
from tests.factories import bsn, nl, write_csv

KILLS = 20


def _drop(drop):
    import datetime as dt

    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [
        {"BSN": bsn(n), "Gemeentecode": "GM0935", "Doelgroep": "Asielstatushouder",
         "Status": "Actief", "Datum PIP": nl(dt.date(2024, 1, 1))} for n in range(1, 40)])
    write_csv(drop, "gemeente/uitkeringen_202412.csv", [
        {"BSN": bsn(n), "Maand": "2024-12", "Participatiewet": "J"} for n in range(1, 40)])


def _figures(db) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return (con.execute("SELECT count(*) FROM raw_inburgeraars").fetchone()[0],
                con.execute("SELECT count(*) FROM raw_uitkeringen").fetchone()[0],
                con.execute("SELECT count(*), sum(numerator) FROM mart_indicator_cube").fetchone(),
                con.execute("SELECT fingerprint FROM store_key").fetchone()[0])


def _run_load(drop, db, started, schema_cache) -> None:
    from etl import load

    # The run's cached empty store, as every other load of the run uses it:
    # a kill then also lands while the template is copied, and the test
    # spends its time on kills instead of binding the SQL layer 22 times.
    load.SCHEMA_CACHE = schema_cache
    started.set()
    load.load(drop, db, key=TEST_KEY)


def test_sigkill_at_any_moment_leaves_the_store_and_no_stray_file(tmp_path, schema_cache):
    drop, db = tmp_path / "drop", tmp_path / "store" / "monitor.duckdb"
    _drop(drop)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["etl.load"])

    def start():
        started = ctx.Event()
        p = ctx.Process(target=_run_load, args=(drop, db, started, schema_cache))
        p.start()
        assert started.wait(60)
        return p, time.monotonic()

    from etl import load

    load._schema_template()  # made once per run; the measured load only copies it
    durations = []
    for _ in range(2):  # the first builds the store; the faster one is the yardstick
        p, t0 = start()
        p.join(120)
        durations.append(time.monotonic() - t0)
        assert p.exitcode == 0
    duration = min(durations)
    expected = _figures(db)

    survived = 0
    leftovers_seen = 0
    early = 0
    for i in range(KILLS):
        share = (i + 0.5) / KILLS
        while True:
            p, t0 = start()
            time.sleep(max(0.0, share * duration - (time.monotonic() - t0)))
            try:
                os.kill(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.join(30)
            if p.exitcode == -signal.SIGKILL:
                break
            # this load ran faster than the measured one and finished first:
            # the same moment again, a little earlier, so every kill lands
            assert p.exitcode == 0
            early += 1
            assert early <= 3 * KILLS, "loads keep finishing before the kill"
            share *= 0.7
        assert _figures(db) == expected, f"kill {i} at {share:.0%} of the load"
        survived += 1
        leftovers_seen = max(leftovers_seen, len([f for f in db.parent.iterdir() if ".tmp-" in f.name]))

    p, _ = start()
    p.join(120)
    assert p.exitcode == 0
    assert _figures(db) == expected
    left = sorted(f.name for f in db.parent.iterdir())
    print(f"\nkill test: load measured at {duration:.2f} s, kills survived: {survived}/{KILLS}, "
          f"most leftovers at once: {leftovers_seen}, files after the next load: {left}")
    assert left == ["monitor.duckdb", "monitor.duckdb.audit.jsonl", "monitor.duckdb.laadslot"]
    assert leftovers_seen > 0  # some kills did land mid-build, so the cleanup was exercised
