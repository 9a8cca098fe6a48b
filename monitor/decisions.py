"""The disclosure decisions of a store's families, kept on disk beside the
store: taken once per load instead of once per process. Every replica
behind the proxy, a restarted server and each test worker reads what the
first of them decided (a family chunk costs nationally ~1-2 s, all of them
together minutes of CPU that every process used to spend again).

A decision is only ever read back for the load that took it and for the
code that took it: the folder is named by the load's run_id and by a hash
of the files whose code and queries decide (_DECIDED_BY). Anything that
goes wrong on disk (a folder that cannot be written, a file a concurrent
clean-up removed, a file that does not parse) makes the caller decide
again, never show a cell; what is kept are the keys of hidden cells, no
person and no figure.

MONITOR_DECISIONS: the folder to keep them in ("0": not at all); unset,
`<store>.besluiten` beside the store, where a new load's decisions replace
the previous load's.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import store

ENV = "MONITOR_DECISIONS"
COLUMNS = ["g", "m", "indicator_id", "peildatum", "key_group"]
_FORMAT = b"1"
_DECIDED_BY = ["monitor/disclosure.py", "monitor/indicators.py", "monitor/filters.py",
               "monitor/dimensions.py", "sql/queries/cube_cells.sql"]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    h = hashlib.sha256(_FORMAT)
    for name in _DECIDED_BY:
        h.update(name.encode())
        h.update((store.ROOT / name).read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def _run_id(path, version) -> str | None:
    run = store.load_info(path).get("run_id")
    return run if isinstance(run, str) and run else None


def _folder(path, version) -> tuple[Path, bool] | None:
    """(the folder of this load's decisions, whether it is the default one
    beside the store); None when decisions are not kept."""
    setting = os.environ.get(ENV, "")
    if setting == "0":
        return None
    run = _run_id(path, version)
    if run is None:
        return None
    name = f"{run}-{fingerprint()}"
    if setting:
        return Path(setting) / name, False
    db = store.db_path(path)
    return db.parent / f"{db.name}.besluiten" / name, True


def read(path, version, name: str) -> pd.DataFrame | None:
    """The hidden cells kept under `name` for this load, or None."""
    where = _folder(path, version)
    if where is None:
        return None
    try:
        df = pd.read_parquet(where[0] / f"{name}.parquet")
    except (OSError, ValueError):  # absent, removed meanwhile, or unreadable
        return None
    return df if list(df.columns) == COLUMNS else None


def _ready(where) -> Path:
    """The folder, made; the first to make one beside the store removes the
    previous loads' decisions, which are never read again."""
    folder, beside_store = where
    new = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if new and beside_store:
        for old in folder.parent.iterdir():
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return folder


@contextmanager
def deciding(path, version, name: str):
    """Held while one process or thread decides `name`: the replicas warm
    up at the same time after a load, and without it each would take every
    decision itself. The others wait for it (a chunk: ~1-2 s nationally)
    and then read it. flock, so the lock goes with the process that held
    it, and two threads of one process exclude each other too."""
    where = _folder(path, version)
    lock = None
    if where is not None:
        try:
            lock = open(_ready(where) / f"{name}.lock", "a")
            fcntl.flock(lock, fcntl.LOCK_EX)
        except OSError:
            if lock is not None:
                lock.close()
            lock = None
    try:
        yield
    finally:
        if lock is not None:
            lock.close()


def write(path, version, name: str, hidden: pd.DataFrame) -> None:
    """Keep `hidden` (COLUMNS) under `name`; best effort. Written to a
    temporary file and renamed, so a reader sees all of it or nothing."""
    where = _folder(path, version)
    if where is None:
        return
    try:
        folder = _ready(where)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        try:
            hidden[COLUMNS].to_parquet(tmp, index=False)
            os.replace(tmp, folder / f"{name}.parquet")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass
