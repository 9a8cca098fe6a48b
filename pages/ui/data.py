"""Cached data access for the pages: one cached call for every query of
monitor.queries, keyed on the store snapshot (path and version), so a new
load shows without a restart. Everything returned is an aggregate that already passed
monitor.disclosure; pages never see person-level rows."""

from __future__ import annotations

import atexit
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from monitor import catalogue as cat
from monitor import audit, exports, indicators, queries, store

STORE_PATH = "_im_store_path"
DEFAULT_STORE = Path(__file__).resolve().parents[2] / "data" / "monitor.duckdb"


@dataclass(frozen=True)
class Snapshot:
    """The store as one page run sees it; hashable, so it keys every cache."""

    path: Path
    version: tuple[int, int]


def use_store(path: Path) -> None:
    """app.py names the store once per run; everything below takes it from here."""
    st.session_state[STORE_PATH] = str(path)


def store_path() -> Path:
    return Path(st.session_state[STORE_PATH])


def audit_path() -> Path:
    """The audit log beside the store; beside the default store when a page
    runs on its own without one (the Begroting page can)."""
    named = st.session_state.get(STORE_PATH)
    return audit.path_beside(named or DEFAULT_STORE)


def snapshot() -> Snapshot:
    path = store_path()
    return Snapshot(path, store.store_version(path))


# Seconds without a page run in any session before background work starts:
# by then the page is in the browser and its user is reading it, so the work
# never shares the CPU with drawing a page.
IDLE_S = 2.0


class Activity:
    """Page runs in progress over all sessions, and when the last one ended."""

    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._running = 0
        self._ended = clock()

    def started(self) -> None:
        with self._lock:
            self._running += 1

    def ended(self) -> None:
        with self._lock:
            self._running -= 1
            self._ended = self._clock()

    def idle_for(self) -> float:
        with self._lock:
            return 0.0 if self._running else self._clock() - self._ended


ACTIVITY = Activity()


# Background work ends between two steps when the process exits: a daemon
# thread still inside a query while the interpreter tears down the store's
# connection aborts the process ("connection is busy with another call").
STOPPING = threading.Event()
_background: list[threading.Thread] = []


@atexit.register
def _finish_background() -> None:
    STOPPING.set()
    for thread in _background:
        thread.join(timeout=60)


def run_when_idle(work, *args, activity: Activity = ACTIVITY, sleep=time.sleep) -> None:
    """Run work(*args) once the server has been idle IDLE_S seconds."""
    while (left := IDLE_S - activity.idle_for()) > 0:
        sleep(left)
    if not STOPPING.is_set():
        work(*args)


def run_steps_when_idle(steps, activity: Activity = ACTIVITY, sleep=time.sleep) -> None:
    """Run each step once the server has been idle IDLE_S seconds: work of
    minutes (nationally) gives way to every page that starts meanwhile, and
    holds it up by one step at most."""
    for step in steps:
        if STOPPING.is_set():
            return
        run_when_idle(step, activity=activity, sleep=sleep)


@st.cache_resource(show_spinner=False)
def warm(snap: Snapshot) -> threading.Thread:
    """Once per store version and server: the decisions every session shares
    are taken in the background while pages are read (monitor.indicators.warm)."""
    thread = threading.Thread(target=run_steps_when_idle, args=(indicators.warm_steps(snap.path),),
                              daemon=True, name="warm-disclosure")
    _background.append(thread)
    thread.start()
    return thread


@st.cache_resource(show_spinner=False)
def warm_png() -> threading.Thread:
    """Once per server: the browser that draws PNGs is started while nobody
    waits for a page, so the first download does not wait for it."""
    thread = threading.Thread(target=run_when_idle, args=(exports.warm,), daemon=True,
                              name="warm-png")
    thread.start()
    return thread


@st.cache_data(show_spinner=False, max_entries=4096)
def query(snap: Snapshot, name: str, args: tuple):
    """Every read of the store passes here: one cache for every query
    (monitor.queries), keyed on the snapshot, the query and its arguments."""
    return queries.run(snap.path, name, *args)


def get(name: str, *args):
    """A query on the store of this run, cached."""
    return query(snapshot(), name, args)


def source(snap: Snapshot | None = None) -> queries.Source:
    """monitor.queries.Source through the cache: the registry, the basket and
    the deck read the tables the pages showed. Without a store file a Source
    that reads nothing cached: the budget model's charts need no data."""
    if snap is None:
        if STORE_PATH not in st.session_state:
            return queries.Source(None)
        try:
            snap = snapshot()
        except store.StoreMissing:
            return queries.Source(store_path())
    return queries.Source(snap.path, call=lambda name, *args: query(snap, name, args))


# Short names for what pages read besides charts.

def current_load_info() -> dict:
    """The latest load, or {} when there is no store (the Begroting page works
    without one)."""
    try:
        return load_info(snapshot())
    except (store.StoreMissing, KeyError):
        return {}


def load_info(snap: Snapshot) -> dict:
    return query(snap, "load_info", ())


def region_name(snap: Snapshot) -> str:
    return query(snap, "region_name", ())


def catalogue(snap: Snapshot) -> list[cat.Indicator]:
    return query(snap, "catalogue", ())


def indicator(snap: Snapshot, indicator_id: str) -> cat.Indicator:
    return cat.by_id(catalogue(snap))[indicator_id]


def catalogue_blocks(snap: Snapshot) -> list[cat.Indicator]:
    return query(snap, "catalogue_blocks", ())


def filter_options(snap: Snapshot) -> dict:
    return query(snap, "filter_options", ())


def gemeente_namen(snap: Snapshot) -> dict[str, str]:
    return query(snap, "gemeente_namen", ())
