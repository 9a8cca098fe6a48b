"""The audit log (BIO 8.15): who loaded, exported or downloaded what, when,
and whether it worked.

One JSON object per line: time (UTC, ISO 8601), actor (the login, or "lokaal"
when nobody logged in: the command line, or the app without login), action,
object and result. Never personal data of the people in the extracts: every
identifier-shaped number in object and result is masked before writing, so a
careless caller cannot leak a BSN here either.

Writers in several processes (the ETL, every Streamlit server) append to the
same file: each line is written with one write() under an exclusive lock.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path

from monitor import identifiers

LOCAL_ACTOR = "lokaal"
FILE_NAME = "audit.jsonl"


def path_beside(store: str | os.PathLike) -> Path:
    """The audit log that belongs to a store: in the same folder."""
    return Path(store).with_name(FILE_NAME)


def record(action: str, object: str, result: str, actor: str | None = None, *,
           path: str | os.PathLike) -> dict:
    """Append one line; returns what was written."""
    entry = {
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "actor": actor or LOCAL_ACTOR,
        "action": action,
        "object": identifiers.mask(str(object)),
        "result": identifiers.mask(str(result)),
    }
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line)
    finally:
        os.close(fd)
    return entry


def read(path: str | os.PathLike) -> list[dict]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]
