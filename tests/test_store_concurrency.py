"""The store under concurrent readers while loads swap it.

Streamlit sessions are threads of one process; other tools (export, bench)
are separate processes. Ten of each query the store in a loop while the store
file is swapped 24 times, the way a load publishes (etl.load.swap_in). Every
generation is a real store (one tiny load, copied and stamped with its
generation in load_runs.drop_name), so each swap changes what a query sees.

The reader processes fork from a forkserver that has imported the store
module once, so ten of them start in well under a second on two cores.
"""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import duckdb

THREADS = 10
PROCESSES = 10
SWAPS = 24
# A reader gives up by itself, so the test always ends.
READER_DEADLINE_S = 60


def read_loop(db: Path, gen_file: Path, stop_file: Path, counter=None) -> dict:
    """Query until told to stop and the final generation has been seen.
    stale: a query answered with a generation older than the one published
    before it began."""
    from monitor import store

    reads = errors = stale = 0
    last = -1
    messages: list[str] = []
    deadline = time.monotonic() + READER_DEADLINE_S
    while time.monotonic() < deadline:
        stopping = stop_file.exists()
        published = int(gen_file.read_text())
        try:
            info = store.load_info(path=db)
            store.query("gemeenten", path=db)
            last = int(str(info["drop_name"]).removeprefix("gen-"))
            reads += 1
            if counter is not None:
                with counter.get_lock():
                    counter.value += 1
            stale += last < published
        except Exception as exc:  # counted: the figure this test is about
            errors += 1
            if len(messages) < 5:
                messages.append(f"{type(exc).__name__}: {exc}"[:200])
        if stopping and last == published:
            break
    return {"reads": reads, "errors": errors, "stale": stale, "last": last,
            "messages": messages}


def _reader_process(db: Path, gen_file: Path, stop_file: Path, results, counter) -> None:
    results.put(read_loop(db, gen_file, stop_file, counter))


def _publish_gen(gen_file: Path, gen: int) -> None:
    tmp = gen_file.with_suffix(".tmp")
    tmp.write_text(str(gen))
    tmp.replace(gen_file)


def _generation(base: Path, out: Path, gen: int) -> Path:
    shutil.copy(base, out)
    with duckdb.connect(str(out)) as con:
        con.execute("UPDATE load_runs SET drop_name = ?", [f"gen-{gen}"])
    return out


def test_readers_in_threads_and_processes_survive_swaps(tmp_path):
    from etl.load import load, swap_in
    from tests.factories import bsn, write_csv

    drop = tmp_path / "drop"
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [
        {"BSN": bsn(n), "Gemeentecode": "GM0935", "Doelgroep": "Asielstatushouder",
         "Status": "Actief"} for n in range(1, 6)])
    base = tmp_path / "base.duckdb"
    load(drop, base, key=b"test-sleutel")
    db = tmp_path / "monitor.duckdb"
    gen_file, stop_file = tmp_path / "gen", tmp_path / "stop"
    # Built before the readers start, so each swap is as quick as a load's.
    built = [_generation(base, tmp_path / f"g{gen}.duckdb", gen) for gen in range(SWAPS + 1)]
    swap_in(built[0], db)
    _publish_gen(gen_file, 0)

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["monitor.store"])
    queue = ctx.Queue()
    reads = ctx.Value("i", 0)  # every reader counts here, so swaps can wait for reads
    procs = [ctx.Process(target=_reader_process, args=(db, gen_file, stop_file, queue, reads))
             for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(
        read_loop(db, gen_file, stop_file, reads))) for _ in range(THREADS)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # every reader has the first version open
    for gen in range(1, SWAPS + 1):
        swap_in(built[gen], db)
        _publish_gen(gen_file, gen)
        # Queries must overlap the swaps even on a busy machine: wait for ten
        # reads since the last swap (at most 1.5 s).
        before, until = reads.value, time.monotonic() + 1.5
        while reads.value < before + 10 and time.monotonic() < until:
            time.sleep(0.02)
    stop_file.touch()
    for t in threads:
        t.join(READER_DEADLINE_S + 10)
    for _ in procs:
        results.append(queue.get(timeout=READER_DEADLINE_S + 10))
    for p in procs:
        p.join(10)

    errors = sum(r["errors"] for r in results)
    stale = sum(r["stale"] for r in results)
    reads = sum(r["reads"] for r in results)
    messages = [m for r in results for m in r["messages"]]
    print(f"\nconcurrency: {THREADS} threads + {PROCESSES} processes, {SWAPS} swaps, "
          f"{reads} reads, errors under concurrency: {errors}, stale reads: {stale}")
    assert len(results) == THREADS + PROCESSES
    assert errors == 0, messages
    assert stale == 0
    assert all(r["reads"] > 0 for r in results)
    # every reader saw the last swap
    assert [r["last"] for r in results] == [SWAPS] * len(results)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("g") and p.suffix == ".duckdb"
                and p.name != "monitor.duckdb"]  # every built file was moved in
