"""First run on a fresh machine: build the demo store if there is none."""

from __future__ import annotations

import fcntl
from pathlib import Path

from .demo import write_demo_drop
from .load import load

ROOT = Path(__file__).resolve().parent.parent
DEMO_DROP = ROOT / "data" / "demo_drop"


def ensure_demo_store(db: Path, drop: Path = DEMO_DROP) -> bool:
    """Write and load the synthetic demo drop unless `db` exists. True when
    it built one. A lock keeps two browser sessions from building at once."""
    db = Path(db)
    if db.exists():
        return False
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if db.exists():
            return False
        if not drop.exists():
            write_demo_drop(drop)
        load(drop, db)
        return True
