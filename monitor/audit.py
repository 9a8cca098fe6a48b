"""The audit log (BIO 8.15): who loaded, exported or downloaded what, when,
and whether it worked.

One JSON object per line: time (UTC, ISO 8601), actor (the login, or "lokaal"
when nobody logged in: the command line, or the app without login), action,
object and result. Never personal data of the people in the extracts: every
identifier-shaped number in the text of object and result is masked before
writing, so a careless caller cannot leak a BSN here either. The product's
own figures (rows loaded, files) are not text: they come as `counts`, are
whole numbers, and are put into the result after masking, so a national load
of 1.234.567 rows is recorded as such.

Each store has its own log beside it (`<store>.audit.jsonl`): two stores in
one folder never mix their histories.

Writers in several processes (the ETL, every Streamlit server) append to the
same file: each line is written with one write() under an exclusive lock.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Mapping
from pathlib import Path

from monitor import identifiers

LOCAL_ACTOR = "lokaal"
SUFFIX = ".audit.jsonl"


def path_beside(store: str | os.PathLike) -> Path:
    """The audit log that belongs to a store: beside it, named after it."""
    store = Path(store)
    return store.with_name(store.name + SUFFIX)


def record(action: str, object: str, result: str, actor: str | None = None, *,
           path: str | os.PathLike, counts: Mapping[str, int] | None = None) -> dict:
    """Append one line; returns what was written. `{name}` in `result` is
    replaced by `counts[name]` after the text is masked."""
    text = identifiers.mask(str(result))
    for name, n in (counts or {}).items():
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"count {name} is not a whole number")
        text = text.replace("{" + name + "}", str(n))
    entry = {
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "actor": actor or LOCAL_ACTOR,
        "action": action,
        "object": identifiers.mask(str(object)),
        "result": text,
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
