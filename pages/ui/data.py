"""Cached data access for the pages: one function per data need, each
keyed on the store snapshot (path and version), so a new load shows
without a restart. Everything returned is an aggregate that already passed
monitor.disclosure; pages never see person-level rows."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import catalogue as cat
from monitor import exports, indicators, store
from monitor.filters import Filters

STORE_PATH = "_im_store_path"


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


def run_when_idle(work, *args, activity: Activity = ACTIVITY, sleep=time.sleep) -> None:
    """Run work(*args) once the server has been idle IDLE_S seconds."""
    while (left := IDLE_S - activity.idle_for()) > 0:
        sleep(left)
    work(*args)


@st.cache_resource(show_spinner=False)
def warm(snap: Snapshot) -> threading.Thread:
    """Once per store version and server: the decisions every session shares
    are taken in the background while pages are read (monitor.indicators.warm)."""
    thread = threading.Thread(target=run_when_idle, args=(indicators.warm, snap.path),
                              daemon=True, name="warm-disclosure")
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


@st.cache_data(show_spinner=False)
def load_info(snap: Snapshot) -> dict:
    return store.load_info(snap.path)


@st.cache_data(show_spinner=False)
def region_name(snap: Snapshot) -> str:
    return store.region_name(snap.path)


@st.cache_data(show_spinner=False)
def catalogue(snap: Snapshot) -> list[cat.Indicator]:
    return cat.load(snap.path)


def indicator(snap: Snapshot, indicator_id: str) -> cat.Indicator:
    return cat.by_id(catalogue(snap))[indicator_id]


@st.cache_data(show_spinner=False)
def catalogue_blocks(snap: Snapshot) -> list[cat.Indicator]:
    return cat.load_blocks(snap.path)


@st.cache_data(show_spinner=False)
def filter_options(snap: Snapshot) -> dict:
    return indicators.filter_options(path=snap.path)


@st.cache_data(show_spinner=False)
def gemeente_namen(snap: Snapshot) -> dict[str, str]:
    return indicators.gemeente_namen(path=snap.path)


@st.cache_data(show_spinner=False, max_entries=1024)
def series(snap: Snapshot, indicator_id: str, filters: Filters) -> pd.DataFrame:
    return indicators.series(indicator_id, filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=1024)
def breakdown(snap: Snapshot, indicator_id: str, dimension: str, filters: Filters) -> pd.DataFrame:
    return indicators.breakdown(indicator_id, dimension, filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=1024)
def by_gemeente(snap: Snapshot, indicator_id: str, filters: Filters) -> pd.DataFrame:
    return indicators.by_gemeente(indicator_id, filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def headline(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.headline(filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def route(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.route(filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def taakstelling(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.taakstelling(filters, path=snap.path)


@st.cache_data(show_spinner=False)
def azc_bezetting(snap: Snapshot) -> pd.DataFrame:
    return indicators.azc_bezetting(path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def huisvesting_wijk(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.huisvesting_wijk(filters, path=snap.path)


@st.cache_data(show_spinner=False)
def acties(snap: Snapshot) -> pd.DataFrame:
    return indicators.acties(path=snap.path)


@st.cache_data(show_spinner=False)
def databronnen(snap: Snapshot) -> pd.DataFrame:
    return indicators.databronnen(path=snap.path)


@st.cache_data(show_spinner=False, ttl=3600)
def databronnen_versheid(snap: Snapshot, today: dt.date) -> pd.DataFrame:
    return indicators.databronnen_versheid(today, path=snap.path)


# --- cohort curves ------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def cohort_curves(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.cohort_curves(filters, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def land_van_herkomst(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    return indicators.land_van_herkomst(filters, path=snap.path)


# --- Z-route capacity and VISTA levels per skill ---------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def z_route(snap: Snapshot, filters: Filters, norm_per_week: float) -> pd.DataFrame:
    from monitor import zroute
    p = filters.peildatum or indicators.latest_peildatum(snap.path)
    return zroute.z_route(p, filters, norm_per_week=norm_per_week, path=snap.path)


@st.cache_data(show_spinner=False, max_entries=256)
def vista_niveaus(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    from monitor import vista
    p = filters.peildatum or indicators.latest_peildatum(snap.path)
    return vista.niveaus(p, filters, path=snap.path).assign(peildatum=p)
