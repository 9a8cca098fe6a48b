"""Shared fixtures: the pseudonym key tests pass to hand-made loads, an empty
folder for a hand-made drop, one demo drop and store per run, and the SQL
layer bound once per run for every load."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import os
import pickle
import shutil
import sys

import pytest

# The app's servers in this run start the PNG browser at the first click, not
# in the background of every AppTest run and test server.
os.environ.setdefault("MONITOR_PNG_WARM", "0")
# Nor does any AppTest run or test server decide every family of its store
# in the background (pages/ui/data.warm): in a test worker the process is
# never idle between runs, so that warm-up took CPU from the tests that
# followed, once per store a page had been opened on. What the warm-up
# decides is tested directly (tests/test_breakdown_decision.py).
os.environ.setdefault("MONITOR_WARM", "0")

TEST_KEY = "test-sleutel"
DEMO_TODAY = dt.date(2026, 11, 23)


# End to end and slow: a real Chromium, loads in child processes, many loads
# per property. `pytest -m "not slow"` is the quick loop while working;
# .ci/run runs everything.
SLOW_MODULES = {"test_kill", "test_store_concurrency", "test_disclosure_views",
                "test_page_begroting_random", "test_idle_warm", "test_load_spill"}
# Real Chromium against a real server. .ci/run gives them a phase of their
# own: among CPU-bound workers a starved renderer misses its timeouts.
BROWSER_MODULES = {"test_browser", "test_browser_begroting", "test_raad_browser",
                   "test_raad_screen", "test_page_walk", "test_hostile_browser",
                   "test_hostile_downloads", "test_login"}


# The files that take minutes, the longest first (measured in .ci/run's
# phases). xdist hands out whole files in collection order (.ci/run passes
# --no-loadscope-reorder, which would otherwise order them by their number
# of tests): the longest start first and the short ones fill in at the end,
# instead of one long file starting last and holding its phase up.
LONGEST_FIRST = ["test_page_walk", "test_browser", "test_raad_screen", "test_hostile_downloads",
                 "test_hostile_browser", "test_login",
                 "test_disclosure_adversary", "test_hostile_outputs", "test_pages",
                 "test_disclosure_views", "test_breakdown_decision", "test_page_begroting_random",
                 "test_registry", "test_exports", "test_judgement", "test_calib_export",
                 "test_load_rejections", "test_kill"]


def pytest_collection_modifyitems(config, items):
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__.rsplit(".", 1)[-1], len(rank)))
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        if module in SLOW_MODULES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


# Every AppTest scans the metadata of every installed package for Streamlit
# components (BidiComponentManager), ~0,25 s per AppTest and a sixth of an
# AppTest-heavy file's time; nothing is installed during a run, so once per
# process gives the same answer.
def _scan_once():
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=1)(scan)


_scan_once()


# Streamlit runs a script (AppTest, in this process) as a module it installs
# as sys.modules["__main__"] with __file__ = the script, and leaves it there.
# A process started later by spawn or forkserver would then run app.py as its
# main module before its target, and die there (no Streamlit session).
_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def real_main_module():
    sys.modules["__main__"] = _MAIN
    yield


@pytest.fixture(scope="session", autouse=True)
def schema_cache(tmp_path_factory):
    """Every load in the run starts from one copy of the empty store with the
    SQL layer's views bound (etl.load.SCHEMA_CACHE): binding them is most of
    a hand-made drop's load. tests/test_schema_template.py checks that such a
    store is the one a load without the cache builds."""
    from etl import load

    load.SCHEMA_CACHE = tmp_path_factory.mktemp("schema")
    # and the `python -m etl load` processes tests start
    os.environ["MONITOR_SCHEMA_CACHE"] = str(load.SCHEMA_CACHE)
    yield load.SCHEMA_CACHE
    os.environ.pop("MONITOR_SCHEMA_CACHE", None)
    load.SCHEMA_CACHE = None


@pytest.fixture(scope="session", autouse=True)
def kept_decisions(tmp_path_factory):
    """One folder of kept disclosure decisions (monitor.decisions) for the
    whole run, as replicas share one beside their store: each worker's copy
    of the demo store is the same load, so a family one worker or test
    server decided is read by the others. Loads in the run are told apart
    by their run_id."""
    os.environ["MONITOR_DECISIONS"] = str(_run_folder(tmp_path_factory) / "besluiten")
    yield
    os.environ.pop("MONITOR_DECISIONS", None)


@pytest.fixture
def drop(tmp_path):
    """An empty drop folder; tests write its files with tests.factories."""
    d = tmp_path / "drop"
    d.mkdir()
    return d


def _run_folder(tmp_path_factory):
    """The temporary folder all xdist workers of this run share."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def _once_per_run(tmp_path_factory, name: str, build):
    """What build(folder) returns, built once per test run whatever the
    number of xdist workers: the first worker to ask builds it under a
    lock in the run's shared temporary folder, the others wait for it and
    read the same result (pickled beside it)."""
    root = _run_folder(tmp_path_factory)
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / "built.pickle"
        if not done.exists():
            folder.mkdir(exist_ok=True)
            result = build(folder)
            done.write_bytes(pickle.dumps(result))
        return pickle.loads(done.read_bytes())


@pytest.fixture(scope="session")
def demo_drop(tmp_path_factory):
    """The demo drop, written once per run; tests only read it."""
    from etl.demo import write_demo_drop

    def build(folder):
        drop = folder / "drop"
        return drop, write_demo_drop(drop, seed=2024, today=DEMO_TODAY)

    return _once_per_run(tmp_path_factory, "demo_drop", build)


@pytest.fixture(scope="session")
def demo_store(demo_drop, tmp_path_factory):
    """The demo drop loaded as the app would: with the demo key. Loaded
    once per run; each worker gets a copy of its own (with the audit log
    beside it), as tests write downloads and loads into theirs."""
    from etl.load import load

    drop, _ = demo_drop

    def build(folder):
        db = folder / "monitor.duckdb"
        return db, load(drop, db, today=DEMO_TODAY)

    shared, report = _once_per_run(tmp_path_factory, "demo_store", build)
    return _own_copy(shared, tmp_path_factory.mktemp("store")), report


def _own_copy(shared, folder):
    """A copy of a store built once per run, with the files beside it (its
    audit log), for a worker that writes downloads and loads into it."""
    db = folder / shared.name
    for beside in shared.parent.glob(shared.name + "*"):
        if beside.is_file() and not beside.name.endswith((".lock", ".laadslot")):
            shutil.copy2(beside, db.parent / beside.name)
    return db


@pytest.fixture(scope="session")
def hostile_store(demo_drop, tmp_path_factory):
    """The demo drop with every free-text field poisoned (tests.hostile),
    loaded once per run; each worker gets a copy of its own."""
    from etl.load import load
    from tests.hostile import write_hostile_drop

    def build(folder):
        drop = folder / "drop"
        rewritten = write_hostile_drop(demo_drop[0], drop)
        db = folder / "monitor.duckdb"
        return db, load(drop, db, today=DEMO_TODAY), rewritten

    shared, report, rewritten = _once_per_run(tmp_path_factory, "hostile_store", build)
    return _own_copy(shared, tmp_path_factory.mktemp("hostile_store")), report, rewritten
