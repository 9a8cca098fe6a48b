"""Read-only access to the DuckDB store, for the app and the export.

Queries are files in sql/queries/; callers name them and pass parameters, so
no SQL lives in pages. The connection is reopened whenever the ETL has swapped
in a new store file, so a new load shows without restarting the app.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "monitor.duckdb"
QUERY_DIR = ROOT / "sql" / "queries"


class StoreMissing(RuntimeError):
    """No store has been built yet."""


def db_path(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("MONITOR_DB") or DEFAULT_DB)


def store_version(path=None) -> tuple[int, int]:
    """Changes whenever a load swaps in a new file (os.replace gives a new
    inode); use it as a cache key."""
    try:
        st = db_path(path).stat()
    except FileNotFoundError as exc:
        raise StoreMissing(str(db_path(path))) from exc
    return (st.st_ino, st.st_mtime_ns)


_lock = threading.Lock()
_open: dict[Path, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}


def connect(path=None) -> duckdb.DuckDBPyConnection:
    """A cursor on a read-only connection to the current store file."""
    p = db_path(path)
    version = store_version(p)
    with _lock:
        cached = _open.get(p)
        if cached is None or cached[0] != version:
            if cached is not None:
                cached[1].close()
            _open[p] = (version, duckdb.connect(str(p), read_only=True))
        return _open[p][1].cursor()


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"onbekende query: {name}")
    return path.read_text(encoding="utf-8")


def query(name: str, params: dict | None = None, path=None) -> pd.DataFrame:
    """Run sql/queries/<name>.sql with named parameters ($name in the file)."""
    cur = connect(path)
    try:
        return cur.execute(query_text(name), params or {}).df()
    finally:
        cur.close()


def load_info(path=None) -> dict:
    """The latest load: when, from what, demo or not."""
    row = query("load_info", path=path)
    return {} if row.empty else row.iloc[0].to_dict()


def is_demo(path=None) -> bool:
    try:
        return bool(load_info(path).get("is_demo", False))
    except StoreMissing:
        return False
