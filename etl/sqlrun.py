"""Apply the SQL layer (sql/) to a freshly loaded store.

Layers run in a fixed order, files within a layer alphabetically; a file may
only depend on earlier layers or on files that sort before it. See sql/README.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
LAYERS = ("staging", "intermediate", "indicators", "marts")


def sql_files() -> list[Path]:
    return [f for layer in LAYERS for f in sorted((SQL_DIR / layer).glob("*.sql"))]


def apply(con, today: dt.date | None = None) -> None:
    for path in sql_files():
        con.execute(path.read_text(encoding="utf-8"))
