"""Small hand-written drops for tests: write contract files from dicts.

Tests state their rows explicitly (so the arithmetic can be checked by hand)
and leave every unnamed column empty.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from etl.contract import EXTRACTS, Extract

BY_NAME = {e.name: e for e in EXTRACTS}


def bsn(n: int) -> str:
    """The n-th valid BSN (elfproef) from a fixed base, 9 digits."""
    base = 100000000 + n * 100
    for candidate in range(base, base + 100):
        s = f"{candidate:09d}"
        total = sum(int(d) * w for d, w in zip(s[:8], range(9, 1, -1))) - int(s[8])
        if total % 11 == 0:
            return s
    raise AssertionError("no valid BSN in range")


def vnummer(n: int) -> str:
    return f"{1000000000 + n:010d}"


def nl(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d-%m-%Y")


def person(n: int, **fields) -> dict:
    """The n-th person's inburgeraars row: an active asielstatushouder in
    Maastricht with BSN and V-nummer. `fields`, keyed by contract header,
    override or add columns; a date may be a datetime.date, None is empty."""
    row = {"BSN": bsn(n), "V-nummer": vnummer(n), "Gemeentecode": "GM0935",
           "Doelgroep": "Asielstatushouder", "Status": "Actief"}
    row.update({k: nl(v) if isinstance(v, dt.date) else ("" if v is None else v)
                for k, v in fields.items()})
    return row


def write_csv(drop: Path, relpath: str, rows: list[dict], extract: str | None = None,
              encoding: str = "utf-8-sig", header: list[str] | None = None) -> Path:
    """Rows keyed by contract header; missing columns are written empty."""
    spec: Extract = BY_NAME[extract or _guess(relpath)]
    sep = "," if spec.dialect == "vista" else ";"
    header = header or [c.source for c in spec.columns]
    lines = [sep.join(header)]
    for row in rows:
        lines.append(sep.join(str(row.get(h, "")) for h in header))
    path = drop / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_xlsx(drop: Path, relpath: str, rows: list[dict], title: str | None = None) -> Path:
    """COA sheet; dates given as datetime.date become real Excel date cells."""
    from openpyxl import Workbook

    spec = BY_NAME[_guess(relpath)]
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    header = [c.source for c in spec.columns]
    if spec.extra.get("title_row"):
        ws.append([title or "Bezettingsoverzicht COA locaties Zuid-Limburg"])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append([row.get(h) for h in header])
    if spec.name == "coa_bezetting":
        ws.append(["Totaal", None, None] + [sum(r.get(h) or 0 for r in rows) for h in header[3:]])
    path = drop / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _guess(relpath: str) -> str:
    name = relpath.split("/")[-1]
    for spec in EXTRACTS:
        if spec.matches(relpath):
            return spec.name
    raise ValueError(f"no extract matches {name}")
