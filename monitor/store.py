"""Read-only access to the DuckDB store, for the app and the export.

Queries are files in sql/queries/; callers name them and pass parameters, so
no SQL lives in pages. A load swaps in a new store file (os.replace), and the
next query opens that one, so a new load shows without restarting the app.

Streamlit serves every session as a thread of one process, so the store is
shared between threads that may be mid-query when a load swaps the file:

- one connection per store version (file identity), opened under a lock that
  also reads the version, so two threads never race to replace it;
- a version's connection is closed only when it is no longer current and its
  last cursor has been closed, never under a thread that still uses it;
- the file is ATTACHed to a private in-memory database instead of opened
  directly: DuckDB keeps one instance per path in a process, so a plain
  connect while the old version is still in use would hand back the old
  file's data.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "sql" / "queries"
CATALOG = "store"


class StoreMissing(RuntimeError):
    """No store has been built yet."""


def db_path(path: str | os.PathLike | None) -> Path:
    """The store file; the caller names it (app.py and the ETL's command line
    read it from the environment, nothing below them does)."""
    if not path:
        raise StoreMissing("geen opslag opgegeven")
    return Path(path)


def store_version(path=None) -> tuple[int, int]:
    """Changes whenever a load swaps in a new file (os.replace gives a new
    inode); use it as a cache key."""
    try:
        st = db_path(path).stat()
    except FileNotFoundError as exc:
        raise StoreMissing(str(db_path(path))) from exc
    return (st.st_ino, st.st_mtime_ns)


@dataclass(eq=False)
class _Version:
    version: tuple[int, int]
    con: duckdb.DuckDBPyConnection
    users: int = 0
    current: bool = True
    bounded: int = 0  # callers inside bounded_memory


_lock = threading.Lock()
_open: dict[Path, _Version] = {}


def _attach(p: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    try:
        literal = str(p).replace("'", "''")
        con.execute(f"ATTACH '{literal}' AS {CATALOG} (READ_ONLY)")
    except duckdb.IOException as exc:
        con.close()
        if not p.exists():
            raise StoreMissing(str(p)) from exc
        raise
    return con


def _retire(entry: _Version) -> None:
    """Caller holds _lock."""
    entry.current = False
    if entry.users == 0:
        entry.con.close()


def _acquire(p: Path) -> _Version:
    with _lock:
        version = store_version(p)
        entry = _open.get(p)
        if entry is None or entry.version != version:
            fresh = _Version(version, _attach(p))
            if entry is not None:
                _retire(entry)
            _open[p] = entry = fresh
        entry.users += 1
        return entry


def _release(entry: _Version) -> None:
    with _lock:
        entry.users -= 1
        if entry.users == 0 and not entry.current:
            entry.con.close()


@contextmanager
def cursor(path=None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current store version, valid until the block ends;
    a load swapping the file meanwhile does not disturb it."""
    entry = _acquire(db_path(path))
    try:
        cur = entry.con.cursor()
        try:
            cur.execute(f"USE {CATALOG}")
            yield cur
        finally:
            cur.close()
    finally:
        _release(entry)


# DuckDB keeps every block it has read cached up to its memory limit (most of
# the machine by default), so one scan of the national cube leaves ~0,3 GB
# in the app. Queries that each read a gemeente's rows do not notice; a scan
# of the whole cube does. Nationally, under this limit the decision behind a
# person filter takes 2,2 s instead of 1,8 s and the app peaks at 0,54 GB
# instead of 0,75 GB; a permanent limit would slow every headline (~15 ms).
SCAN_MEMORY_LIMIT = "128MB"


@contextmanager
def bounded_memory(path=None) -> Iterator[None]:
    """For work that scans whole large tables: while it runs, DuckDB caches
    at most SCAN_MEMORY_LIMIT for this store version, and when the last such
    caller ends, the default limit returns with the cache emptied. The limit
    holds for every thread's queries meanwhile; theirs are small."""
    entry = _acquire(db_path(path))
    try:
        with _lock:
            entry.bounded += 1
            if entry.bounded == 1:
                _set(entry, f"SET memory_limit = '{SCAN_MEMORY_LIMIT}'")
        try:
            yield
        finally:
            with _lock:
                entry.bounded -= 1
                if entry.bounded == 0:
                    # a low limit evicts the cached blocks at once (~20 ms)
                    _set(entry, "SET memory_limit = '64MB'", "RESET memory_limit")
    finally:
        _release(entry)


def _set(entry: _Version, *statements: str) -> None:
    """Database-wide settings, on a cursor of its own: other threads use the
    version's connection to open theirs meanwhile."""
    cur = entry.con.cursor()
    try:
        for statement in statements:
            cur.execute(statement)
    finally:
        cur.close()


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"onbekende query: {name}")
    return path.read_text(encoding="utf-8")


def query(name: str, params: dict | None = None, path=None) -> pd.DataFrame:
    """Run sql/queries/<name>.sql with named parameters ($name in the file)."""
    with cursor(path) as cur:
        return cur.execute(query_text(name), params or {}).df()


def load_info(path=None) -> dict:
    """The latest load: when, from what, demo or not."""
    row = query("load_info", path=path)
    return {} if row.empty else row.iloc[0].to_dict()


def region_name(path=None) -> str:
    """The region's name for titles and decks: the region file's `regio`, or
    how many gemeenten it holds when the file names no region."""
    info = load_info(path)
    named = info.get("regio")
    if isinstance(named, str) and named:
        return named
    return f"{info.get('gemeenten') or 'onbekend aantal'} gemeenten"


def budget_gemeente(path=None) -> str | None:
    """The gemeente whose budget the begrotingsmodel holds, as the region
    file of the latest load named it (etl/region.py budget_gemeente); None
    for a store loaded before the region file said so."""
    code = load_info(path).get("begroting_gemeente")
    return code if isinstance(code, str) and code else None


def is_demo(path=None) -> bool:
    try:
        return bool(load_info(path).get("is_demo", False))
    except StoreMissing:
        return False
