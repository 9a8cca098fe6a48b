"""monitor.store.bounded_memory: while a scan of a whole table runs, DuckDB
may cache at most SCAN_MEMORY_LIMIT for the store version; afterwards the
default limit returns, also when two threads were inside at once."""

import shutil
import threading

import pytest

from monitor import store


@pytest.fixture
def db(demo_store, tmp_path):
    """A store of the test's own: the limit is per store version and counted
    across threads, so any other thread of this worker inside bounded_memory
    on the shared demo store would make the test read the bounded limit as
    the default."""
    own = tmp_path / "monitor.duckdb"
    shutil.copyfile(demo_store[0], own)
    return own


def limit(db) -> str:
    with store.cursor(db) as cur:
        return cur.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_the_limit_holds_inside_and_the_default_returns(db):
    default = limit(db)
    with store.bounded_memory(db):
        inside = limit(db)
    assert inside != default and inside.split()[1] in ("MiB", "KiB")
    assert float(inside.split()[0]) <= int(store.SCAN_MEMORY_LIMIT.removesuffix("MB"))
    assert limit(db) == default


def test_the_default_returns_only_when_the_last_caller_leaves(db):
    default = limit(db)
    first_in, first_may_leave = threading.Event(), threading.Event()
    seen = {}

    def first():
        with store.bounded_memory(db):
            first_in.set()
            first_may_leave.wait(10)
            seen["first, after the second left"] = limit(db)

    t = threading.Thread(target=first)
    t.start()
    assert first_in.wait(10)
    with store.bounded_memory(db):
        pass
    first_may_leave.set()
    t.join(10)
    assert seen["first, after the second left"] != default
    assert limit(db) == default


def test_an_error_inside_still_restores_the_default(db):
    default = limit(db)
    try:
        with store.bounded_memory(db):
            raise KeyError("boom")
    except KeyError:
        pass
    assert limit(db) == default
